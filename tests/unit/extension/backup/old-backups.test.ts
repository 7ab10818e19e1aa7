/**
 * Backups written by earlier versions of Takeaway, made by the code of those versions
 * (tests/support/make-old-backups.ts), import into today's database with nothing lost: every
 * field of every record is there, by replace and by merge, and today's readers find the notes,
 * highlights, pack summaries and study cards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { BACKUP_VERSION, importBackup, parseBackup, type BackupData } from '../../../../lib/extension/backup';
import { highlightsOf } from '../../../../lib/extension/db/highlights';
import { notesOfPaper, saveNote } from '../../../../lib/extension/db/notes';
import { findPaper } from '../../../../lib/extension/db/papers';
import { reviewCardsTable } from '../../../../lib/extension/db/study';
import { lookupInPacks } from '../../../../lib/extension/packs/store';

const DIR = 'tests/fixtures/backups';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

interface RawBackup {
  version: number;
  data: BackupData;
}

const BMJ = { pmid: '41800001', doi: '10.1136/bmj-2025-081234' };
const PMC = { pmcid: 'PMC11990001' };

async function tables(db: TakeawayDB): Promise<BackupData> {
  return {
    papers: await db.papers.toArray(),
    notes: await db.notes.toArray(),
    highlights: await db.highlights.toArray(),
    packs: await db.packs.toArray(),
    packSummaries: await db.packSummaries.toArray(),
    reviewCards: await reviewCardsTable(db).toArray(),
  };
}

/** Every record of the old file is in the database with every one of its fields (paper ids mapped). */
function expectAllKept(old: BackupData, now: BackupData, paperOf: (oldId: number) => number) {
  for (const n of old.notes) {
    const found = now.notes.find((x) => x.id === n.id);
    expect(found, `note ${n.id}`).toEqual({ ...n, paperId: paperOf(n.paperId) });
  }
  for (const h of old.highlights) {
    const found = now.highlights.find((x) => x.id === h.id);
    expect(found, `highlight ${h.id}`).toEqual({ ...h, paperId: paperOf(h.paperId) });
  }
  for (const p of old.papers) {
    const found = now.papers.find((x) => x.id === paperOf(p.id));
    expect(found, `paper ${p.id}`).toMatchObject({ ...p, id: paperOf(p.id) });
  }
  for (const p of old.packs) expect(now.packs.find((x) => x.id === p.id)).toEqual(p);
  for (const s of old.packSummaries) {
    const found = now.packSummaries.find((x) => x.packId === s.packId && x.keys[0] === s.keys[0]);
    const { id: _id, ...rest } = s;
    expect(found, `pack summary ${s.keys[0]}`).toMatchObject(rest);
  }
  for (const c of old.reviewCards) expect(now.reviewCards.find((x) => x.id === c.id)).toEqual(c);
}

describe('backups of earlier versions', () => {
  it('there is one for every earlier shape, none newer than today', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
    const versions = FILES.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as RawBackup).version);
    for (let v = 1; v <= BACKUP_VERSION; v++) expect(versions).toContain(v);
    expect(Math.max(...versions)).toBeLessThanOrEqual(BACKUP_VERSION);
  });

  describe.each(FILES)('%s', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const old = (JSON.parse(text) as RawBackup).data;

    it('replaces an empty database with all of it', async () => {
      const parsed = await parseBackup(text);
      if (!parsed.ok) throw new Error(parsed.error);
      const db = openDatabase(`old-${crypto.randomUUID()}`);
      await importBackup(db, parsed.backup, 'replace');
      const now = await tables(db);
      for (const t of ['papers', 'notes', 'highlights', 'packs', 'packSummaries', 'reviewCards'] as const)
        expect(now[t], t).toHaveLength(old[t].length);
      expectAllKept(old, now, (id) => id);

      // Today's readers find them: the paper by another of its identifiers, its notes and
      // highlights, the trash, the pack's summary, the study cards.
      const bmj = await findPaper(db, { doi: BMJ.doi });
      expect(bmj).toBeDefined();
      const notes = await notesOfPaper(db, bmj!.id);
      expect(notes.map((n) => n.body)).toEqual([
        'RR 0.65 but the CI crosses 1: not powered for mortality.\n\n**Ask** the ward: «physio» at weekends, 7/7?',
        'A second note on the same paper, from the PMC page.',
      ]);
      expect(notes[0]!.tags).toEqual(['rct', 'Hip fracture', 'orthogeriatrics']);
      const hl = await highlightsOf(db, BMJ);
      expect(hl.map((h) => [h.quote.exact, h.color, h.comment, h.position?.start])).toEqual([
        ['mobilisation within 24 hours', 'green', 'The key claim; check the delirium definition.', 1204],
      ]);
      expect((await highlightsOf(db, PMC)).map((h) => h.quote.exact)).toEqual(['RANKL inhibition']);
      expect(now.notes.filter((n) => n.deletedAt !== undefined).map((n) => n.body)).toEqual([
        'In the trash, and still mine.',
      ]);
      const pmcNotes = await notesOfPaper(db, (await findPaper(db, PMC))!.id);
      expect(pmcNotes[0]!.body).toBe('Unicode kept: 💊 β-blockers, naïve café, 中文, emoji 🦴.');
      const hit = await lookupInPacks(db, { doi: '10.5555/club.1' });
      expect(hit?.summary.key_takeaway).toBe('No mortality benefit shown over five years.');
      // The card reads `hit.related.length`: a backup made before related lists were stored
      // gives an empty list, never none; a later one gives the list it holds.
      const storedRelated = old.packSummaries.find((s) => s.keys.includes('doi:10.5555/club.1'))?.related;
      expect(hit?.related).toEqual(storedRelated ?? []);
      if (file.endsWith('-first.json')) expect(hit?.related).toEqual([]);
      else expect(hit?.related.map((r) => r.doi)).toEqual(['10.5555/club.2']);
      expect(now.reviewCards.map((c) => c.reps).sort()).toEqual([1, 2]);
    });

    it('merges into a database that has notes of its own, keeping both', async () => {
      const parsed = await parseBackup(text);
      if (!parsed.ok) throw new Error(parsed.error);
      const db = openDatabase(`old-${crypto.randomUUID()}`);
      // This browser already knows the BMJ paper (under its PMID only) and has a note elsewhere.
      await saveNote(db, { pmid: BMJ.pmid }, '99999999-9999-4999-8999-999999999999', 'Written here first.');
      await saveNote(db, { doi: '10.1000/here' }, '88888888-8888-4888-8888-888888888888', 'Only here.');
      const before = await tables(db);
      await importBackup(db, parsed.backup, 'merge');
      const now = await tables(db);
      const here = (await findPaper(db, BMJ))!.id;
      const bmjOld = old.papers.find((p) => p.pmid === BMJ.pmid)!.id;
      const paperOf = (id: number) =>
        id === bmjOld
          ? here
          : now.papers.find((p) => p.keys[0] === old.papers.find((o) => o.id === id)!.keys[0])!.id;
      for (const n of old.notes)
        expect(now.notes.find((x) => x.id === n.id)).toEqual({ ...n, paperId: paperOf(n.paperId) });
      for (const h of old.highlights)
        expect(now.highlights.find((x) => x.id === h.id)).toEqual({ ...h, paperId: paperOf(h.paperId) });
      for (const n of before.notes) expect(now.notes).toContainEqual(n);
      expect(now.notes).toHaveLength(old.notes.length + before.notes.length);
      const bmjPaper = now.papers.find((p) => p.id === here)!;
      for (const k of old.papers.find((p) => p.id === bmjOld)!.keys) expect(bmjPaper.keys).toContain(k);
      for (const c of old.reviewCards) expect(now.reviewCards).toContainEqual(c);
      expect(now.packSummaries).toHaveLength(old.packSummaries.length);
    });
  });
});
