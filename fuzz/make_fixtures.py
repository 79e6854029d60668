#!/usr/bin/env python3
"""Writes the PNG test fixtures and the fuzz seed corpus with raw chunks (zlib + struct only).

Usage: python3 fuzz/make_fixtures.py   (from the repository root)

Pixel patterns here are mirrored in Tests/ClearanceImagingTests/FixturePatterns.swift: change both.
"""
import os, struct, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests", "ClearanceImagingTests", "Fixtures")
MAL = os.path.join(FIX, "malformed")
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}

def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

def pack_row(row, depth, channels):
    if depth >= 8:
        out = bytearray()
        for px in row:
            for s in px:
                out += struct.pack(">H", s) if depth == 16 else bytes([s])
        return bytes(out)
    bits, out, acc, n = 0, bytearray(), 0, 0
    for px in row:
        acc = (acc << depth) | px[0]; n += depth
        if n == 8:
            out.append(acc); acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)

def raw_data(pixels, depth, channels, interlaced):
    h, w = len(pixels), len(pixels[0])
    out = bytearray()
    passes = ADAM7 if interlaced else [(0, 0, 1, 1)]
    for (x0, y0, dx, dy) in passes:
        for y in range(y0, h, dy):
            row = [pixels[y][x] for x in range(x0, w, dx)]
            if row:
                out += b"\x00" + pack_row(row, depth, channels)
    return bytes(out)

def png(pixels, depth, ctype, interlaced=False, extra=b"", level=9, idat_split=None):
    h, w = len(pixels), len(pixels[0])
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 1 if interlaced else 0)
    data = zlib.compress(raw_data(pixels, depth, CHANNELS[ctype], interlaced), level)
    idats = b""
    step = idat_split or len(data)
    for i in range(0, len(data), step):
        idats += chunk(b"IDAT", data[i:i + step])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + idats + chunk(b"IEND", b"")

def grid(w, h, f):
    return [[f(x, y) for x in range(w)] for y in range(h)]

# Patterns (mirrored in FixturePatterns.swift)
def p_grey(depth):
    return lambda x, y: ((x + 2 * y) % (1 << depth),)
def p_grey8(x, y): return ((x * 16 + y * 3) & 255,)
def p_grey16(x, y): return ((x * 4099 + y * 1799) & 0xFFFF,)
def p_rgb8(x, y): return ((x * 30) & 255, (y * 40) & 255, ((x + y) * 10) & 255)
def p_rgb16(x, y): return ((x * 5000) & 0xFFFF, (y * 7000) & 0xFFFF, ((x + y) * 3000) & 0xFFFF)
def p_rgba8(x, y): return p_rgb8(x, y) + ((x * 20 + y * 50 + 5) & 255,)
def p_rgba16(x, y): return p_rgb16(x, y) + (20000 + x * 3000 + y * 1000,)
def p_ga8(x, y): return ((x * 20) & 255, (y * 60 + 15) & 255)
def p_index(x, y): return ((x + y) % 4,)
PALETTE = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)

def main():
    good = {
        "grey1.png": png(grid(13, 5, p_grey(1)), 1, 0),
        "grey2.png": png(grid(13, 5, p_grey(2)), 2, 0),
        "grey4.png": png(grid(13, 5, p_grey(4)), 4, 0),
        "grey8.png": png(grid(16, 8, p_grey8), 8, 0),
        "grey16.png": png(grid(16, 8, p_grey16), 16, 0),
        "rgb8.png": png(grid(9, 7, p_rgb8), 8, 2),
        "rgb16.png": png(grid(9, 7, p_rgb16), 16, 2),
        "rgba8.png": png(grid(9, 7, p_rgba8), 8, 6),
        "greyalpha8.png": png(grid(9, 4, p_ga8), 8, 4),
        "palette8.png": png(grid(10, 6, p_index), 8, 3, extra=chunk(b"PLTE", PALETTE)),
        "palette2_trns.png": png(grid(10, 6, p_index), 2, 3,
                                 extra=chunk(b"PLTE", PALETTE) + chunk(b"tRNS", bytes([255, 128, 0]))),
        "rgb8_adam7.png": png(grid(13, 11, p_rgb8), 8, 2, interlaced=True),
        "grey1_adam7.png": png(grid(13, 11, p_grey(1)), 1, 0, interlaced=True),
        "grey16_adam7.png": png(grid(16, 8, p_grey16), 16, 0, interlaced=True, idat_split=40),
        "rgba16_adam7.png": png(grid(9, 7, p_rgba16), 16, 6, interlaced=True),
    }
    for name, data in good.items():
        write(os.path.join(FIX, name), data)
        write(os.path.join(SEEDS, name), data)

    base = good["rgb8.png"]
    idat_at = base.index(b"IDAT") - 4
    bad_crc = bytearray(base); bad_crc[idat_at + 10] ^= 0xFF   # flip a data byte; CRC no longer matches
    garbage = os.urandom(0) or bytes((i * 37 + 11) & 255 for i in range(60))
    huge_ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", huge_ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")
    too_little = png(grid(9, 7, p_rgb8), 8, 2)
    short_ihdr = struct.pack(">IIBBBBB", 9, 7, 8, 2, 0, 0, 0)
    short_data = zlib.compress(b"\x00" + bytes(27))   # one row of 7 declared
    bad_depth = struct.pack(">IIBBBBB", 4, 4, 3, 0, 0, 0, 0)
    malformed = {
        "empty.png": b"",
        "wrong_signature.png": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + base[11:],
        "signature_only.png": base[:8],
        "truncated_in_idat.png": base[: idat_at + 20],
        "truncated_no_iend.png": base[:-12],
        "bad_crc.png": bytes(bad_crc),
        "huge_declared.png": huge,
        "idat_garbage.png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", short_ihdr) + chunk(b"IDAT", garbage) + chunk(b"IEND", b""),
        "not_enough_data.png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", short_ihdr) + chunk(b"IDAT", short_data) + chunk(b"IEND", b""),
        "bad_bit_depth.png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bad_depth) + chunk(b"IDAT", short_data) + chunk(b"IEND", b""),
        "first_chunk_not_ihdr.png": b"\x89PNG\r\n\x1a\n" + chunk(b"gAMA", struct.pack(">I", 45455)) + base[8:],
        "zero_width.png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 0, 7, 8, 2, 0, 0, 0)) + base[33:],
    }
    for name, data in malformed.items():
        write(os.path.join(MAL, name), data)
    print(f"wrote {len(good)} valid and {len(malformed)} malformed fixtures")

if __name__ == "__main__":
    main()
