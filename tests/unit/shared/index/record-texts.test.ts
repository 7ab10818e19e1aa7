import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildIndex, type BuiltFile } from '../../../../lib/shared/index/build';
import { IndexService } from '../../../../lib/shared/index/service';
import type { Summary } from '../../../../lib/shared/summaries/schema';
import { memoryLoader, validSyntheticSummaries } from './helpers';

// Every block inflated is counted: a paper answered from its kept text inflates nothing.
const inflated = vi.hoisted(() => ({ count: 0 }));
vi.mock('fflate', async (original) => {
  const real = await original<typeof import('fflate')>();
  return {
    ...real,
    inflateSync: (...args: Parameters<typeof real.inflateSync>) => {
      inflated.count++;
      return real.inflateSync(...args);
    },
  };
});

describe('papers seen this session, kept as text within a byte budget', () => {
  let summaries: Summary[];
  let files: BuiltFile[];
  beforeAll(async () => {
    summaries = validSyntheticSummaries(600, 5);
    files = await buildIndex(summaries, 'Synthetic', '2026-11-21T00:00:00.000Z', { recordsPerShard: 64 });
  }, 60_000);

  it('answers a paper seen earlier without inflating its block again, beyond the parsed few', async () => {
    const index = new IndexService(memoryLoader(files).load, { recordCache: 1 });
    const some = summaries.slice(0, 40);
    const first = [];
    for (const s of some) first.push(await index.lookup({ doi: s.doi }));
    expect(index.memory().recordTexts).toBe(40);
    const before = inflated.count;
    for (let k = 0; k < 2; k++)
      for (const [i, s] of some.entries()) expect(await index.lookup({ doi: s.doi })).toEqual(first[i]);
    expect(inflated.count).toBe(before);
  });

  it('counts the bytes: past its budget the least recent texts go, and their blocks are inflated again', async () => {
    const some = summaries.slice(0, 40);
    const one = JSON.stringify(some[0]).length + 64;
    const budget = 10 * one;
    const index = new IndexService(memoryLoader(files).load, { recordCache: 1, recordTextBytes: budget });
    for (const s of some) await index.lookup({ doi: s.doi });
    const held = index.memory();
    expect(held.recordTextBytes).toBeLessThanOrEqual(budget);
    expect(held.recordTexts).toBeGreaterThan(3);
    expect(held.recordTexts).toBeLessThan(20);
    const before = inflated.count;
    for (const s of some) expect((await index.lookup({ doi: s.doi }))?.summary).toEqual(s);
    expect(inflated.count).toBeGreaterThan(before);
  });
});
