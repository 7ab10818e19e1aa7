import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { findPaper } from '../../../../lib/extension/db/papers';
import { notesOfPaper, saveNote } from '../../../../lib/extension/db/notes';
import { CURRENT_VERSION, defineUpgrades } from '../../../../lib/extension/db/upgrades';

/** A database written by an older release: only the upgrades up to `version` are known to it. */
function openAtVersion(name: string, version: number): Dexie {
  const db = new Dexie(name);
  defineUpgrades(db, version);
  return db;
}

describe('schema upgrades', () => {
  it('has a newer version than the first release, so the upgrade path is exercised', () => {
    expect(CURRENT_VERSION).toBeGreaterThan(1);
  });

  it('opens a version 1 database with notes under the current schema, every note intact', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const old = openAtVersion(name, 1);
    // Records exactly as version 1 wrote them, including an older one without tags or URLs.
    await old.table('papers').bulkAdd([
      {
        keys: ['doi:10.1000/one', 'pmid:111'],
        doi: '10.1000/one',
        pmid: '111',
        title: 'First paper',
        urls: ['https://pubmed.ncbi.nlm.nih.gov/111/'],
        createdAt: 1,
        updatedAt: 2,
      },
      { keys: ['pmcid:PMC222'], pmcid: 'PMC222', createdAt: 3, updatedAt: 3 },
    ]);
    const papers = await old.table('papers').toArray();
    const [p1, p2] = papers as { id: number }[];
    const v1Notes = [
      {
        id: 'aaaaaaaa-0001',
        paperId: p1!.id,
        body: '# Heading\n\nMarkdown *body* ✓',
        tags: ['rct'],
        createdAt: 10,
        updatedAt: 11,
      },
      {
        id: 'aaaaaaaa-0002',
        paperId: p1!.id,
        body: 'In the trash',
        tags: [],
        createdAt: 12,
        updatedAt: 13,
        deletedAt: 14,
      },
      { id: 'aaaaaaaa-0003', paperId: p2!.id, body: 'Before tags existed', createdAt: 15, updatedAt: 16 },
    ];
    await old.table('notes').bulkAdd(v1Notes);
    await old.table('highlights').add({
      id: 'bbbbbbbb-0001',
      paperId: p1!.id,
      quote: { type: 'TextQuoteSelector', exact: 'cytokine', prefix: 'the ', suffix: ' network' },
      color: 'yellow',
      url: 'https://pubmed.ncbi.nlm.nih.gov/111/',
      createdAt: 20,
      updatedAt: 20,
    });
    expect(old.verno).toBe(1);
    old.close();

    const db: TakeawayDB = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const notes = await db.notes.toArray();
    const byId = new Map(notes.map((n) => [n.id, n]));
    for (const n of v1Notes) {
      const now = byId.get(n.id);
      expect(now?.body).toBe(n.body);
      expect(now?.paperId).toBe(n.paperId);
      expect(now?.createdAt).toBe(n.createdAt);
      expect(now?.deletedAt).toBe(n.deletedAt);
    }
    expect(byId.get('aaaaaaaa-0001')?.tags).toEqual(['rct']);
    expect(byId.get('aaaaaaaa-0003')?.tags).toEqual([]);
    expect((await db.papers.get(p2!.id))?.urls).toEqual([]);
    expect(await db.highlights.count()).toBe(1);

    // And it works as a current database: lookups, saves and the new index.
    const paper = await findPaper(db, { doi: '10.1000/ONE' });
    expect(paper?.id).toBe(p1!.id);
    expect((await notesOfPaper(db, p1!.id)).map((n) => n.id)).toEqual(['aaaaaaaa-0001']);
    await saveNote(db, { pmid: '111' }, 'aaaaaaaa-0001', 'Edited after the upgrade');
    expect((await db.notes.get('aaaaaaaa-0001'))?.tags).toEqual(['rct']);
    expect(await db.highlights.where('deletedAt').above(0).count()).toBe(0);
    db.close();
  });

  it('each upgrade step keeps the data of the one before', async () => {
    for (let v = 1; v < CURRENT_VERSION; v++) {
      const name = `step-${v}-${crypto.randomUUID()}`;
      const old = openAtVersion(name, v);
      const paperId = (await old
        .table('papers')
        .add({ keys: ['pmid:5'], pmid: '5', urls: [], createdAt: 1, updatedAt: 1 })) as number;
      await old.table('notes').add({
        id: 'cccccccc-0001',
        paperId,
        body: `written at v${v}`,
        tags: ['t'],
        createdAt: 1,
        updatedAt: 1,
      });
      old.close();
      const next = openAtVersion(name, v + 1);
      await next.open();
      expect((await next.table('notes').get('cccccccc-0001'))?.body).toBe(`written at v${v}`);
      next.close();
    }
  });
});
