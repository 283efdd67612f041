#!/usr/bin/env python3
"""tests/viz/png_check.py — does a screenshot PNG show something?

Standard library only: parses the PNG chunks, inflates IDAT with zlib,
undoes the scanline filters, and counts distinct colors and pixels that
differ from the background (the most common color).

usage: png_check.py FILE.png [--min-colors N] [--min-foreground FRACTION]
                    [--size WxH] [--expect-color R,G,B,FRACTION[,TOLERANCE]]...
--size: the image is exactly this large. --expect-color: at least FRACTION of
the pixels are within TOLERANCE (default 12) of this color in every channel
(e.g. the narration banner's blue, a zombie leader's orange row).
exit 0 if every check is met, 1 if not, 2 if the file is not a PNG we read.
"""
import argparse
import struct
import sys
import zlib
from collections import Counter

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # grey, RGB, grey+alpha, RGBA (8-bit only)


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in CHANNELS or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, color type {color}, interlace {interlace})")
    return width, height, CHANNELS[color], zlib.decompress(b"".join(idat))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(width, height, bpp, raw):
    stride = width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        ftype, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 0xFF
            elif ftype != 0:
                raise ValueError(f"bad filter type {ftype}")
        rows.append(bytes(line))
        prev = line
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("png")
    ap.add_argument("--min-colors", type=int, default=20)
    ap.add_argument("--min-foreground", type=float, default=0.05)
    ap.add_argument("--size", default="")
    ap.add_argument("--expect-color", action="append", default=[])
    args = ap.parse_args()
    try:
        width, height, bpp, raw = read_png(args.png)
        rows = unfilter(width, height, bpp, raw)
    except (OSError, ValueError, zlib.error, struct.error) as e:
        print(f"png_check: {args.png}: {e}", file=sys.stderr)
        return 2
    counts = Counter()
    for row in rows:
        for x in range(0, len(row), bpp):
            counts[row[x:x + bpp]] += 1
    total = width * height
    background, bg_count = counts.most_common(1)[0]
    foreground = 1.0 - bg_count / total
    ok = len(counts) >= args.min_colors and foreground >= args.min_foreground
    print(f"png_check: {args.png}: {width}x{height}, {len(counts)} distinct colors, "
          f"{foreground:.1%} non-background pixels (background {tuple(background)}) -> "
          f"{'ok' if ok else 'TOO EMPTY'} (need >= {args.min_colors} colors, >= {args.min_foreground:.0%})")
    if args.size and args.size != f"{width}x{height}":
        print(f"png_check: {args.png}: size {width}x{height}, expected {args.size}")
        ok = False
    for spec in args.expect_color:
        parts = [float(x) for x in spec.split(",")]
        rgb, need = parts[:3], parts[3]
        tol = parts[4] if len(parts) > 4 else 12
        near = sum(n for px, n in counts.items() if all(abs(px[i] - rgb[i]) <= tol for i in range(3)))
        frac = near / total
        good = frac >= need
        print(f"png_check: {args.png}: color {tuple(int(c) for c in rgb)} ±{tol:g} covers {frac:.2%} "
              f"-> {'ok' if good else 'MISSING'} (need >= {need:.2%})")
        ok = ok and good
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
