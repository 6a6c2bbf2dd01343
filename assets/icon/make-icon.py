#!/usr/bin/env python3
"""Draws mailsetup's icon: a white envelope on a blue rounded square, with a
green check mark (a test message that arrived). Pure Python, no libraries:
writes icon-256.png; then `convert icon-256.png -define icon:auto-resize=256,64,48,32,16 mailsetup.ico`
(ImageMagick) makes the Windows icon. Run from this folder."""
import math
import struct
import zlib

N = 256
SS = 4  # supersampling per axis


def rounded_square(x, y, r=44, m=8):
    lo, hi = m, N - m
    if not (lo <= x <= hi and lo <= y <= hi):
        return False
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


BLUE = (32, 96, 200)
WHITE = (255, 255, 255)
LINE = (32, 96, 200)
GREEN = (40, 170, 80)

# Envelope body and its flap lines.
EX0, EY0, EX1, EY1 = 44, 70, 212, 186


def colour(x, y):
    # Check badge (bottom right) over everything.
    bx, by, br = 180, 178, 50
    d = math.hypot(x - bx, y - by)
    if d <= br:
        tick = min(seg_dist(x, y, 158, 178, 174, 196), seg_dist(x, y, 174, 196, 204, 160))
        return WHITE if tick <= 7 else GREEN
    if d <= br + 6:
        return WHITE
    if EX0 <= x <= EX1 and EY0 <= y <= EY1:
        flap = min(
            seg_dist(x, y, EX0, EY0, (EX0 + EX1) / 2, 132),
            seg_dist(x, y, EX1, EY0, (EX0 + EX1) / 2, 132),
        )
        return LINE if flap <= 5 else WHITE
    if rounded_square(x, y):
        return BLUE
    return None


rows = []
for j in range(N):
    row = bytearray([0])
    for i in range(N):
        acc = [0, 0, 0, 0]
        for sj in range(SS):
            for si in range(SS):
                c = colour(i + (si + 0.5) / SS, j + (sj + 0.5) / SS)
                if c is not None:
                    acc[0] += c[0]
                    acc[1] += c[1]
                    acc[2] += c[2]
                    acc[3] += 1
        n = acc[3]
        if n:
            row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (SS * SS)])
        else:
            row += bytes(4)
    rows.append(bytes(row))


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
png += chunk(b"IEND", b"")
with open("icon-256.png", "wb") as f:
    f.write(png)
