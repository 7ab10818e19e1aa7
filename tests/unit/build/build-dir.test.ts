// @vitest-environment node
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticSummary } from '../../support/gen-summaries';
import { IndexService } from '../../../lib/shared/index/service';
import { formatIssue } from '../../../lib/shared/summaries/validate';
import { buildIndexDir, diskLoader } from '../../../build/summaries-fs';
import { EDITION_DIR } from '../shared/index/helpers';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'takeaway-index-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('building an index folder', () => {
  it('compiles the fixture edition and reads it back from disk', async () => {
    const out = join(tmp, 'edition');
    const r = await buildIndexDir(EDITION_DIR, out, 'Fixtures', { built: '2026-11-21T00:00:00.000Z' });
    expect(r.ok).toBe(true);
    expect(r.count).toBe(5);
    expect(r.paths.sort()).toEqual([
      'concepts/0.bin',
      'dict.bin',
      'filter/0.bin',
      'manifest.json',
      'shards/0.bin',
    ]);
    const hit = await new IndexService(diskLoader(out)).lookup({ pmid: '30000001' });
    expect(hit?.summary.doi).toBe('10.5555/TW.Fixture.1');
  });

  it('leaves the previous index untouched when the summaries have errors', async () => {
    const out = join(tmp, 'kept');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{"previous":true}');
    const r = await buildIndexDir('tests/fixtures/summaries/broken', out, 'Broken');
    expect(r.ok).toBe(false);
    expect(r.paths).toEqual([]);
    expect(r.issues.map(formatIssue)).toContain(
      'tests/fixtures/summaries/broken/mislabelled.md:4: error [study_type]: labelled "systematic review, level 1" but the text says "This narrative review": use "narrative review" (level 5) or correct the text',
    );
    expect(readdirSync(out)).toEqual(['manifest.json']);
    expect(readdirSync(tmp).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('streams a large JSON Lines file through disk spill files, shard group by shard group', async () => {
    const src = join(tmp, 'bulk-src');
    mkdirSync(src);
    const n = 2500;
    writeFileSync(
      join(src, 'bulk.jsonl'),
      '\uFEFF' + Array.from({ length: n }, (_, i) => JSON.stringify(syntheticSummary(i, 3))).join('\r\n'),
    );
    const out = join(tmp, 'bulk');
    const r = await buildIndexDir(src, out, 'Bulk', { spillToDisk: true, recordsPerShard: 16 });
    expect(r.issues).toEqual([]);
    expect(r.manifest?.shardBits).toBeGreaterThanOrEqual(6);
    const index = new IndexService(diskLoader(out));
    for (let i = 0; i < n; i += 97) {
      const s = syntheticSummary(i, 3);
      expect((await index.lookup({ doi: s.doi as string }))?.summary.title).toBe(s.title);
    }
  }, 60_000);

  it('validates in worker threads and builds exactly what one thread builds', async () => {
    const src = join(tmp, 'parallel-src');
    mkdirSync(src);
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify(syntheticSummary(i, 5)));
    lines.splice(4321, 0, '{"doi":"10.5555/bad","study_type":"cohort study","key_takeaway":""}', '');
    writeFileSync(join(src, 'bulk.jsonl'), lines.join('\n'));
    const built = '2026-11-21T00:00:00.000Z';
    const one = await buildIndexDir(src, join(tmp, 'one'), 'P', {
      built,
      parallel: false,
      validateOnly: true,
    });
    const two = await buildIndexDir(src, join(tmp, 'two'), 'P', {
      built,
      parallel: true,
      validateOnly: true,
    });
    expect(two.issues).toEqual(one.issues);
    expect(one.issues.map(formatIssue)).toEqual([
      `${relative(process.cwd(), join(src, 'bulk.jsonl'))}:4322: error [key_takeaway]: key_takeaway is required and must not be empty`,
    ]);
    lines.splice(4321, 2);
    writeFileSync(join(src, 'bulk.jsonl'), lines.join('\n'));
    const a = await buildIndexDir(src, join(tmp, 'one'), 'P', { built, parallel: false });
    const b = await buildIndexDir(src, join(tmp, 'two'), 'P', { built, parallel: true });
    expect(b.count).toBe(5000);
    expect(b.paths.sort()).toEqual(a.paths.sort());
    for (const p of a.paths)
      expect(readFileSync(join(tmp, 'two', p)).equals(readFileSync(join(tmp, 'one', p))), p).toBe(true);
  }, 60_000);
});

describe('npm run index', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'build/index-cli.ts', ...args], { encoding: 'utf8' });

  it('builds, looks up (exit 1 when absent) and prints stats', () => {
    const out = join(tmp, 'cli');
    const build = cli('build', EDITION_DIR, '--out', out, '--edition', 'CLI edition');
    expect(build.stderr).toBe('');
    expect(build.stdout).toMatch(/^5 summaries → .*: 5 files, \d+ bytes/);
    expect(build.status).toBe(0);

    const hit = cli('lookup', out, 'PMC7000003');
    expect(hit.status).toBe(0);
    expect(JSON.parse(hit.stdout)).toMatchObject({ summary: { pmid: '30000003' }, origin: 'bundled' });
    expect(JSON.parse(cli('lookup', out, 'https://doi.org/10.5555/TW.FIXTURE.2').stdout).summary.pmid).toBe(
      '30000002',
    );

    const miss = cli('lookup', out, '10.5555/nothing');
    expect(miss.status).toBe(1);
    expect(miss.stdout).toBe('');

    const stats = cli('stats', out);
    expect(stats.status).toBe(0);
    expect(stats.stdout).toContain('edition: CLI edition');
    expect(stats.stdout).toContain('summaries: 5');
  }, 60_000);

  it('exits 1 with file:line messages on a broken edition, writing nothing', () => {
    const out = join(tmp, 'cli-broken');
    const r = cli('build', 'tests/fixtures/summaries/broken', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'tests/fixtures/summaries/broken/bulk.jsonl:2: error [pmid]: "12a45" is not a PubMed id',
    );
    expect(r.stderr).toContain('9 error(s), 0 warning(s): nothing was built');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
