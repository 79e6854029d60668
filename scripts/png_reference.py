#!/usr/bin/env python3
"""Checks normalised copies against an independent decoder (pypng, apt package python3-png).

Usage: /usr/bin/python3 scripts/png_reference.py ORIGINAL NORMALISED [ORIGINAL NORMALISED ...]

For each pair, pypng decodes the original at its stored depth, the README's 8-bit rule is applied
here in floating point (written again from the rule's text, not from the Swift code), and the
result is compared sample by sample with the normalised copy (decoded by pypng too). Prints one
JSON object a line: {"file", "channels", "expected_channels", "max_difference", "differing"}.
"""
import json, math, sys
import png  # pypng

DISPLAY_EXPONENT = 2.2


def chunk_types(data):
    offset, types = 8, set()
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset:offset + 4], "big")
        types.add(data[offset + 4:offset + 8])
        offset += 12 + length
    return types


def to8(value, bits, significant, exponent):
    if significant and significant < bits:
        value >>= bits - significant
        bits = significant
    x = value / (2 ** bits - 1)
    if exponent != 1:
        x = x ** exponent
    return min(255, max(0, math.floor(x * 255 + 0.5)))


def reference(path):
    data = open(path, "rb").read()
    reader = png.Reader(bytes=data)
    width, height, rows, info = reader.read()
    rows = [list(r) for r in rows]
    gamma = info.get("gamma")
    exponent = 1.0
    if gamma and b"sRGB" not in chunk_types(data) and abs(gamma * DISPLAY_EXPONENT - 1) > 0.01:
        exponent = 1 / (gamma * DISPLAY_EXPONENT)
    sbit = list(reader.sbit) if getattr(reader, "sbit", None) else []
    depth = info["bitdepth"]
    out = []
    if "palette" in info:
        palette = info["palette"]
        channels = len(palette[0])
        for row in rows:
            line = []
            for index in row:
                entry = palette[index]
                line += [to8(entry[c], 8, sbit[c] if c < len(sbit) else None, exponent) for c in range(3)]
                if channels == 4:
                    line.append(entry[3])
            out.append(line)
        return out, channels
    planes = info["planes"]
    transparent = info.get("transparent")
    if transparent is not None and not isinstance(transparent, (tuple, list)):
        transparent = (transparent,)
    alpha_plane = planes - 1 if info["alpha"] else None
    channels = planes + (1 if transparent is not None else 0)
    for row in rows:
        line = []
        for x in range(width):
            pixel = row[x * planes:(x + 1) * planes]
            for c, value in enumerate(pixel):
                significant = sbit[c] if c < len(sbit) else None
                line.append(to8(value, depth, significant, 1.0 if c == alpha_plane else exponent))
            if transparent is not None:
                line.append(0 if tuple(pixel) == tuple(transparent) else 255)
        out.append(line)
    return out, channels


def compare(original, normalised):
    expected, expected_channels = reference(original)
    width, height, rows, info = png.Reader(filename=normalised).read()
    got = [list(r) for r in rows]
    differences = [abs(a - b) for want, have in zip(expected, got) for a, b in zip(want, have)]
    same_shape = len(got) == len(expected) and all(len(a) == len(b) for a, b in zip(got, expected))
    return {
        "file": original,
        "channels": info["planes"],
        "expected_channels": expected_channels,
        "same_shape": same_shape,
        "max_difference": max(differences) if differences else None,
        "differing": sum(1 for d in differences if d),
    }


if __name__ == "__main__":
    arguments = sys.argv[1:]
    for original, normalised in zip(arguments[::2], arguments[1::2]):
        print(json.dumps(compare(original, normalised)))
