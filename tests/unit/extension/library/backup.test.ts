import { describe, expect, it } from 'vitest';
import type { TakeawayDB } from '../../../../lib/extension/db';
import {
  backupStatus,
  BACKUP_NUDGE_AFTER,
  createBackup,
  getLastBackup,
  importBackup,
  parseBackup,
  readBackupData,
  type BackupData,
} from '../../../../lib/extension/backup';
import { answerCard } from '../../../../lib/extension/db/study';
import { importPack } from '../../../../lib/extension/packs/store';
import { freshDb, NOW, seed, smallLibrary } from './fixtures';

/** Every backed-up table, each sorted by id, for comparing two databases. */
async function snapshot(db: TakeawayDB): Promise<BackupData> {
  const d = await readBackupData(db);
  const by =
    <T>(k: (t: T) => string | number) =>
    (a: T, b: T) =>
      String(k(a)) < String(k(b)) ? -1 : 1;
  return {
    papers: d.papers.sort(by((p) => p.id)),
    notes: d.notes.sort(by((n) => n.id)),
    highlights: d.highlights.sort(by((h) => h.id)),
    packs: d.packs.sort(by((p) => p.id)),
    packSummaries: d.packSummaries.sort(by((s) => s.id ?? 0)),
    reviewCards: d.reviewCards.sort(by((c) => c.id)),
  };
}

const PACK = `{"doi":"10.1000/p3","title":"AKI after cardiac surgery","study_type":"cohort study","key_takeaway":"AKI is common after cardiac surgery.","concepts":["acute kidney injury"]}\n`;

async function fullDb(): Promise<TakeawayDB> {
  const db = freshDb();
  await seed(db, smallLibrary());
  await answerCard(db, 'note:aaaaaaaa-0001', 'good', NOW);
  await answerCard(db, 'takeaway:doi:10.1000/p2', 'again', NOW);
  const r = await importPack(db, { name: 'club.jsonl', bytes: new TextEncoder().encode(PACK) });
  expect(r.ok).toBe(true);
  return db;
}

/** Recompute the checksum of an edited backup, so that the deeper checks are reached. */
async function reseal(file: { checksum: string; data: unknown; counts?: unknown }): Promise<string> {
  const text = JSON.stringify(file.data);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  file.checksum = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return JSON.stringify(file);
}

describe('backup round trip', () => {
  it('backup → import into an empty database gives an identical database', async () => {
    const db = await fullDb();
    const text = await createBackup(db, NOW);
    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.backup.version).toBe(1);
    expect(parsed.backup.counts).toMatchObject({
      papers: 5,
      notes: 5,
      highlights: 2,
      packs: 1,
      packSummaries: 1,
      reviewCards: 2,
    });

    for (const mode of ['replace', 'merge'] as const) {
      const empty = freshDb();
      await importBackup(empty, parsed.backup, mode);
      expect(await snapshot(empty)).toEqual(await snapshot(db));
    }
  });

  it('records when the backup was made, and nudges after many changed notes', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    expect((await backupStatus(db)).last).toBeNull();
    await createBackup(db, NOW);
    expect(await getLastBackup(db)).toEqual({ at: NOW, notes: 5 });
    expect((await backupStatus(db)).nudge).toBe(false);
    const later = NOW + 1000;
    await db.notes.bulkAdd(
      Array.from({ length: BACKUP_NUDGE_AFTER }, (_, i) => ({
        id: `cccccccc-${String(i).padStart(4, '0')}`,
        paperId: 2,
        body: `new note ${i}`,
        tags: [],
        createdAt: later,
        updatedAt: later,
      })),
    );
    const s = await backupStatus(db);
    expect(s.changedSince).toBeGreaterThanOrEqual(BACKUP_NUDGE_AFTER);
    expect(s.nudge).toBe(true);
  });
});

describe('backup merge', () => {
  it('is idempotent: importing the same backup twice changes nothing the second time', async () => {
    const db = await fullDb();
    const parsed = await parseBackup(await createBackup(db, NOW));
    if (!parsed.ok) throw new Error(parsed.error);
    const before = await snapshot(db);
    const r1 = await importBackup(db, parsed.backup, 'merge');
    const r2 = await importBackup(db, parsed.backup, 'merge');
    for (const r of [r1, r2]) {
      expect(Object.values(r.added).every((n) => n === 0)).toBe(true);
      expect(Object.values(r.updated).every((n) => n === 0)).toBe(true);
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('matches papers by identifier, keeps the newer note, and adds what is missing', async () => {
    const source = await fullDb();
    // The backup has a newer version of one note.
    const n1 = (await source.notes.get('aaaaaaaa-0001'))!;
    await source.notes.put({ ...n1, body: 'Edited on the laptop', updatedAt: n1.updatedAt + 1000 });
    const parsed = await parseBackup(await createBackup(source, NOW));
    if (!parsed.ok) throw new Error(parsed.error);

    // This browser knows paper 1 under another record number, with a local-only note.
    const target = freshDb();
    await target.papers.add({
      id: 77,
      keys: ['pmid:1001'],
      pmid: '1001',
      urls: [],
      createdAt: 1,
      updatedAt: 1,
    });
    await target.notes.add({ ...n1, paperId: 77 });
    await target.notes.add({
      id: 'dddddddd-0001',
      paperId: 77,
      body: 'Only here',
      tags: [],
      createdAt: 5,
      updatedAt: 5,
    });
    const r = await importBackup(target, parsed.backup, 'merge');
    expect(r.updated.notes).toBe(1);
    const p77 = (await target.papers.get(77))!;
    expect(p77.keys).toEqual(expect.arrayContaining(['pmid:1001', 'doi:10.1000/p1']));
    expect(p77.doi).toBe('10.1000/p1');
    const notes = await target.notes.where('paperId').equals(77).toArray();
    expect(notes.map((n) => n.body).sort()).toEqual([
      'Edited on the laptop',
      'Only here',
      'Skeletal-related events delayed by about 8 months.',
    ]);
    // Paper 1 of the backup was not added a second time.
    expect(await target.papers.where('keys').equals('doi:10.1000/p1').count()).toBe(1);
  });

  it('gives a backup paper a new record number when its number is taken by another paper here', async () => {
    const parsed = await parseBackup(await createBackup(await fullDb(), NOW));
    if (!parsed.ok) throw new Error(parsed.error);
    const target = freshDb();
    await target.papers.add({ id: 1, keys: ['pmid:999'], pmid: '999', urls: [], createdAt: 1, updatedAt: 1 });
    await target.notes.add({
      id: 'dddddddd-0009',
      paperId: 1,
      body: 'Another paper',
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    });
    await importBackup(target, parsed.backup, 'merge');
    const moved = await target.papers.where('keys').equals('doi:10.1000/p1').first();
    expect(moved?.id).not.toBe(1);
    expect((await target.notes.get('aaaaaaaa-0001'))?.paperId).toBe(moved?.id);
    expect((await target.notes.get('dddddddd-0009'))?.paperId).toBe(1);
    expect((await target.papers.get(1))?.keys).toEqual(['pmid:999']);
  });

  it('keeps a backup paper apart from a paper here that shares its title but has another DOI', async () => {
    // The rule of upsertPaper: a shared title does not make one paper of two with different DOIs
    // (a comment and the article it answers). A merge import follows the same rule.
    const title = 'Denosumab for bone metastasis';
    const source = freshDb();
    await source.papers.add({
      id: 1,
      keys: ['doi:10.1/b', `title:${title.toLowerCase()}`],
      doi: '10.1/b',
      title,
      urls: [],
      createdAt: 1,
      updatedAt: 1,
    });
    await source.notes.add({
      id: 'bbbbbbbb-0001',
      paperId: 1,
      body: 'On b',
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    });
    const parsed = await parseBackup(await createBackup(source, NOW));
    if (!parsed.ok) throw new Error(parsed.error);

    const target = freshDb();
    await target.papers.add({
      id: 5,
      keys: ['doi:10.1/a', `title:${title.toLowerCase()}`],
      doi: '10.1/a',
      title,
      urls: [],
      createdAt: 1,
      updatedAt: 1,
    });
    await target.notes.add({
      id: 'aaaaaaaa-0009',
      paperId: 5,
      body: 'On a',
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    });
    await importBackup(target, parsed.backup, 'merge');

    const a = await target.papers.where('keys').equals('doi:10.1/a').toArray();
    const b = await target.papers.where('keys').equals('doi:10.1/b').toArray();
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]?.id).not.toBe(b[0]?.id);
    expect(a[0]?.keys).not.toContain('doi:10.1/b');
    expect((await target.notes.get('bbbbbbbb-0001'))?.paperId).toBe(b[0]?.id);
    expect((await target.notes.get('aaaaaaaa-0009'))?.paperId).toBe(a[0]?.id);
  });

  it('replace makes the database exactly the backup', async () => {
    const db = await fullDb();
    const parsed = await parseBackup(await createBackup(db, NOW));
    if (!parsed.ok) throw new Error(parsed.error);
    const other = freshDb();
    await other.papers.add({ id: 9, keys: ['pmid:9'], pmid: '9', urls: [], createdAt: 1, updatedAt: 1 });
    await other.notes.add({
      id: 'eeeeeeee-0001',
      paperId: 9,
      body: 'Goes away',
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    });
    await importBackup(other, parsed.backup, 'replace');
    expect(await snapshot(other)).toEqual(await snapshot(db));
  });
});

describe('hostile and broken backups', () => {
  async function good() {
    const db = await fullDb();
    return JSON.parse(await createBackup(db, NOW)) as {
      format: string;
      version: number;
      checksum: string;
      counts: Record<string, number>;
      data: Record<string, Record<string, unknown>[]>;
    };
  }

  const cases: [string, (f: Awaited<ReturnType<typeof good>>) => Promise<string> | string, RegExp][] = [
    ['not JSON', () => 'title,doi\nA paper,10.1/x\n', /not a Takeaway backup/],
    ['JSON that is not a backup', () => JSON.stringify({ hello: 'world' }), /not a Takeaway backup/],
    ['a JSON array', () => '[1,2,3]', /not a Takeaway backup/],
    [
      'from a newer version',
      (f) => JSON.stringify({ ...f, version: 99 }),
      /newer version of Takeaway \(format 99/,
    ],
    ['cut short', async (f) => (await reseal(f)).slice(0, 500), /damaged \(it may have been cut short/],
    [
      'changed after export',
      (f) => JSON.stringify({ ...f, data: { ...f.data, notes: f.data.notes!.slice(1) } }),
      /checksum/,
    ],
    [
      'a note body of the wrong type',
      (f) => {
        f.data.notes![0]!.body = 42;
        return reseal(f);
      },
      /notes\[0\]\.body: expected text/,
    ],
    [
      'a gigantic note',
      (f) => {
        f.data.notes![0]!.body = 'x'.repeat(1_000_001);
        return reseal(f);
      },
      /notes\[0\]\.body: text longer than/,
    ],
    [
      'a prototype-polluting key',
      (f) => {
        const text = JSON.stringify(f).replace('"body":', '"__proto__":{"polluted":true},"body":');
        return text;
      },
      /not allowed \(__proto__/,
    ],
    [
      'a constructor key inside a summary',
      (f) => {
        (f.data.packSummaries![0]!.summary as Record<string, unknown>).source = {
          constructor: { prototype: { x: 1 } },
        };
        return reseal(f);
      },
      /not allowed/,
    ],
    [
      'an unknown field',
      (f) => {
        f.data.papers![0]!.isAdmin = true;
        return reseal(f);
      },
      /papers\[0\]: unexpected field “isAdmin”/,
    ],
    [
      'a note of a paper that is not in the file',
      (f) => {
        f.data.notes![0]!.paperId = 999;
        return reseal(f);
      },
      /notes\[0\]\.paperId: no such paper/,
    ],
    [
      'counts that do not match',
      (f) => {
        f.counts.notes = 1;
        return reseal(f);
      },
      /counts\.notes/,
    ],
    [
      'duplicate ids',
      (f) => {
        f.data.notes!.push({ ...f.data.notes![0]! });
        f.counts.notes = f.data.notes!.length;
        return reseal(f);
      },
      /duplicate id/,
    ],
    [
      'a bad highlight selector',
      (f) => {
        f.data.highlights![0]!.quote = { type: 'XPathSelector', value: '/html' };
        return reseal(f);
      },
      /quote: expected a W3C TextQuoteSelector/,
    ],
    [
      'an unknown study card state',
      (f) => {
        f.data.reviewCards![0]!.state = 7;
        return reseal(f);
      },
      /reviewCards\[0\]\.state/,
    ],
  ];

  it.each(cases)(
    'refuses %s with a message and leaves the database untouched',
    async (_name, make, message) => {
      const target = await fullDb();
      const before = await snapshot(target);
      const text = await make(await good());
      const parsed = await parseBackup(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(message);
      expect(await snapshot(target)).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('rolls back everything when a write fails half-way through the import', async () => {
    const source = await fullDb();
    const parsed = await parseBackup(await createBackup(source, NOW));
    if (!parsed.ok) throw new Error(parsed.error);
    const target = freshDb();
    await seed(target, { papers: [], notes: [], highlights: [], summaries: [] });
    await target.notes.add({
      id: 'ffffffff-0001',
      paperId: 1,
      body: 'Mine',
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    });
    const before = await snapshot(target);
    // A pack summary whose id collides inside the backup's own rows makes the last bulkAdd fail.
    const broken = structuredClone(parsed.backup);
    broken.data.packSummaries.push({ ...broken.data.packSummaries[0]! });
    await expect(importBackup(target, broken, 'replace')).rejects.toThrow();
    expect(await snapshot(target)).toEqual(before);
  });
});
