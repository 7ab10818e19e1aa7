/**
 * 64-bit key hash shared by the builder and the reader, as two unsigned 32-bit halves so that no
 * BigInt is needed on the lookup path. The high half of a record's strongest key picks its shard,
 * and both halves place a key in the filter; the low half is stored in the shard's key table. A collision can only cost an extra read: every
 * candidate record is checked against the query's own keys before it is returned.
 *
 * Changing this function changes every built index: bump INDEX_FORMAT when you do.
 */

/** The 32-bit finaliser of MurmurHash3: spreads every input bit over the whole word. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash a key string (UTF-16 code units) into `out[at]` (high) and `out[at + 1]` (low). Two FNV-style
 * lanes with different multipliers, cross-mixed at the end.
 */
export function hashKeyInto(key: string, out: Uint32Array, at: number): void {
  let a = 0x811c9dc5;
  let b = 0x3c6ef372 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hi = mix32(a ^ Math.imul(b, 0x27d4eb2f));
  const lo = mix32(b ^ Math.imul(hi, 0x165667b1));
  out[at] = hi;
  out[at + 1] = lo;
}

const scratch = new Uint32Array(2);

/** Convenience form for code that is not on a hot path. */
export function hashKey(key: string): [number, number] {
  hashKeyInto(key, scratch, 0);
  return [scratch[0] as number, scratch[1] as number];
}

/** Shard of a key: the top `bits` bits of its high half (0 bits: one shard). */
export function shardOf(hi: number, bits: number): number {
  return bits === 0 ? 0 : hi >>> (32 - bits);
}
