/**
 * Draws the toolbar icon (a blue rounded square with a white "T" and a green evidence bar) at each
 * size the stores ask for, as PNG, with Node's own zlib. Run: `npm run icons`.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const BLUE: Rgba = [31, 95, 168, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GREEN: Rgba = [46, 160, 90, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const FAINT: Rgba = [255, 255, 255, 110];

/** Colour and alpha of the pixel centre (x, y) in an n×n icon, on a unit square. */
export function pixel(x: number, y: number, n: number): Rgba {
  const u = (x + 0.5) / n;
  const v = (y + 0.5) / n;
  const r = 0.2; // corner radius
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  // The "T": a top bar and a stem.
  if (v >= 0.2 && v <= 0.34 && u >= 0.2 && u <= 0.8) return WHITE;
  if (v >= 0.34 && v <= 0.62 && u >= 0.42 && u <= 0.58) return WHITE;
  // The evidence bar under it.
  if (v >= 0.7 && v <= 0.8 && u >= 0.2 && u <= 0.8) return u <= 0.62 ? GREEN : FAINT;
  return BLUE;
}

function chunk(kind: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, tail]);
}

/** The icon at n×n pixels, as a PNG file (8-bit RGBA, one filter byte per row). */
export function png(n: number): Buffer {
  const rows = Buffer.alloc(n * (1 + 4 * n));
  for (let y = 0; y < n; y++) {
    const row = y * (1 + 4 * n);
    for (let x = 0; x < n; x++) rows.set(pixel(x, y, n), row + 1 + 4 * x);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SIZES = [16, 32, 48, 96, 128] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, png(size));
}
