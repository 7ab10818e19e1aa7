"""Draws the toolbar icon (a blue rounded square with a white "T" and a green evidence bar) at
each size the stores ask for, as PNG, with only the standard library. Run: python3 build/make-icons.py"""
import struct
import zlib

BLUE = (31, 95, 168)
WHITE = (255, 255, 255)
GREEN = (46, 160, 90)


def pixel(x, y, n):
    """Colour and alpha of the pixel centre (x, y) in an n×n icon, on a unit square."""
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.2  # corner radius
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # The "T": a top bar and a stem.
    if 0.2 <= v <= 0.34 and 0.2 <= u <= 0.8:
        return WHITE + (255,)
    if 0.34 <= v <= 0.62 and 0.42 <= u <= 0.58:
        return WHITE + (255,)
    # The evidence bar under it.
    if 0.7 <= v <= 0.8 and 0.2 <= u <= 0.8:
        return GREEN + (255,) if u <= 0.62 else (255, 255, 255, 110)
    return BLUE + (255,)


def png(n):
    rows = b''
    for y in range(n):
        rows += b'\x00' + b''.join(bytes(pixel(x, y, n)) for x in range(n))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b'\x89PNG\r\n\x1a\n'
        + chunk(b'IHDR', struct.pack('>IIBBBBB', n, n, 8, 6, 0, 0, 0))
        + chunk(b'IDAT', zlib.compress(rows, 9))
        + chunk(b'IEND', b'')
    )


for size in (16, 32, 48, 96, 128):
    with open(f'public/icon/{size}.png', 'wb') as f:
        f.write(png(size))
