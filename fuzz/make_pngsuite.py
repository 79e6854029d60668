#!/usr/bin/env python3
"""Completes Tests/ClearanceImagingTests/Fixtures/pngsuite from the genuine PngSuite files there.

Usage: /usr/bin/python3 fuzz/make_pngsuite.py   (from the repository root; needs pypng,
apt package python3-png, which scripts/setup installs)

The genuine files (see Fixtures/pngsuite/README.md for where each came from) are never rewritten.
This script writes:
- the interlaced twins no packaged copy ships (basi3p01, basi3p02, basi3p04, basi4a08, basi4a16,
  basi6a16): the basn file's own chunks (PLTE, tRNS, gAMA, sBIT...) kept byte for byte, IHDR
  marked Adam7, and the image data replaced by the IDAT pypng's Adam7 writer makes of the same pixels;
- the invalid x* files, made from the basn file PngSuite's own x* files start from, with the
  fault PngSuite's list gives each (a changed IHDR field keeps a correct CRC, so the fault is the
  field itself).
"""
import os, struct, zlib
import png  # pypng

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUITE = os.path.join(ROOT, "Tests", "ClearanceImagingTests", "Fixtures", "pngsuite")
MISSING_INTERLACED = ["basi3p01", "basi3p02", "basi3p04", "basi4a08", "basi4a16", "basi6a16"]


def read(name):
    with open(os.path.join(SUITE, name + ".png"), "rb") as f:
        return f.read()


def write(name, data):
    with open(os.path.join(SUITE, name + ".png"), "wb") as f:
        f.write(data)


def interlaced_twin(name):
    source = "basn" + name[4:]
    reader = png.Reader(bytes=read(source))
    width, height, rows, info = reader.read()
    rows = [list(r) for r in rows]
    options = dict(width=width, height=height, bitdepth=info["bitdepth"], interlace=True,
                   gamma=info.get("gamma"), compression=9)
    if "palette" in info:
        options["palette"] = info["palette"]
    else:
        options.update(greyscale=info["greyscale"], alpha=info["alpha"])
        if info.get("transparent") is not None:
            options["transparent"] = info["transparent"]
    out = bytearray()

    class Sink:
        def write(self, data):
            out.extend(data)

    png.Writer(**options).write(Sink(), rows)
    interlaced_idat = [p for p in chunks(bytes(out)) if p[0] == b"IDAT"]
    parts, placed = [], False
    for kind, body in chunks(read(source)):
        if kind == b"IHDR":
            body = body[:12] + b"\x01"
        if kind == b"IDAT":
            if not placed:
                parts += interlaced_idat
                placed = True
            continue
        parts.append((kind, body))
    write(name, rebuild(parts))


def chunks(data):
    offset, result = 8, []
    while offset < len(data):
        length, = struct.unpack(">I", data[offset:offset + 4])
        result.append((data[offset + 4:offset + 8], data[offset + 8:offset + 8 + length]))
        offset += 12 + length
    return result


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def rebuild(parts):
    return png.signature + b"".join(chunk(k, b) for k, b in parts)


def with_ihdr_byte(data, index, value):
    parts = chunks(data)
    kind, body = parts[0]
    body = body[:index] + bytes([value]) + body[index + 1:]
    return rebuild([(kind, body)] + parts[1:])


def with_bad_crc(data, kind_wanted):
    offset = 8
    while True:
        length, = struct.unpack(">I", data[offset:offset + 4])
        if data[offset + 4:offset + 8] == kind_wanted:
            crc_at = offset + 8 + length
            return data[:crc_at] + bytes([data[crc_at] ^ 0xFF]) + data[crc_at + 1:]
        offset += 12 + length


def invalid_files():
    g01, g04, g08, c08 = read("basn0g01"), read("basn0g04"), read("basn0g08"), read("basn2c08")
    return {
        "xs1n0g01": b"\x09" + g01[1:],                       # signature byte 1: top bit cleared
        "xs2n0g01": g01[:1] + b"Q" + g01[2:],                # signature byte 2 is a 'Q'
        "xs4n0g01": g01[:3] + b"g" + g01[4:],                # signature byte 4 lower-case
        "xs7n0g01": g01[:6] + b" " + g01[7:],                # 7th byte a space, not control-Z
        "xcrn0g04": g04.replace(b"\n", b"\r\n"),             # sent as text: CR added before every LF
        "xlfn0g04": g04.replace(b"\r", b"\r\n"),             # sent as text: LF added after every CR
        "xhdn0g08": with_bad_crc(g08, b"IHDR"),              # IHDR checksum wrong
        "xc1n0g08": with_ihdr_byte(g08, 9, 1),               # colour type 1
        "xc9n2c08": with_ihdr_byte(c08, 9, 9),               # colour type 9
        "xd0n2c08": with_ihdr_byte(c08, 8, 0),               # bit depth 0
        "xd3n2c08": with_ihdr_byte(c08, 8, 3),               # bit depth 3
        "xd9n2c08": with_ihdr_byte(c08, 8, 99),              # bit depth 99
        "xdtn0g01": rebuild([p for p in chunks(g01) if p[0] != b"IDAT"]),  # no IDAT chunk
        "xcsn0g01": with_bad_crc(g01, b"IDAT"),              # IDAT checksum wrong
    }


if __name__ == "__main__":
    for name in MISSING_INTERLACED:
        interlaced_twin(name)
    for name, data in invalid_files().items():
        write(name, data)
    print("wrote %d interlaced twins and %d invalid files in %s"
          % (len(MISSING_INTERLACED), len(invalid_files()), os.path.relpath(SUITE, ROOT)))
