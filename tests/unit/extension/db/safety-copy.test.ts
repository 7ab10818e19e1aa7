import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { saveHighlight, trashHighlight } from '../../../../lib/extension/db/highlights';
import { notesOfPaper, saveNote } from '../../../../lib/extension/db/notes';
import { findPaper } from '../../../../lib/extension/db/papers';
import { answerCard } from '../../../../lib/extension/db/study';
import {
  attachSafetyCopy,
  DATABASE_ID,
  ID_FILE,
  parseUnit,
  RESTORED,
  type Restored,
  type SafetyCopy,
} from '../../../../lib/extension/db/safety-copy';
import type { CopyFolder } from '../../../../lib/extension/db/safety-files';
import { importBackup, parseBackup, createBackup } from '../../../../lib/extension/backup';
import { listOwnSummaries, saveOwnSummary } from '../../../../lib/extension/summaries/own';

/** An origin-private folder in memory, with a switch that refuses writes as a full disk does. */
function memoryFolder() {
  const files = new Map<string, string>();
  let full = false;
  let unlisted = false;
  const folder: CopyFolder & {
    files: Map<string, string>;
    fill(on: boolean): void;
    failListing(on: boolean): void;
    writes: number;
  } = {
    files,
    writes: 0,
    fill(on) {
      full = on;
    },
    failListing(on) {
      unlisted = on;
    },
    names: () =>
      unlisted
        ? Promise.reject(new DOMException('no room', 'QuotaExceededError'))
        : Promise.resolve([...files.keys()]),
    read: (n) => Promise.resolve(files.get(n) ?? null),
    write(n, text) {
      if (full) return Promise.reject(new DOMException('no room', 'QuotaExceededError'));
      folder.writes++;
      files.set(n, text);
      return Promise.resolve();
    },
    remove(n) {
      files.delete(n);
      return Promise.resolve();
    },
  };
  return folder;
}

type Folder = ReturnType<typeof memoryFolder>;

function withCopy(
  name: string,
  folder: Folder,
  retryMs = 10,
  fullDelayMs = 0,
): { db: TakeawayDB; copy: SafetyCopy; errors: unknown[] } {
  const db = openDatabase(name);
  const errors: unknown[] = [];
  const copy = attachSafetyCopy(db, () => Promise.resolve(folder), {
    delayMs: 5,
    retryMs,
    fullDelayMs,
    onError: (e) => errors.push(e),
  });
  return { db, copy, errors };
}

const BMJ = { doi: '10.1136/bmj-2025-081234', url: 'https://www.bmj.com/content/391/bmj-2025-081234' };
const PUBMED = { pmid: '41800001', url: 'https://pubmed.ncbi.nlm.nih.gov/41800001/' };
const quote = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' });

/** Wait until the copy has written what was committed. */
async function settled(copy: SafetyCopy): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  await copy.flush();
}

/** What a paper's file holds, by note id. */
function unitOf(folder: Folder, paperId: number) {
  const text = folder.files.get(`paper-${paperId}.json`);
  return text ? parseUnit(text) : null;
}

/** The browser deleting the database whole, as Chromium does when it finds its log torn. */
async function wipe(db: TakeawayDB): Promise<void> {
  const name = db.name;
  db.close();
  await Dexie.delete(name);
}

async function restoredRow(db: TakeawayDB): Promise<Restored | undefined> {
  return (await db.meta.get(RESTORED))?.value as Restored | undefined;
}

describe('the safety copy, kept outside IndexedDB', () => {
  it('keeps each paper with notes or highlights in a file of its own, written after the commit', async () => {
    const folder = memoryFolder();
    const { db, copy } = withCopy(`safety-${crypto.randomUUID()}`, folder);
    await saveNote(db, BMJ, 'note-1', 'RR 0.65, CI 0.41 to 1.02.', ['rehab']);
    await saveHighlight(
      db,
      BMJ,
      { id: 'hl-1', color: 'yellow', quote: quote('weekend physiotherapy') },
      BMJ.url,
    );
    await saveNote(db, PUBMED, 'note-2', 'A second paper.');
    await settled(copy);
    const paper = (await findPaper(db, BMJ))!;
    const unit = unitOf(folder, paper.id)!;
    expect(unit.data.papers.map((p) => p.keys)).toEqual([paper.keys]);
    expect(unit.data.notes.map((n) => [n.id, n.body])).toEqual([['note-1', 'RR 0.65, CI 0.41 to 1.02.']]);
    expect(unit.data.highlights.map((h) => h.id)).toEqual(['hl-1']);
    expect(folder.files.get(ID_FILE)).toBe((await db.meta.get(DATABASE_ID))?.value);
    expect([...folder.files.keys()].sort()).toEqual(['database-id', 'paper-1.json', 'paper-2.json']);

    // A change is written again; a trashed highlight stays in the copy (it can be restored).
    await saveNote(db, BMJ, 'note-1', 'RR 0.65, CI 0.41 to 1.02. Underpowered.');
    await trashHighlight(db, 'hl-1');
    await settled(copy);
    expect(unitOf(folder, paper.id)!.data.notes[0]!.body).toBe('RR 0.65, CI 0.41 to 1.02. Underpowered.');
    expect(unitOf(folder, paper.id)!.data.highlights[0]!.deletedAt).toBeTypeOf('number');
  });

  it('puts everything back when the browser has deleted the database, and says so once', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const first = withCopy(name, folder);
    await saveNote(first.db, BMJ, 'note-1', 'Kept.', ['rehab']);
    await saveNote(first.db, PUBMED, 'note-2', 'Also kept.');
    await saveHighlight(first.db, BMJ, { id: 'hl-1', color: 'green', quote: quote('weekend') }, BMJ.url);
    await answerCard(first.db, 'note:note-1', 'good', 1_796_000_000_000);
    const own = await saveOwnSummary(first.db, {
      doi: BMJ.doi,
      title: 'Weekend physiotherapy after hip fracture',
      study_type: 'randomised controlled trial',
      key_takeaway: 'No clear difference in mobility at 30 days.',
    });
    expect(own.ok).toBe(true);
    await settled(first.copy);
    const before = await createBackup(first.db);
    await wipe(first.db);

    // The next open, in any page or the worker, finds the database new and the copy's id.
    const second = withCopy(name, folder);
    const notes = await second.db.notes.toArray();
    expect(notes.map((n) => [n.id, n.body, n.tags]).sort()).toEqual([
      ['note-1', 'Kept.', ['rehab']],
      ['note-2', 'Also kept.', []],
    ]);
    expect((await second.db.highlights.toArray()).map((h) => h.id)).toEqual(['hl-1']);
    expect((await second.db.reviewCards.toArray()).map((c) => c.id)).toEqual(['note:note-1']);
    expect((await listOwnSummaries(second.db)).map((s) => s.summary.key_takeaway)).toEqual([
      'No clear difference in mobility at 30 days.',
    ]);
    const paper = (await findPaper(second.db, BMJ))!;
    expect((await notesOfPaper(second.db, paper.id)).map((n) => n.id)).toEqual(['note-1']);
    expect(await restoredRow(second.db)).toMatchObject({
      why: 'open',
      notes: 2,
      highlights: 1,
      cards: 1,
      summaries: 1,
    });
    // Everything the backup of the lost database had, the restored one has.
    const after = (await parseBackup(await createBackup(second.db))) as {
      ok: true;
      backup: { data: unknown };
    };
    const was = (await parseBackup(before)) as { ok: true; backup: { data: unknown } };
    expect(after.backup.data).toEqual(was.backup.data);
    // Opened again: nothing restored twice.
    second.db.close();
    await second.db.meta.delete(RESTORED).catch(() => undefined);
    const third = withCopy(name, folder);
    await third.db.meta.delete(RESTORED);
    third.db.close();
    const fourth = withCopy(name, folder);
    expect(await fourth.db.notes.count()).toBe(2);
    expect(await restoredRow(fourth.db)).toBeUndefined();
  });

  it('a fresh install gets an id and no notice; a database without the copy is copied whole', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    // A library from before the safety copy: written with no copy attached.
    const plain = openDatabase(name);
    await saveNote(plain, BMJ, 'note-1', 'Written before the copy existed.');
    await saveNote(plain, PUBMED, 'note-2', 'Also before.');
    plain.close();
    const folder = memoryFolder();
    const { db, copy } = withCopy(name, folder);
    expect(await db.notes.count()).toBe(2);
    await settled(copy);
    expect(await restoredRow(db)).toBeUndefined();
    expect(unitOf(folder, 1)!.data.notes[0]!.body).toBe('Written before the copy existed.');
    expect(unitOf(folder, 2)!.data.notes[0]!.body).toBe('Also before.');
  });

  it('copies a library from before the copy whole, but only once the opening page has had its time', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const plain = openDatabase(name);
    for (let i = 0; i < 60; i++)
      await saveNote(plain, { doi: `10.1000/old.${i}` }, `old-${i}`, `Old note ${i}.`);
    plain.close();
    const folder = memoryFolder();
    const { db, copy } = withCopy(name, folder, 10, 300);
    // A note written now is copied at once; the 60 older ones wait.
    await saveNote(db, BMJ, 'new', 'Written today.');
    await settled(copy);
    expect([...folder.files.keys()].filter((n) => n.startsWith('paper-'))).toHaveLength(1);
    expect(folder.files.has(ID_FILE)).toBe(false);
    // Then all of them (in several batches), and the folder names the database it copies.
    await expect.poll(() => folder.files.has(ID_FILE), { timeout: 3_000 }).toBe(true);
    expect([...folder.files.keys()].filter((n) => n.startsWith('paper-'))).toHaveLength(61);
    expect(folder.files.get(ID_FILE)).toBe((await db.meta.get(DATABASE_ID))?.value);
  });

  it('a copy cut short is restored as far as it got, and finished later', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const first = withCopy(name, folder, 10, 60_000);
    await saveNote(first.db, BMJ, 'note-1', 'Copied before the whole copy was made.');
    await settled(first.copy);
    expect(folder.files.has(ID_FILE)).toBe(false);
    await wipe(first.db);
    const second = withCopy(name, folder);
    expect((await second.db.notes.toArray()).map((n) => n.body)).toEqual([
      'Copied before the whole copy was made.',
    ]);
    expect(await restoredRow(second.db)).toMatchObject({ why: 'open', notes: 1 });
  });

  it('a page closed right after a change leaves it to the next page, not to the next browser start', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const first = withCopy(name, folder);
    await saveNote(first.db, BMJ, 'note-1', 'First.');
    await settled(first.copy);
    first.db.close();
    // A page whose flush never comes (closed within the moment after its commit).
    const closing = openDatabase(name);
    attachSafetyCopy(closing, () => Promise.resolve(folder), { delayMs: 60_000, fullDelayMs: 0 });
    await saveNote(closing, BMJ, 'note-1', 'First. Then the page was closed.');
    closing.close();
    expect(unitOf(folder, 1)!.data.notes[0]!.body).toBe('First.');
    // The next page of the extension writes it.
    const next = withCopy(name, folder);
    await next.db.open();
    await expect
      .poll(() => unitOf(folder, 1)!.data.notes[0]!.body, { timeout: 2_000 })
      .toBe('First. Then the page was closed.');
    expect(localStorage.getItem('takeaway-safety-copy-pending')).toBeNull();
  });

  it('a write the disk refuses leaves the old file, and is written once there is room', async () => {
    const folder = memoryFolder();
    const { db, copy, errors } = withCopy(`safety-${crypto.randomUUID()}`, folder);
    await saveNote(db, BMJ, 'note-1', 'First.');
    await settled(copy);
    folder.fill(true);
    await saveNote(db, BMJ, 'note-1', 'First. Second.');
    await settled(copy);
    expect(errors.length).toBeGreaterThan(0);
    expect(unitOf(folder, 1)!.data.notes[0]!.body).toBe('First.');
    folder.fill(false);
    await expect
      .poll(() => unitOf(folder, 1)!.data.notes[0]!.body, { timeout: 2_000 })
      .toBe('First. Second.');
  });

  it('a change made while a retry waits is written at once, not at the retry', async () => {
    const folder = memoryFolder();
    const { db, copy } = withCopy(`safety-${crypto.randomUUID()}`, folder, 60_000);
    await saveNote(db, BMJ, 'note-1', 'First.');
    await settled(copy);
    folder.fill(true);
    await saveNote(db, BMJ, 'note-1', 'First. Refused.');
    await new Promise((r) => setTimeout(r, 30));
    // Room again, and the reader types on: written a moment later, not a minute later.
    folder.fill(false);
    await saveNote(db, BMJ, 'note-1', 'First. Refused. Typed with room.');
    await expect
      .poll(() => unitOf(folder, 1)!.data.notes[0]!.body, { timeout: 500, interval: 20 })
      .toBe('First. Refused. Typed with room.');
  });

  it('at a browser start, brings back writes the database dropped, and copies what the files lack', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const { db, copy } = withCopy(name, folder);
    await saveNote(db, BMJ, 'note-1', 'Saved, and then dropped by the browser.');
    await saveNote(db, PUBMED, 'note-2', 'On PubMed.');
    await settled(copy);
    // The database lost the last save of note 1, the whole transaction (the note and its paper's
    // change), while the file has it ...
    // (Written through a connection of its own, which the copy does not see: the browser's doing.)
    const kept = folder.files.get('paper-1.json')!;
    const dropped = (await db.notes.get('note-1'))!;
    const paper = (await db.papers.get(dropped.paperId))!;
    const browserSide = openDatabase(name);
    await browserSide.transaction('rw', browserSide.notes, browserSide.papers, async () => {
      await browserSide.notes.put({ ...dropped, body: 'Saved.', updatedAt: dropped.updatedAt - 1000 });
      await browserSide.papers.put({ ...paper, updatedAt: paper.updatedAt - 1000 });
    });
    browserSide.close();
    // ... and the file of note 2's paper missed a change (a worker stopped before writing it).
    const stale = folder.files.get('paper-2.json')!;
    await saveNote(db, PUBMED, 'note-2', 'On PubMed, edited.');
    await settled(copy);
    folder.files.set('paper-1.json', kept);
    folder.files.set('paper-2.json', stale);

    const restored = await copy.reconcile();
    expect(restored).toMatchObject({ why: 'start', notes: 1 });
    expect((await db.notes.get('note-1'))!.body).toBe('Saved, and then dropped by the browser.');
    expect(unitOf(folder, 2)!.data.notes[0]!.body).toBe('On PubMed, edited.');
    expect(await restoredRow(db)).toMatchObject({ why: 'start', notes: 1 });
  });

  it('a write after one the database dropped brings the dropped one back, not over it', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const { db, copy } = withCopy(name, folder);
    await saveNote(db, BMJ, 'note-1', 'The last words, dropped by the browser.');
    await settled(copy);
    const dropped = (await db.notes.get('note-1'))!;
    const paper = (await db.papers.get(dropped.paperId))!;
    const browserSide = openDatabase(name);
    await browserSide.transaction('rw', browserSide.notes, browserSide.papers, async () => {
      await browserSide.notes.put({ ...dropped, body: 'The last', updatedAt: dropped.updatedAt - 1000 });
      await browserSide.papers.put({ ...paper, updatedAt: paper.updatedAt - 1000 });
    });
    browserSide.close();
    // Before any browser-start check, the reader highlights on the same paper: its file is
    // written again, and must not lose the note's last words.
    await saveHighlight(db, BMJ, { id: 'hl-1', color: 'yellow', quote: quote('weekend') }, BMJ.url);
    await settled(copy);
    await settled(copy);
    expect((await db.notes.get('note-1'))!.body).toBe('The last words, dropped by the browser.');
    const unit = unitOf(folder, paper.id)!;
    expect(unit.data.notes.map((n) => n.body)).toEqual(['The last words, dropped by the browser.']);
    expect(unit.data.highlights.map((h) => h.id)).toEqual(['hl-1']);
    expect(await restoredRow(db)).toMatchObject({ why: 'start', notes: 1 });
  });

  it('a database deleted while its copy is written leaves the copy whole', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const first = withCopy(name, folder);
    for (let i = 0; i < 80; i++) await saveNote(first.db, { doi: `10.1000/w.${i}` }, `w-${i}`, `Note ${i}.`);
    await settled(first.copy);
    const papers = () => [...folder.files.keys()].filter((n) => n.startsWith('paper-')).length;
    expect(papers()).toBe(80);
    first.db.close();
    // Another page writes the whole copy again (its id file is missing), slowly, so that the
    // deletion lands between two batches.
    folder.files.delete(ID_FILE);
    // (Each file as an older version would have written it, so that every one is written again.)
    for (const [n, t] of folder.files) folder.files.set(n, JSON.stringify({ ...JSON.parse(t), older: true }));
    const slow = {
      ...folder,
      write: (n: string, t: string) => new Promise((r) => setTimeout(r, 2)).then(() => folder.write(n, t)),
    } as Folder;
    const { db, copy } = withCopy(name, slow);
    await db.open();
    const writes = folder.writes;
    const copying = copy.flush();
    await expect.poll(() => folder.writes - writes, { timeout: 5_000, interval: 2 }).toBeGreaterThan(30);
    // The browser deletes the database; it is opened afresh, and its restore fails (no room).
    folder.failListing(true);
    await Dexie.delete(name);
    await copying;
    await settled(copy);
    folder.failListing(false);
    // Not one file removed for the empty database; the next open puts every note back.
    expect(papers()).toBe(80);
    db.close();
    const again = withCopy(name, folder);
    expect(await again.db.notes.count()).toBe(80);
  });

  it('a damaged file is left out, and the others are put back', async () => {
    const name = `safety-${crypto.randomUUID()}`;
    const folder = memoryFolder();
    const first = withCopy(name, folder);
    await saveNote(first.db, BMJ, 'note-1', 'Kept.');
    await saveNote(first.db, PUBMED, 'note-2', 'In a damaged file.');
    await settled(first.copy);
    folder.files.set('paper-2.json', folder.files.get('paper-2.json')!.slice(0, 40));
    await wipe(first.db);
    const second = withCopy(name, folder);
    expect((await second.db.notes.toArray()).map((n) => n.body)).toEqual(['Kept.']);
    expect(second.errors.map(String).join()).toMatch(/paper-2\.json is damaged/);
  });

  it('follows merges, a replacing backup import and the trash', async () => {
    const folder = memoryFolder();
    const { db, copy } = withCopy(`safety-${crypto.randomUUID()}`, folder);
    await saveNote(db, BMJ, 'note-1', 'On the publisher page.');
    await saveNote(db, PUBMED, 'note-2', 'On PubMed.');
    await settled(copy);
    expect([...folder.files.keys()].sort()).toEqual(['database-id', 'paper-1.json', 'paper-2.json']);
    // A page shows both identifiers: the two records are one paper, one file.
    await saveNote(db, { ...BMJ, ...PUBMED }, 'note-3', 'Both.');
    await settled(copy);
    const papers = await db.papers.toArray();
    expect(papers).toHaveLength(1);
    expect([...folder.files.keys()].sort()).toEqual(['database-id', `paper-${papers[0]!.id}.json`]);
    expect(unitOf(folder, papers[0]!.id)!.data.notes.length).toBeGreaterThanOrEqual(2);

    // A backup imported in place of everything: the copy follows it whole.
    const other = openDatabase(`safety-other-${crypto.randomUUID()}`);
    await saveNote(other, { doi: '10.1000/other' }, 'note-9', 'From the backup.');
    const parsed = await parseBackup(await createBackup(other));
    if (!parsed.ok) throw new Error(parsed.error);
    await importBackup(db, parsed.backup, 'replace');
    await settled(copy);
    const only = (await db.papers.toArray())[0]!;
    expect([...folder.files.keys()].sort()).toEqual(['database-id', `paper-${only.id}.json`]);
    expect(unitOf(folder, only.id)!.data.notes.map((n) => n.body)).toEqual(['From the backup.']);
  });

  it('a transaction that aborts writes nothing to the copy', async () => {
    const folder = memoryFolder();
    const { db, copy } = withCopy(`safety-${crypto.randomUUID()}`, folder);
    await saveNote(db, BMJ, 'note-1', 'Committed.');
    await settled(copy);
    const writes = folder.writes;
    await expect(
      db.transaction('rw', db.notes, async () => {
        await db.notes.put({ ...(await db.notes.get('note-1'))!, body: 'Never committed.' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await settled(copy);
    expect(folder.writes).toBe(writes);
    expect(unitOf(folder, 1)!.data.notes[0]!.body).toBe('Committed.');
  });
});
