import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { buildIndex } from '../../../../lib/shared/index/build';
import { CombinedIndex } from '../../../../lib/shared/index/combined';
import { IndexService } from '../../../../lib/shared/index/service';
import { preparePack } from '../../../../lib/extension/packs/read';
import { importPack, listPacks, lookupInPacks, removePack } from '../../../../lib/extension/packs/store';
import type { PaperIds } from '../../../../lib/shared/identify/types';
import { keysOf } from '../../../../lib/shared/summaries/keys';
import { formatIssue } from '../../../../lib/shared/summaries/validate';
import { fixtureSummaries, memoryLoader } from '../../shared/index/helpers';

const STATINS_TITLE = 'Statins for primary prevention in adults over 75 years, a randomised controlled trial';
const enc = new TextEncoder();
const jsonl = (...records: object[]) => enc.encode(records.map((r) => JSON.stringify(r)).join('\n'));
const rec = (i: number, extra: object = {}) => ({
  doi: `10.5555/pack.${i}`,
  pmid: String(41000000 + i),
  title: `Pack summary number ${i} about journal club topics`,
  study_type: 'cohort study',
  key_takeaway: `Takeaway ${i}.`,
  concepts: ['journal club'],
  source: { name: 'Riverside Journal Club' },
  ...extra,
});

let db: TakeawayDB;
let n = 0;
beforeEach(async () => {
  db = openDatabase(`packs-test-${n++}`);
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('importing a summary pack', () => {
  it('stores a JSON Lines pack and lists it with its size and source', async () => {
    const bytes = jsonl(rec(1), rec(2), rec(3));
    const r = await importPack(db, { name: 'riverside.jsonl', bytes }, { now: 1_700_000_000_000 });
    expect(r.ok).toBe(true);
    const [pack, ...more] = await listPacks(db);
    expect(more).toEqual([]);
    expect(pack).toMatchObject({
      name: 'riverside',
      source: 'Riverside Journal Club (riverside.jsonl)',
      count: 3,
      bytes: bytes.byteLength,
      importedAt: 1_700_000_000_000,
    });
    expect(await db.packSummaries.count()).toBe(3);
  });

  it('gives each pack summary its related summaries in the pack, rarer shared concepts first', async () => {
    const bytes = jsonl(
      rec(1, { concepts: ['journal club', 'statins', 'older adults'] }),
      rec(2, { concepts: ['journal club', 'statins', 'older adults'], study_type: 'meta-analysis' }),
      rec(3, { concepts: ['journal club'] }),
      rec(4, { concepts: ['journal club'] }),
      rec(5, { concepts: ['journal club', 'older adults'] }),
      rec(6, { concepts: ['sepsis'] }),
    );
    expect((await importPack(db, { name: 'club.jsonl', bytes })).ok).toBe(true);
    const hit = await lookupInPacks(db, { pmid: '41000001' });
    // Three shared concepts, then two, then only the common "journal club".
    expect(hit?.related.map((r) => r.doi)).toEqual([
      '10.5555/pack.2',
      '10.5555/pack.5',
      '10.5555/pack.3',
      '10.5555/pack.4',
    ]);
    expect(hit?.related[0]).toMatchObject({
      title: 'Pack summary number 2 about journal club topics',
      pmid: '41000002',
      evidence_level: 1,
      shared: ['journal club', 'statins', 'older adults'],
    });
    expect(hit?.related[3]?.shared).toEqual(['journal club']);
    // A concept no other summary carries relates nothing.
    expect((await lookupInPacks(db, { doi: '10.5555/pack.6' }))?.related).toEqual([]);
  });

  it('reads a zip of Markdown files, skipping folders and system files', async () => {
    const md = (doi: string, title: string) =>
      strToU8(
        `---\ndoi: ${doi}\ntitle: ${title}\nstudy_type: case series\nkey_takeaway: From a zip.\n---\nBody.\n`,
      );
    const zip = zipSync({
      'club/a.md': md('10.5555/zip.1', 'First zipped summary of four words'),
      'club/b.md': md('10.5555/zip.2', 'Second zipped summary of four words'),
      '__MACOSX/club/._a.md': strToU8('junk'),
      'club/README.md': strToU8('# not a summary'),
      'club/photo.png': new Uint8Array([1, 2, 3]),
    });
    const r = await importPack(db, { name: 'club.zip', bytes: zip });
    expect(r.ok && r.pack.count).toBe(2);
    expect((await lookupInPacks(db, { doi: '10.5555/zip.2' }))?.summary.title).toBe(
      'Second zipped summary of four words',
    );
  });

  it('refuses a pack with errors, naming file and line, and stores nothing', async () => {
    const zip = zipSync({
      'good.md': strToU8('---\ndoi: 10.5555/ok.1\nstudy_type: other\nkey_takeaway: Fine.\n---\n'),
      'bad.md': strToU8('---\ndoi: 10.5555/ok.2\nstudy_type: other\nkey_takeaway: ""\n---\n'),
      'dup.jsonl': strToU8('{"doi":"10.5555/OK.1","study_type":"other","key_takeaway":"Again."}'),
    });
    const r = await importPack(db, { name: 'mixed.zip', bytes: zip });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'mixed.zip/bad.md:4: error [key_takeaway]: key_takeaway is required and must not be empty',
      'mixed.zip/good.md:2: error [doi]: duplicate doi:10.5555/ok.1: already summarised at mixed.zip/dup.jsonl:1',
    ]);
    expect(await db.packs.count()).toBe(0);
    expect(await db.packSummaries.count()).toBe(0);
  });

  it('leaves nothing behind when storing fails half-way', async () => {
    const table = db.packSummaries;
    const bulkAdd = table.bulkAdd.bind(table);
    const halfThenFail = async (rows: Parameters<typeof bulkAdd>[0]) => {
      // Half the summaries are written, then the disk fills up.
      await bulkAdd(rows.slice(0, 2));
      throw new Error('QuotaExceededError: disk full');
    };
    vi.spyOn(table, 'bulkAdd').mockImplementation(halfThenFail as never);
    await expect(
      importPack(db, { name: 'big.jsonl', bytes: jsonl(rec(1), rec(2), rec(3), rec(4)) }),
    ).rejects.toThrow(/disk full/);
    expect(await db.packs.count()).toBe(0);
    expect(await db.packSummaries.count()).toBe(0);
  });

  it('replaces a pack of the same name and source in one step; a failed update keeps the old one', async () => {
    await importPack(db, { name: 'club.jsonl', bytes: jsonl(rec(1), rec(2)) });
    const r = await importPack(db, {
      name: 'club.jsonl',
      bytes: jsonl(rec(1, { key_takeaway: 'Revised.' })),
    });
    expect(r.ok && r.replaced).toBe(true);
    expect(await db.packs.count()).toBe(1);
    expect((await lookupInPacks(db, { doi: '10.5555/pack.1' }))?.summary.key_takeaway).toBe('Revised.');
    expect(await lookupInPacks(db, { doi: '10.5555/pack.2' })).toBeNull();

    vi.spyOn(db.packSummaries, 'bulkAdd').mockRejectedValue(new Error('disk full'));
    await expect(importPack(db, { name: 'club.jsonl', bytes: jsonl(rec(7)) })).rejects.toThrow();
    expect((await lookupInPacks(db, { doi: '10.5555/pack.1' }))?.summary.key_takeaway).toBe('Revised.');
  });

  it('removes a pack with all its summaries', async () => {
    const r = await importPack(db, { name: 'a.jsonl', bytes: jsonl(rec(1)) });
    await importPack(db, { name: 'b.jsonl', bytes: jsonl(rec(2)) });
    if (!r.ok) throw new Error('import failed');
    await removePack(db, r.pack.id);
    expect((await listPacks(db)).map((p) => p.name)).toEqual(['b']);
    expect(await lookupInPacks(db, { doi: '10.5555/pack.1' })).toBeNull();
    expect(await db.packSummaries.count()).toBe(1);
  });

  it('never names a pack "bundled", the name of the built-in index in the overlay', () => {
    expect(preparePack({ name: 'Bundled.jsonl', bytes: jsonl(rec(1)) }).name).toBe('Bundled (pack)');
  });

  it.each([
    [
      'notes.txt',
      enc.encode('hi'),
      'notes.txt:1: error: choose a .jsonl file, a Markdown summary (.md) or a .zip of them',
    ],
    ['broken.zip', enc.encode('PK not really'), /^broken\.zip:1: error: not a readable zip file/],
    ['empty.jsonl', enc.encode('\n\n'), 'empty.jsonl:1: error: the pack holds no summaries'],
    ['latin1.jsonl', new Uint8Array([0x7b, 0xe9, 0x7d]), 'latin1.jsonl:1: error: not UTF-8 text'],
  ])('explains why %s cannot be a pack', (name, bytes, message) => {
    const r = preparePack({ name, bytes });
    expect(r.ok).toBe(false);
    expect(formatIssue(r.issues[0] as never)).toMatch(message);
  });
});

describe('lookups with packs beside the bundled index', () => {
  it('finds pack summaries by every key, crossing over, and says which pack answered', async () => {
    await importPack(db, { name: 'club.jsonl', bytes: jsonl(rec(1, { pmcid: 'PMC41' })) });
    for (const ids of [
      { doi: '10.5555/PACK.1' },
      { pmid: '41000001' },
      { pmcid: 'PMC41' },
      { title: 'Pack summary number 1 about journal club topics' },
    ]) {
      const hit = await lookupInPacks(db, ids);
      expect(hit, JSON.stringify(ids)).toMatchObject({ origin: 'club', summary: { doi: '10.5555/pack.1' } });
    }
    expect(
      await lookupInPacks(db, {
        doi: '10.5555/other',
        title: 'Pack summary number 1 about journal club topics',
      }),
    ).toBeNull();
  });

  it('lets the bundled edition win a conflict, and packs fill the gaps', async () => {
    const files = await buildIndex(fixtureSummaries(), 'Fixture edition', '2026-11-21T00:00:00.000Z');
    const bundled = new IndexService(memoryLoader(files).load);
    await importPack(db, {
      name: 'club.jsonl',
      bytes: jsonl(
        { doi: '10.5555/tw.fixture.1', study_type: 'other', key_takeaway: 'The pack disagrees.' },
        rec(9),
      ),
    });
    const combined = new CombinedIndex(bundled, (ids) => lookupInPacks(db, ids));
    const both = await combined.lookup({ pmid: '30000001' });
    expect(both).toMatchObject({ origin: 'bundled', edition: { name: 'Fixture edition' } });
    expect(both?.summary.key_takeaway).not.toBe('The pack disagrees.');
    const packOnly = await combined.lookup({ doi: '10.5555/pack.9' });
    expect(packOnly).toMatchObject({ origin: 'club', summary: { key_takeaway: 'Takeaway 9.' } });
    expect(await combined.lookup({ doi: '10.5555/nowhere' })).toBeNull();
  });

  it('says at import which pack summaries the bundled edition outranks, at the shared identifier', async () => {
    const files = await buildIndex(fixtureSummaries(), 'Fixture edition', '2026-11-21T00:00:00.000Z');
    const bundled = new IndexService(memoryLoader(files).load);
    const r = await importPack(
      db,
      {
        name: 'club.jsonl',
        bytes: jsonl(
          rec(1),
          // Filed under its DOI in the edition; the pack knows only the PMID (cross-over).
          { pmid: '30000001', study_type: 'other', key_takeaway: 'The pack disagrees.' },
          rec(2),
          { doi: '10.5555/TW.FIXTURE.2', study_type: 'other', key_takeaway: 'Also covered.' },
        ),
      },
      { bundled },
    );
    if (!r.ok) throw new Error('import failed');
    expect(r.shadowed).toBe(2);
    expect(r.warnings.map(formatIssue)).toEqual([
      'club.jsonl:2: warning [pmid]: the built-in edition already summarises this paper (pmid:30000001); its summary is shown, not this one',
      'club.jsonl:4: warning [doi]: the built-in edition already summarises this paper (doi:10.5555/tw.fixture.2); its summary is shown, not this one',
    ]);
    // Stored all the same: should the edition drop the paper, the pack's summary answers.
    expect(await db.packSummaries.count()).toBe(4);
  });

  it('names the title when that is what the pack shares with the edition', async () => {
    const files = await buildIndex(fixtureSummaries(), 'Fixture edition', '2026-11-21T00:00:00.000Z');
    const r = await importPack(
      db,
      {
        name: 'club.jsonl',
        bytes: jsonl({ title: STATINS_TITLE, study_type: 'other', key_takeaway: 'By title only.' }),
      },
      { bundled: new IndexService(memoryLoader(files).load) },
    );
    if (!r.ok) throw new Error('import failed');
    expect(r.warnings.map(formatIssue)).toEqual([
      `club.jsonl:1: warning [title]: the built-in edition already summarises this paper (${keysOf({ title: STATINS_TITLE })[0]}); its summary is shown, not this one`,
    ]);
  });

  it('confirms a bounded number by lookup and counts the rest as the filter says', async () => {
    const lookups: PaperIds[] = [];
    const everything = {
      mayContain: () => Promise.resolve(true),
      lookup: (ids: PaperIds) => {
        lookups.push(ids);
        return Promise.resolve(null);
      },
    };
    const r = await importPack(
      db,
      { name: 'big.jsonl', bytes: jsonl(...Array.from({ length: 30 }, (_, i) => rec(i))) },
      { bundled: everything, compareAtMost: 10 },
    );
    if (!r.ok) throw new Error('import failed');
    expect(lookups).toHaveLength(10);
    expect(r.shadowed).toBe(20);
    expect(r.warnings.map(formatIssue)).toEqual([
      "big.jsonl:1: warning: 20 more of this pack's papers are probably in the built-in edition too (its key filter says so; the first 10 were checked one by one)",
    ]);
  });

  it('imports a pack even when the bundled edition cannot be read to compare, and says so', async () => {
    const r = await importPack(
      db,
      { name: 'club.jsonl', bytes: jsonl(rec(1)) },
      { bundled: new IndexService(() => Promise.reject(new Error('index missing'))) },
    );
    if (!r.ok) throw new Error('import failed');
    expect(r.shadowed).toBe(0);
    expect(r.warnings.map(formatIssue)).toEqual([
      'club.jsonl:1: warning: could not compare with the built-in edition (index missing)',
    ]);
    expect(await db.packSummaries.count()).toBe(1);
  });

  it('an earlier pack keeps answering when a later one has the same paper', async () => {
    await importPack(db, { name: 'first.jsonl', bytes: jsonl(rec(1)) }, { now: 1000 });
    await importPack(
      db,
      { name: 'second.jsonl', bytes: jsonl(rec(1, { key_takeaway: 'Later.' })) },
      { now: 2000 },
    );
    expect((await lookupInPacks(db, { doi: '10.5555/pack.1' }))?.origin).toBe('first');
  });

  it('still answers from packs when the bundled index cannot be read', async () => {
    await importPack(db, { name: 'club.jsonl', bytes: jsonl(rec(1)) });
    const broken = new IndexService(() => Promise.reject(new Error('index missing')));
    const combined = new CombinedIndex(broken, (ids) => lookupInPacks(db, ids));
    expect((await combined.lookup({ doi: '10.5555/pack.1' }))?.origin).toBe('club');
    await expect(combined.lookup({ doi: '10.5555/nowhere' })).rejects.toThrow('index missing');
  });
});
