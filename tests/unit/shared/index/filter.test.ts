import { describe, expect, it } from 'vitest';
import {
  buildFuse,
  decodeFuse,
  decodeFuseChunk,
  encodeFuse,
  encodeFuseChunk,
  fuseChunkCount,
  fuseChunkOf,
  fuseChunkRange,
  fuseContains,
  fuseGet,
  fuseGetIn,
} from '../../../../lib/shared/index/fuse';
import { hashKey, shardOf } from '../../../../lib/shared/index/hash';

function hashes(keys: string[]): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(keys.length);
  const lo = new Uint32Array(keys.length);
  keys.forEach((k, i) => {
    [hi[i], lo[i]] = hashKey(k);
  });
  return { hi, lo };
}

describe('the key hash', () => {
  it('is stable: built indexes depend on it', () => {
    expect(hashKey('doi:10.5555/abc')).toEqual(hashKey('doi:10.5555/abc'));
    expect(hashKey('doi:10.5555/abc')).not.toEqual(hashKey('doi:10.5555/abd'));
    expect(hashKey('pmid:1')).toEqual([3276276646, 3961326989]);
  });

  it('picks shards from the top bits, and one shard for zero bits', () => {
    expect(shardOf(0xffffffff, 0)).toBe(0);
    expect(shardOf(0xffffffff, 4)).toBe(15);
    expect(shardOf(0x10000000, 4)).toBe(1);
  });
});

describe('the binary fuse filter', () => {
  it.each([1, 2, 3, 10, 1000, 50_000])('holds every one of %i keys', (n) => {
    const keys = Array.from({ length: n }, (_, i) => `doi:10.5555/k.${i}`);
    const { hi, lo } = hashes(keys);
    const f = decodeFuse(encodeFuse(buildFuse(hi, lo, n, 16)));
    for (let i = 0; i < n; i++) expect(fuseContains(f, hi[i] as number, lo[i] as number)).toBe(true);
  });

  it.each([
    [8, 0.01],
    [16, 0.0002],
  ] as const)('with %i-bit fingerprints lets few absent keys through', (bits, rate) => {
    const n = 20_000;
    const { hi, lo } = hashes(Array.from({ length: n }, (_, i) => `pmid:${i}`));
    const f = buildFuse(hi, lo, n, bits);
    let passed = 0;
    for (let i = 0; i < 100_000; i++) {
      const [h, l] = hashKey(`pmid:absent-${i}`);
      if (fuseContains(f, h, l)) passed++;
    }
    expect(passed / 100_000).toBeLessThan(rate);
    expect(f.slots.byteLength / n).toBeLessThan((bits / 8) * 1.3);
  });

  it('carries a value for every key beside the fingerprint (the shard of its record)', () => {
    const n = 30_000;
    const { hi, lo } = hashes(Array.from({ length: n }, (_, i) => `doi:10.5555/v.${i}`));
    const values = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % 8192);
    const f = decodeFuse(encodeFuse(buildFuse(hi, lo, n, 19, { values, valueBits: 13 })));
    expect(f.slots.BYTES_PER_ELEMENT).toBe(4);
    for (let i = 0; i < n; i++) expect(fuseGet(f, hi[i] as number, lo[i] as number)).toBe(values[i]);
    // 19-bit fingerprints: absent keys are turned away at about 1 in 500 000.
    let passed = 0;
    for (let i = 0; i < 100_000; i++) {
      const [h, l] = hashKey(`doi:10.5555/absent.${i}`);
      if (fuseGet(f, h, l) >= 0) passed++;
    }
    expect(passed).toBeLessThan(3);
  });

  it('values fill the top bit of a 32-bit slot without turning negative', () => {
    const { hi, lo } = hashes(['a:1', 'a:2', 'a:3']);
    const values = Uint32Array.from([0xffff, 0x8000, 0]);
    const f = buildFuse(hi, lo, 3, 16, { values, valueBits: 16 });
    expect([0, 1, 2].map((i) => fuseGet(f, hi[i] as number, lo[i] as number))).toEqual([0xffff, 0x8000, 0]);
  });

  it('refuses fingerprint and value sizes that do not fill a slot, and values too large', () => {
    const { hi, lo } = hashes(['a:1']);
    expect(() => buildFuse(hi, lo, 1, 16, { values: Uint32Array.of(1), valueBits: 8 })).toThrow(
      /do not fit a slot/,
    );
    expect(() => buildFuse(hi, lo, 1, 24, { values: Uint32Array.of(300), valueBits: 8 })).toThrow(
      /needs more than 8 bits/,
    );
  });

  it('answers from the one chunk a key falls in, each chunk read on its own', () => {
    const n = 40_000;
    const { hi, lo } = hashes(Array.from({ length: n }, (_, i) => `pmid:${i}`));
    const values = Uint32Array.from({ length: n }, (_, i) => i % 4096);
    const f = buildFuse(hi, lo, n, 20, { values, valueBits: 12 });
    const per = 3;
    const count = fuseChunkCount(f, per);
    expect(count).toBeGreaterThan(4);
    const chunks = Array.from({ length: count }, (_, c) =>
      decodeFuseChunk(encodeFuseChunk(f, per, c), f, per, c),
    );
    // Neighbouring chunks overlap by two segments; together they cover the whole filter.
    expect(fuseChunkRange(f, per, count - 1)[1]).toBe(f.slots.length);
    for (let i = 0; i < n; i++) {
      const c = fuseChunkOf(f, hi[i] as number, per);
      const start = fuseChunkRange(f, per, c)[0];
      expect(fuseGetIn(f, chunks[c] as Uint32Array, start, hi[i] as number, lo[i] as number)).toBe(values[i]);
    }
    const bytes = encodeFuseChunk(f, per, 1);
    expect(() => decodeFuseChunk(bytes, f, per, 2)).toThrow(/does not match the manifest/);
    expect(() => decodeFuseChunk(bytes.subarray(0, bytes.length - 2), f, per, 1)).toThrow(/truncated/);
    expect(() => decodeFuseChunk(new Uint8Array(16), f, per, 1)).toThrow(/not a Takeaway filter chunk/);
  });

  it('an empty filter contains nothing', () => {
    const f = decodeFuse(encodeFuse(buildFuse(new Uint32Array(0), new Uint32Array(0), 0)));
    expect(fuseContains(f, 1, 2)).toBe(false);
  });

  it('refuses a damaged file', () => {
    const bytes = encodeFuse(
      buildFuse(...(Object.values(hashes(['a:1', 'a:2'])) as [Uint32Array, Uint32Array]), 2),
    );
    expect(() => decodeFuse(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    const wrong = bytes.slice();
    wrong[0] = 0;
    expect(() => decodeFuse(wrong)).toThrow(/not a Takeaway filter/);
  });
});
