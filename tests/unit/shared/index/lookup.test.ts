import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, type BuiltFile } from '../../../../lib/shared/index/build';
import { decodeShard } from '../../../../lib/shared/index/format';
import { IndexService } from '../../../../lib/shared/index/service';
import type { Summary } from '../../../../lib/shared/summaries/schema';
import { fixtureSummaries, memoryLoader, validSyntheticSummaries } from './helpers';

const BUILT = '2026-11-21T00:00:00.000Z';
const STATINS_TITLE = 'Statins for primary prevention in adults over 75 years, a randomised controlled trial';

describe('lookups in a compiled index', () => {
  let files: BuiltFile[];
  beforeAll(async () => {
    files = await buildIndex(fixtureSummaries(), 'Fixture edition', BUILT);
  });

  const service = () => {
    const loader = memoryLoader(files);
    return { index: new IndexService(loader.load), calls: loader.calls };
  };

  it('states its edition in the manifest', async () => {
    const m = await service().index.getManifest();
    expect(m).toMatchObject({ edition: 'Fixture edition', built: BUILT, count: 5, format: 4 });
    expect(m.bytes).toBe(files.reduce((a, f) => a + f.bytes.byteLength, 0));
  });

  it.each([
    ['DOI', { doi: '10.5555/tw.fixture.1' }],
    ['DOI in another case', { doi: '10.5555/TW.FIXTURE.1' }],
    ['PMID', { pmid: '30000001' }],
    ['PMCID', { pmcid: 'PMC7000001' }],
    ['title', { title: STATINS_TITLE }],
    [
      'title with other case and punctuation',
      { title: 'STATINS for Primary Prevention in Adults over 75 Years: A Randomised Controlled Trial.' },
    ],
  ])('finds a summary by its %s', async (_, ids) => {
    const hit = await service().index.lookup(ids);
    expect(hit?.summary.doi).toBe('10.5555/TW.Fixture.1');
    expect(hit).toMatchObject({ origin: 'bundled', edition: { name: 'Fixture edition', built: BUILT } });
  });

  it('crosses over: a PubMed page with only a PMID finds the summary filed under its DOI', async () => {
    const { index } = service();
    expect((await index.lookup({ pmid: '30000002' }))?.summary.doi).toBe('10.5555/tw.fixture.2');
    // Filed under its PMID (no DOI), found from a PMC page.
    expect((await index.lookup({ pmcid: 'PMC7000003' }))?.summary.pmid).toBe('30000003');
    // A page whose DOI is unknown still finds the paper by its PMID.
    expect((await index.lookup({ doi: '10.5555/not.here', pmid: '30000001' }))?.summary.pmcid).toBe(
      'PMC7000001',
    );
  });

  it('falls back to the title for a page with no identifier', async () => {
    const hit = await service().index.lookup({
      title: 'Deprescribing statins in people with limited life expectancy — a narrative overview',
    });
    expect(hit?.summary.study_type).toBe('narrative review');
  });

  it('refuses a title match when the identifiers say it is another paper', async () => {
    const { index } = service();
    expect(await index.lookup({ doi: '10.5555/preprint.9', title: STATINS_TITLE })).toBeNull();
    expect(await index.lookup({ pmid: '999', title: STATINS_TITLE })).toBeNull();
    // No identifier of the same kind on the record: the title may answer.
    const hit = await index.lookup({
      doi: '10.5555/x',
      title: 'Deprescribing statins in people with limited life expectancy, a narrative overview',
    });
    expect(hit?.summary.study_type).toBe('narrative review');
  });

  it('answers a miss from the filter alone, never reading a shard or the dictionary', async () => {
    const { index, calls } = service();
    expect(
      await index.lookup({ doi: '10.5555/absent', pmid: '1', title: 'A paper that is not in the index' }),
    ).toBeNull();
    expect(calls.sort()).toEqual(['filter/0.bin', 'manifest.json']);
    for (let i = 0; i < 200; i++) expect(await index.lookup({ doi: `10.5555/absent.${i}` })).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('reads one shard for a hit, and nothing again for a repeat', async () => {
    const { index, calls } = service();
    await index.lookup({ doi: '10.5555/tw.fixture.1' });
    expect(calls.filter((c) => c.startsWith('shards/'))).toHaveLength(1);
    await index.lookup({ doi: '10.5555/tw.fixture.1' });
    expect(calls).toHaveLength(4);
  });

  it('carries related summaries computed at build time, by shared concepts', async () => {
    const hit = await service().index.lookup({ doi: '10.5555/tw.fixture.1' });
    const titles = hit?.related.map((r) => r.title) ?? [];
    expect(titles[0]).toBe(
      'Deprescribing statins in people with limited life expectancy, a narrative overview',
    );
    expect(hit?.related[0]?.shared.sort()).toEqual(['older adults', 'statins']);
    expect(hit?.related[0]?.evidence_level).toBe(5);
  });

  it('lists the summaries of a concept, strongest evidence first', async () => {
    const c = await service().index.concept('Older  Adults');
    expect(c?.total).toBe(3);
    expect(c?.summaries.map((s) => s.evidence_level)).toEqual([1, 2, 5]);
    expect(await service().index.concept('no such topic')).toBeNull();
  });

  it('refuses an index of another format rather than misreading it', async () => {
    const bad = files.map((f) =>
      f.path === 'manifest.json'
        ? { ...f, bytes: new TextEncoder().encode('{"format":1,"edition":"old"}') }
        : f,
    );
    await expect(
      new IndexService(memoryLoader(bad).load).lookup({ doi: '10.5555/tw.fixture.1' }),
    ).rejects.toThrow(/format 1/);
  });

  it('fails loudly on a damaged shard instead of answering wrongly', async () => {
    const bad = files.map((f) =>
      f.path.startsWith('shards/') ? { ...f, bytes: f.bytes.subarray(0, 20) } : f,
    );
    await expect(
      new IndexService(memoryLoader(bad).load).lookup({ doi: '10.5555/tw.fixture.1' }),
    ).rejects.toThrow(/shard/);
  });

  it('tries again after a failed start (a file missing while the extension updates)', async () => {
    let fail = true;
    const { load } = memoryLoader(files);
    const index = new IndexService((p) => (fail ? Promise.reject(new Error('gone')) : load(p)));
    await expect(index.getManifest()).rejects.toThrow('gone');
    fail = false;
    expect((await index.getManifest()).count).toBe(5);
  });

  it('builds and answers an empty edition', async () => {
    const empty = await buildIndex([], 'Empty', BUILT);
    const index = new IndexService(memoryLoader(empty).load);
    expect(await index.lookup({ doi: '10.5555/a' })).toBeNull();
    expect((await index.getManifest()).count).toBe(0);
  });
});

describe('an index of a few thousand summaries', () => {
  const N = 3000;
  let summaries: Summary[];
  let files: BuiltFile[];
  beforeAll(async () => {
    summaries = validSyntheticSummaries(N, 7);
    files = await buildIndex(summaries, 'Synthetic', BUILT, { recordsPerShard: 64 });
  }, 60_000);

  it('spreads records over shards and compresses them well below their JSON size', async () => {
    const m = await new IndexService(memoryLoader(files).load).getManifest();
    expect(m.shards).toBeGreaterThan(16);
    const raw = summaries.reduce((a, s) => a + JSON.stringify(s).length, 0);
    expect(m.bytes).toBeLessThan(raw / 2);
    expect(files.find((f) => f.path === 'dict.bin')?.bytes.byteLength).toBeGreaterThan(1000);
    for (const f of files.filter((f) => f.path.startsWith('shards/')))
      expect(() => decodeShard(f.bytes)).not.toThrow();
  });

  it('finds every summary by each of its identifiers and its title', async () => {
    const index = new IndexService(memoryLoader(files).load, { shardBytes: 64 * 1024 });
    for (let i = 0; i < N; i += 7) {
      const s = summaries[i] as Summary;
      for (const ids of [
        { doi: s.doi?.toUpperCase() },
        s.pmid ? { pmid: s.pmid } : null,
        s.pmcid ? { pmcid: s.pmcid } : null,
        { title: s.title },
      ]) {
        if (!ids) continue;
        const hit = await index.lookup(ids);
        expect(hit?.summary.doi, JSON.stringify(ids)).toBe(s.doi);
        expect(hit?.summary).toEqual(s);
      }
    }
  });

  it('reads exactly one shard for a hit by any key: the filter names the shard of the record', async () => {
    for (let i = 1; i < N; i += 97) {
      const s = summaries[i] as Summary;
      for (const ids of [{ doi: s.doi }, { pmid: s.pmid }, { pmcid: s.pmcid }, { title: s.title }]) {
        if (!Object.values(ids)[0]) continue;
        const loader = memoryLoader(files);
        const hit = await new IndexService(loader.load).lookup(ids);
        expect(hit?.summary.doi, JSON.stringify(ids)).toBe(s.doi);
        expect(
          loader.calls.filter((c) => c.startsWith('shards/')),
          JSON.stringify(ids),
        ).toHaveLength(1);
      }
    }
  });

  it('a worker that wakes reads one chunk of a filter cut in many, then one shard', async () => {
    const chunked = await buildIndex(summaries, 'Synthetic', BUILT, {
      recordsPerShard: 64,
      filterChunkBytes: 4096,
    });
    const m = await new IndexService(memoryLoader(chunked).load).getManifest();
    expect(m.filter.chunks).toBeGreaterThan(3);
    for (let i = 5; i < N; i += 211) {
      const s = summaries[i] as Summary;
      const loader = memoryLoader(chunked);
      const index = new IndexService(loader.load);
      expect((await index.lookup(s.pmid ? { pmid: s.pmid } : { title: s.title }))?.summary.doi).toBe(s.doi);
      expect(loader.calls.filter((c) => c.startsWith('filter/'))).toHaveLength(1);
      expect(loader.calls.filter((c) => c.startsWith('shards/'))).toHaveLength(1);
      expect(await index.lookup({ doi: `10.5555/absent.${i}` })).toBeNull();
    }
  });

  it('a woken worker asks for the filter chunks of all keys of a page at once', async () => {
    const chunked = await buildIndex(summaries, 'Synthetic', BUILT, {
      recordsPerShard: 64,
      filterChunkBytes: 4096,
    });
    const { load } = memoryLoader(chunked);
    // Filter chunks are held back until the test lets them through.
    const held: Array<{ path: string; release: () => void }> = [];
    const index = new IndexService((path) => {
      const bytes = load(path);
      if (!path.startsWith('filter/')) return bytes;
      return new Promise((resolve) => held.push({ path, release: () => resolve(bytes) }));
    });
    const m = await index.getManifest();
    // A miss by DOI, PMID and title whose keys fall in three different chunks.
    let miss = { doi: '', pmid: '', title: '' };
    for (let i = 0; ; i++) {
      miss = { doi: `10.5555/absent.${i}`, pmid: String(9e8 + i), title: `Absent paper number ${i}` };
      const probe = memoryLoader(chunked);
      await new IndexService(probe.load).lookup(miss);
      if (new Set(probe.calls.filter((c) => c.startsWith('filter/'))).size === 3) break;
      if (i > 500) throw new Error('no miss spans three chunks');
    }
    expect(m.filter.chunks).toBeGreaterThan(3);
    const answer = index.lookup(miss);
    await new Promise((r) => setTimeout(r, 0));
    // All three chunks requested before the first one arrived.
    expect(new Set(held.map((h) => h.path)).size).toBe(3);
    for (const h of held) h.release();
    expect(await answer).toBeNull();
  });

  it('answers misses without shard reads (the filter errs about once in 65 000)', async () => {
    const loader = memoryLoader(files);
    const index = new IndexService(loader.load);
    for (let i = 0; i < 2000; i++)
      expect(await index.lookup({ doi: `10.5555/absent.${i}`, pmid: String(9e8 + i) })).toBeNull();
    expect(loader.calls.filter((c) => c.startsWith('shards/')).length).toBeLessThanOrEqual(1);
  });
});
