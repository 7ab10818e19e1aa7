import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, type BuiltFile } from '../../../../lib/shared/index/build';
import { shardPath } from '../../../../lib/shared/index/format';
import { hashKey, shardOf } from '../../../../lib/shared/index/hash';
import {
  ByteLru,
  IndexService,
  READ_AHEAD_AFTER,
  type IndexRangeLoader,
} from '../../../../lib/shared/index/service';
import { keysOf } from '../../../../lib/shared/summaries/keys';
import type { Summary } from '../../../../lib/shared/summaries/schema';
import { memoryLoader, validSyntheticSummaries } from './helpers';

describe('the byte-counted LRU', () => {
  it('evicts the least recently used entries until the bytes held fit the budget', () => {
    const lru = new ByteLru<string, string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.bytes).toBe(80);
    lru.set('c', 'C', 40);
    expect(lru.get('a')).toBeUndefined();
    expect([lru.get('b'), lru.get('c')]).toEqual(['B', 'C']);
    expect(lru.bytes).toBe(80);
    // One large entry can push out several small ones.
    lru.set('d', 'D', 90);
    expect([lru.has('b'), lru.has('c'), lru.has('d')]).toEqual([false, false, true]);
    expect(lru.bytes).toBe(90);
  });

  it('counts bytes, not entries', () => {
    const lru = new ByteLru<number, number>(100);
    for (let i = 0; i < 50; i++) lru.set(i, i, 2);
    expect(lru.size).toBe(50);
    lru.set(50, 50, 2);
    expect(lru.size).toBe(50);
    expect(lru.has(0)).toBe(false);
    expect(lru.has(1)).toBe(true);
  });

  it('does not keep an entry larger than the whole budget, and evicts nothing for it', () => {
    const lru = new ByteLru<string, string>(100);
    lru.set('a', 'A', 60);
    expect(lru.set('huge', 'H', 101)).toBe(false);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.bytes).toBe(60);
    // Exactly the budget is kept.
    expect(lru.set('full', 'F', 100)).toBe(true);
    expect([lru.has('a'), lru.bytes]).toEqual([false, 100]);
  });

  it('refreshes recency on a hit, not on has()', () => {
    const lru = new ByteLru<string, string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    lru.get('a');
    lru.set('c', 'C', 40);
    expect([lru.has('a'), lru.has('b'), lru.has('c')]).toEqual([true, false, true]);
    lru.has('a');
    lru.set('d', 'D', 40);
    expect([lru.has('a'), lru.has('c'), lru.has('d')]).toEqual([false, true, true]);
  });

  it('replaces an entry under the same key, counting its new size only', () => {
    const lru = new ByteLru<string, string>(100);
    lru.set('a', 'A', 40);
    lru.set('a', 'A2', 70);
    expect([lru.get('a'), lru.bytes, lru.size]).toEqual(['A2', 70, 1]);
    lru.delete('a');
    expect([lru.bytes, lru.size]).toEqual([0, 0]);
  });
});

describe('shards kept within a byte budget', () => {
  const N = 1500;
  let summaries: Summary[];
  let files: BuiltFile[];
  let shardBits = 0;
  const size = (i: number) => files.find((f) => f.path === shardPath(i, shardBits))?.bytes.byteLength ?? NaN;
  /** Shard of a summary's record: placed by the hash of its strongest key. */
  const shardOfSummary = (s: Summary) => shardOf(hashKey(keysOf(s)[0] as string)[0], shardBits);
  /** One summary in each of `count` different shards. */
  const inDistinctShards = (count: number): Summary[] => {
    const seen = new Map<number, Summary>();
    for (const s of summaries) if (!seen.has(shardOfSummary(s))) seen.set(shardOfSummary(s), s);
    return [...seen.values()].slice(0, count);
  };
  const shardReads = (calls: string[], s?: Summary) =>
    calls.filter((c) => (s ? c === shardPath(shardOfSummary(s), shardBits) : c.startsWith('shards/'))).length;

  beforeAll(async () => {
    summaries = validSyntheticSummaries(N, 3);
    files = await buildIndex(summaries, 'Synthetic', '2026-11-21T00:00:00.000Z', {
      recordsPerShard: 64,
      filterChunkBytes: 4096,
    });
    shardBits = (await new IndexService(memoryLoader(files).load).getManifest()).shardBits;
  }, 60_000);

  it('re-reads an evicted shard and gives the same answer', async () => {
    const [a, b, c] = inDistinctShards(3) as [Summary, Summary, Summary];
    const loader = memoryLoader(files);
    // Room for any two of the three shards, never for all three; one record parsed at a time, so
    // that a repeat must go back to the shard.
    const budget = size(shardOfSummary(a)) + size(shardOfSummary(b)) + size(shardOfSummary(c)) - 1;
    const index = new IndexService(loader.load, { shardBytes: budget, recordCache: 1, recordTextBytes: 0 });
    const first = await index.lookup({ doi: a.doi });
    await index.lookup({ doi: b.doi });
    expect(shardReads(loader.calls, a)).toBe(1);
    // a again: a hit in the cache, which makes b the least recently used.
    expect(await index.lookup({ doi: a.doi })).toEqual(first);
    expect(shardReads(loader.calls, a)).toBe(1);
    await index.lookup({ doi: c.doi });
    expect(index.memory().shardBytes).toBeLessThanOrEqual(budget);
    expect(index.memory().shards).toBe(2);
    // b was evicted, a was not.
    await index.lookup({ doi: b.doi });
    expect(shardReads(loader.calls, b)).toBe(2);
    expect(shardReads(loader.calls, a)).toBe(1);
    // Bringing b back pushed out a, by then the least recently used: read again, same answer.
    const again = await index.lookup({ doi: a.doi });
    expect(shardReads(loader.calls, a)).toBe(2);
    expect(again).toEqual(first);
    expect(again?.summary).toEqual(a);
  });

  it('answers from shards larger than the budget, reading them each time and holding none', async () => {
    const [a] = inDistinctShards(1) as [Summary];
    const loader = memoryLoader(files);
    const index = new IndexService(loader.load, { shardBytes: 100, recordCache: 1, recordTextBytes: 0 });
    for (let k = 0; k < 3; k++) expect((await index.lookup({ title: a.title }))?.summary).toEqual(a);
    expect(shardReads(loader.calls, a)).toBe(3);
    expect(index.memory()).toMatchObject({ shards: 0, shardBytes: 0 });
  });

  it('holds every shard it reads while they fit, and counts their bytes', async () => {
    const some = inDistinctShards(5);
    const loader = memoryLoader(files);
    const index = new IndexService(loader.load);
    for (const s of some) await index.lookup({ doi: s.doi });
    const expected = some.reduce((a, s) => a + size(shardOfSummary(s)), 0);
    expect(index.memory()).toMatchObject({ shards: 5, shardBytes: expected });
    for (const s of some) await index.lookup({ title: s.title });
    expect(shardReads(loader.calls)).toBe(5);
  });

  it('a busy worker reads the rest of an edition that fits, then answers without reading', async () => {
    const loader = memoryLoader(files);
    const index = new IndexService(loader.load, { readAhead: true });
    const m = await index.getManifest();
    for (const s of inDistinctShards(READ_AHEAD_AFTER - 1)) await index.lookup({ doi: s.doi });
    await new Promise((r) => setTimeout(r, 20));
    expect(index.memory().readAhead).toBe('no');
    const [last] = inDistinctShards(READ_AHEAD_AFTER).slice(-1) as [Summary];
    await index.lookup({ doi: last.doi });
    for (let t = 0; t < 200 && index.memory().readAhead === 'reading'; t++)
      await new Promise((r) => setTimeout(r, 5));
    expect(index.memory()).toMatchObject({ readAhead: 'done', shards: m.shards });
    // Each shard read once, by a lookup or ahead of one.
    expect(shardReads(loader.calls)).toBe(m.shards);
    expect(new Set(loader.calls.filter((c) => c.startsWith('shards/'))).size).toBe(m.shards);
    const before = loader.calls.length;
    for (let i = 0; i < N; i += 37)
      expect((await index.lookup({ doi: summaries[i]?.doi }))?.summary.doi).toBe(summaries[i]?.doi);
    expect(loader.calls.length).toBe(before);
  });

  it('does not read ahead an edition larger than the budget', async () => {
    const loader = memoryLoader(files);
    const index = new IndexService(loader.load, { readAhead: true, shardBytes: 64 * 1024 });
    const some = inDistinctShards(READ_AHEAD_AFTER + 2);
    for (const s of some) await index.lookup({ doi: s.doi });
    await new Promise((r) => setTimeout(r, 20));
    expect(index.memory().readAhead).toBe('too big');
    expect(shardReads(loader.calls)).toBe(some.length);
  });
});

describe('a woken worker reading windows of the key filter', () => {
  const N = 1500;
  let summaries: Summary[];
  let files: BuiltFile[];
  beforeAll(async () => {
    summaries = validSyntheticSummaries(N, 5);
    files = await buildIndex(summaries, 'Synthetic', '2026-11-21T00:00:00.000Z', {
      recordsPerShard: 64,
      filterChunkBytes: 4096,
    });
  }, 60_000);

  const ranges = (copy: boolean) => {
    const map = new Map(files.map((f) => [f.path, f.bytes]));
    const calls: string[] = [];
    const loadRange: IndexRangeLoader = (path, start, end) => {
      calls.push(`${path} ${start}-${end}`);
      const bytes = map.get(path);
      if (!bytes || end > bytes.byteLength)
        return Promise.reject(new Error(`no bytes ${start}-${end} of ${path}`));
      // A copy starts at offset 0 (as a fetch's does); a view into the file may be unaligned.
      return Promise.resolve(copy ? bytes.slice(start, end) : bytes.subarray(start, end));
    };
    return { loadRange, calls };
  };

  it.each([
    ['aligned', true],
    ['unaligned', false],
  ])('answers hits and misses from windows (%s), then reads the chunks whole', async (_, copy) => {
    const whole = memoryLoader(files);
    const part = ranges(copy);
    const m = await new IndexService(whole.load).getManifest();
    const f = m.filter;
    const windowBytes = (3 * f.segmentLength * (f.bits + f.valueBits)) / 8;
    const chunkBytes = Math.min(
      ...files.filter((x) => x.path.startsWith('filter/')).map((x) => x.bytes.byteLength),
    );
    expect(windowBytes).toBeLessThan(chunkBytes);
    for (let i = 3; i < N; i += 149) {
      const s = summaries[i] as Summary;
      const index = new IndexService(whole.load, { loadRange: part.loadRange });
      whole.calls.length = 0;
      part.calls.length = 0;
      expect((await index.lookup({ pmid: s.pmid, title: s.title }))?.summary).toEqual(s);
      expect(await index.lookup({ doi: `10.5555/absent.${i}`, pmid: String(9e8 + i) })).toBeNull();
      // Only windows until the worker has answered.
      expect(whole.calls.filter((c) => c.startsWith('filter/'))).toEqual([]);
      expect(part.calls.length).toBeGreaterThan(0);
      for (const c of part.calls) {
        const [, range] = c.split(' ');
        const [a, b] = (range as string).split('-').map(Number) as [number, number];
        expect(b - a).toBeLessThanOrEqual(windowBytes);
      }
      await new Promise((r) => setTimeout(r, 5));
      expect(whole.calls.filter((c) => c.startsWith('filter/')).length).toBeGreaterThan(0);
      expect(index.memory().filterChunks).toBeGreaterThan(0);
      // From now on the whole chunks answer.
      const after = part.calls.length;
      expect((await index.lookup({ pmid: s.pmid, title: s.title }))?.summary.doi).toBe(s.doi);
      expect(part.calls.length).toBe(after);
    }
  });

  it('reads whole chunks when windows cannot be read, with the same answers', async () => {
    const whole = memoryLoader(files);
    let tried = 0;
    const index = new IndexService(whole.load, {
      loadRange: () => {
        tried++;
        return Promise.reject(new Error('no ranges here'));
      },
    });
    for (let i = 0; i < N; i += 97) {
      const s = summaries[i] as Summary;
      expect((await index.lookup({ doi: s.doi }))?.summary).toEqual(s);
      expect(await index.lookup({ doi: `10.5555/absent.${i}` })).toBeNull();
    }
    expect(tried).toBe(1);
  });

  it('a list page in a woken worker reads few windows before waiting for the whole chunk', async () => {
    const whole = memoryLoader(files);
    const part = ranges(true);
    const index = new IndexService(whole.load, { loadRange: part.loadRange });
    const m = await index.getManifest();
    const found = await Promise.all(summaries.slice(0, 200).map((s) => index.lookup({ doi: s.doi })));
    expect(found.map((h) => h?.summary.doi)).toEqual(summaries.slice(0, 200).map((s) => s.doi));
    expect(part.calls.length).toBeLessThanOrEqual(8 * m.filter.chunks);
  });
});
