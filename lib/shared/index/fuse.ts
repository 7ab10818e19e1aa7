/**
 * A binary fuse filter (Graf & Lemire, "Binary Fuse Filters: Fast and Smaller Than Xor Filters",
 * 2022) over 64-bit key hashes: about 1.13 slots per key, three memory reads per query, and a
 * false-positive rate of 2^-bits. It answers "is this key certainly absent?", which is what lets a
 * miss return without touching a shard. Written from the paper's description, with our own hash
 * derivation, so it is only compatible with itself.
 *
 * A slot may also carry a small value next to the fingerprint (the XOR of a key's three slots is
 * `fingerprint | value << bits`), which makes the filter a static function as well: the index
 * stores there the shard holding the key's record, so a hit by any key reads exactly one shard. The
 * value of an absent key is meaningless, which is why the fingerprint is checked first.
 */
import { mix32 } from './hash';

export interface FuseFilter {
  /** Fingerprint bits: the false-positive rate is 2^-bits. */
  bits: number;
  /** Bits of value above the fingerprint (0: a plain filter). bits + valueBits is 8, 16 or 32. */
  valueBits: number;
  seed: number;
  segmentLength: number;
  segmentCount: number;
  slots: Slots;
}

export type Slots = Uint8Array | Uint16Array | Uint32Array;
/** What a reader needs besides the slots (the index manifest carries it). */
export type FuseParams = Omit<FuseFilter, 'slots'>;

const MAGIC = 0x32465754; // "TWF2"
const HEADER = 28;
const MAX_SEGMENT_LENGTH = 1 << 18;

const pos = new Uint32Array(4);

/** The three slots and the fingerprint of a key, into `pos` (no allocation on the lookup path). */
function locate(
  f: Pick<FuseParams, 'seed' | 'segmentLength' | 'segmentCount'>,
  hi: number,
  lo: number,
): void {
  const x = mix32(hi ^ f.seed);
  const y = mix32(lo ^ Math.imul(f.seed | 1, 0x9e3779b9) ^ x);
  const z = mix32(y + 0x7f4a7c15);
  const w = mix32(z ^ hi);
  const mask = f.segmentLength - 1;
  const seg = Math.floor((x * f.segmentCount) / 4294967296);
  const base = seg * f.segmentLength;
  pos[0] = base + (y & mask);
  pos[1] = base + f.segmentLength + (z & mask);
  pos[2] = base + 2 * f.segmentLength + (w & mask);
  pos[3] = mix32(x ^ w);
}

/**
 * The value stored for a key that may be present (0 in a filter without values), or -1 when the
 * key is certainly absent.
 */
export function fuseGet(f: FuseFilter, hi: number, lo: number): number {
  return fuseGetIn(f, f.slots, 0, hi, lo);
}

/**
 * fuseGet over part of the slots: `slots[0]` is slot `start` of the whole filter, and the part
 * must hold the key's window (fuseChunkRange of the chunk fuseChunkOf names).
 */
export function fuseGetIn(f: FuseParams, slots: Slots, start: number, hi: number, lo: number): number {
  if (slots.length === 0) return -1;
  locate(f, hi, lo);
  const F = slots;
  const mask = 2 ** f.bits - 1;
  const x =
    (F[(pos[0] as number) - start] as number) ^
    (F[(pos[1] as number) - start] as number) ^
    (F[(pos[2] as number) - start] as number);
  return (x & mask) === ((pos[3] as number) & mask) ? x >>> f.bits : -1;
}

/**
 * A key's three slots lie in three consecutive segments, so the filter can be stored in chunks of
 * whole segments, each overlapping the next by two segments: a lookup then needs one chunk, and a
 * worker that wakes reads one chunk rather than the whole filter.
 */
export function fuseChunkOf(f: FuseParams, hi: number, segmentsPerChunk: number): number {
  const x = mix32(hi ^ f.seed);
  return Math.floor(Math.floor((x * f.segmentCount) / 4294967296) / segmentsPerChunk);
}

export function fuseChunkCount(f: FuseParams, segmentsPerChunk: number): number {
  return Math.max(1, Math.ceil(f.segmentCount / segmentsPerChunk));
}

/** Slots [start, end) of chunk i. */
export function fuseChunkRange(f: FuseParams, segmentsPerChunk: number, i: number): [number, number] {
  const total = f.segmentCount === 0 ? 0 : (f.segmentCount + 2) * f.segmentLength;
  const start = Math.min(total, i * segmentsPerChunk * f.segmentLength);
  return [start, Math.min(total, (i * segmentsPerChunk + segmentsPerChunk + 2) * f.segmentLength)];
}

const CHUNK_MAGIC = 0x31435754; // "TWC1"
const CHUNK_HEADER = 12;

/** One chunk as a file: magic, first slot, slot count, then the slots, little-endian. */
export function encodeFuseChunk(f: FuseFilter, segmentsPerChunk: number, i: number): Uint8Array {
  const [start, end] = fuseChunkRange(f, segmentsPerChunk, i);
  const width = (f.bits + f.valueBits) / 8;
  const out = new Uint8Array(CHUNK_HEADER + (end - start) * width);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, CHUNK_MAGIC, true);
  dv.setUint32(4, start, true);
  dv.setUint32(8, end - start, true);
  const part = f.slots.subarray(start, end);
  if (width === 1 || LITTLE_ENDIAN)
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), CHUNK_HEADER);
  else
    for (let k = 0; k < part.length; k++) {
      if (width === 2) dv.setUint16(CHUNK_HEADER + 2 * k, part[k] as number, true);
      else dv.setUint32(CHUNK_HEADER + 4 * k, part[k] as number, true);
    }
  return out;
}

/** The slots of chunk i, checked against the parameters the manifest gives. */
export function decodeFuseChunk(
  bytes: Uint8Array,
  f: FuseParams,
  segmentsPerChunk: number,
  i: number,
): Slots {
  const [start, end] = fuseChunkRange(f, segmentsPerChunk, i);
  const width = (f.bits + f.valueBits) / 8;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < CHUNK_HEADER || dv.getUint32(0, true) !== CHUNK_MAGIC)
    throw new Error(`key filter chunk ${i}: not a Takeaway filter chunk`);
  if (dv.getUint32(4, true) !== start || dv.getUint32(8, true) !== end - start)
    throw new Error(`key filter chunk ${i}: does not match the manifest`);
  if (bytes.byteLength !== CHUNK_HEADER + (end - start) * width)
    throw new Error(`key filter chunk ${i}: truncated file`);
  return slotsOf(bytes, CHUNK_HEADER, end - start, width);
}

function slotsOf(bytes: Uint8Array, offset: number, length: number, width: number): Slots {
  const at = bytes.byteOffset + offset;
  if (width === 1) return bytes.subarray(offset, offset + length);
  if (LITTLE_ENDIAN && at % width === 0)
    return width === 2
      ? new Uint16Array(bytes.buffer, at, length)
      : new Uint32Array(bytes.buffer, at, length);
  // A Buffer from Node's pool may start at any offset: copy into an aligned array.
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slots = slotArray(width * 8, length);
  for (let i = 0; i < length; i++)
    slots[i] = width === 2 ? dv.getUint16(offset + 2 * i, true) : dv.getUint32(offset + 4 * i, true);
  return slots;
}

/** True when the key may be present; false means certainly absent. */
export function fuseContains(f: FuseFilter, hi: number, lo: number): boolean {
  return fuseGet(f, hi, lo) >= 0;
}

function slotArray(width: number, length: number): Slots {
  return width === 8
    ? new Uint8Array(length)
    : width === 16
      ? new Uint16Array(length)
      : new Uint32Array(length);
}

function checkWidths(bits: number, valueBits: number): void {
  const width = bits + valueBits;
  if (!Number.isInteger(bits) || bits < 8 || valueBits < 0 || ![8, 16, 32].includes(width))
    throw new Error(`key filter: ${bits}-bit fingerprints with ${valueBits}-bit values do not fit a slot`);
}

function layout(n: number, extra: number): { segmentLength: number; segmentCount: number } {
  // Sizing from the paper: longer segments for more keys, a little more room for small sets.
  let segmentLength = n === 0 ? 4 : 1 << Math.floor(Math.log(n) / Math.log(3.33) + 2.25);
  segmentLength = Math.min(Math.max(segmentLength, 4), MAX_SEGMENT_LENGTH);
  const factor = n <= 1 ? 2 : Math.max(1.125, 0.875 + (0.25 * Math.log(1e6)) / Math.log(n));
  const capacity = Math.round(n * factor * extra) + 1;
  const segmentCount = Math.max(1, Math.ceil(capacity / segmentLength) - 2);
  return { segmentLength, segmentCount };
}

/**
 * Build a filter over `n` distinct 64-bit hashes (`hi[i]`, `lo[i]`), each with `values[i]` (below
 * 2^valueBits) when given. Duplicates must be removed first: two equal hashes can never be peeled
 * apart.
 */
export function buildFuse(
  hi: Uint32Array,
  lo: Uint32Array,
  n: number,
  bits = 16,
  values?: { values: Uint32Array; valueBits: number },
): FuseFilter {
  const valueBits = values?.valueBits ?? 0;
  checkWidths(bits, valueBits);
  const width = bits + valueBits;
  if (n === 0)
    return { bits, valueBits, seed: 0, segmentLength: 4, segmentCount: 0, slots: slotArray(width, 0) };
  let extra = 1;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (attempt > 0 && attempt % 10 === 0) extra *= 1.1;
    const { segmentLength, segmentCount } = layout(n, extra);
    const seed = mix32(0x2545f491 + attempt * 0x9e3779b9);
    const f = { seed, segmentLength, segmentCount };
    const len = (segmentCount + 2) * segmentLength;
    const count = new Uint8Array(len);
    const xorKey = new Uint32Array(len);
    let overflow = false;
    for (let k = 0; k < n; k++) {
      locate(f, hi[k] as number, lo[k] as number);
      for (let j = 0; j < 3; j++) {
        const p = pos[j] as number;
        if (count[p] === 255) overflow = true;
        count[p] = (count[p] as number) + 1;
        xorKey[p] = (xorKey[p] as number) ^ k;
      }
    }
    if (overflow) continue;
    const queue = new Uint32Array(len);
    let qn = 0;
    for (let p = 0; p < len; p++) if (count[p] === 1) queue[qn++] = p;
    const stackKey = new Uint32Array(n);
    const stackPos = new Uint32Array(n);
    let sn = 0;
    while (qn > 0) {
      const p = queue[--qn] as number;
      if (count[p] !== 1) continue;
      const k = xorKey[p] as number;
      stackKey[sn] = k;
      stackPos[sn++] = p;
      locate(f, hi[k] as number, lo[k] as number);
      for (let j = 0; j < 3; j++) {
        const q = pos[j] as number;
        count[q] = (count[q] as number) - 1;
        xorKey[q] = (xorKey[q] as number) ^ k;
        if (count[q] === 1) queue[qn++] = q;
      }
    }
    if (sn !== n) continue;
    const F = slotArray(width, len);
    const fpMask = 2 ** bits - 1;
    const valueMax = 2 ** valueBits;
    // Assign in reverse peeling order: each key's own slot is the last of its three to be set.
    for (let i = sn - 1; i >= 0; i--) {
      const k = stackKey[i] as number;
      const p = stackPos[i] as number;
      const value = values ? (values.values[k] as number) : 0;
      if (value >= valueMax) throw new Error(`key filter: value ${value} needs more than ${valueBits} bits`);
      locate(f, hi[k] as number, lo[k] as number);
      // The slot itself is still 0 here, so XOR-ing all three leaves the other two.
      F[p] =
        (((pos[3] as number) & fpMask) | (valueBits ? value * 2 ** bits : 0)) ^
        (F[pos[0] as number] as number) ^
        (F[pos[1] as number] as number) ^
        (F[pos[2] as number] as number);
    }
    return { bits, valueBits, seed, segmentLength, segmentCount, slots: F };
  }
  throw new Error(`could not build the key filter over ${n} keys (are there duplicate hashes?)`);
}

export function encodeFuse(f: FuseFilter): Uint8Array {
  const width = (f.bits + f.valueBits) / 8;
  const out = new Uint8Array(HEADER + f.slots.length * width);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, f.bits, true);
  dv.setUint32(8, f.valueBits, true);
  dv.setUint32(12, f.seed, true);
  dv.setUint32(16, f.segmentLength, true);
  dv.setUint32(20, f.segmentCount, true);
  dv.setUint32(24, f.slots.length, true);
  if (width === 1 || LITTLE_ENDIAN)
    out.set(new Uint8Array(f.slots.buffer, f.slots.byteOffset, f.slots.byteLength), HEADER);
  else
    for (let i = 0; i < f.slots.length; i++) {
      if (width === 2) dv.setUint16(HEADER + 2 * i, f.slots[i] as number, true);
      else dv.setUint32(HEADER + 4 * i, f.slots[i] as number, true);
    }
  return out;
}

export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function decodeFuse(bytes: Uint8Array): FuseFilter {
  if (bytes.byteLength < HEADER) throw new Error('key filter: file too short');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new Error('key filter: not a Takeaway filter file');
  const bits = dv.getUint32(4, true);
  const valueBits = dv.getUint32(8, true);
  checkWidths(bits, valueBits);
  const width = (bits + valueBits) / 8;
  const segmentLength = dv.getUint32(16, true);
  const segmentCount = dv.getUint32(20, true);
  const length = dv.getUint32(24, true);
  if (bytes.byteLength !== HEADER + length * width) throw new Error('key filter: truncated file');
  if (
    length !== 0 &&
    ((segmentLength & (segmentLength - 1)) !== 0 || length !== (segmentCount + 2) * segmentLength)
  )
    throw new Error('key filter: inconsistent header');
  const slots = slotsOf(bytes, HEADER, length, width);
  return { bits, valueBits, seed: dv.getUint32(12, true), segmentLength, segmentCount, slots };
}
