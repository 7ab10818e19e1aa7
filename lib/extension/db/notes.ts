import { MAX_NOTE } from '../../shared/limits';
import { normaliseTags, type PaperSighting } from '../../shared/model';
import type { Note, TakeawayDB } from './index';
import { upsertPaper } from './papers';

export { newNoteId, normaliseTags } from '../../shared/model';

/** The notes of a paper that are not in the trash, oldest first. */
export async function notesOfPaper(db: TakeawayDB, paperId: number): Promise<Note[]> {
  const notes = await db.notes.where('paperId').equals(paperId).toArray();
  return notes.filter((n) => n.deletedAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Save the text of a note on a paper, creating the paper and the note on first save. One
 * transaction: either both are written or neither is. Saving a note that is in the trash (an
 * editor still open on a note that a merge folded into another) brings it back rather than
 * dropping what was typed. Tags are normalised (lib/shared/model) and a body beyond MAX_NOTE is
 * refused whole, never cut.
 */
export async function saveNote(
  db: TakeawayDB,
  sighting: PaperSighting,
  noteId: string,
  body: string,
  tags?: string[],
): Promise<Note> {
  if (body.length > MAX_NOTE)
    throw new RangeError(
      `A note holds at most ${MAX_NOTE.toLocaleString('en')} characters; this one has ${body.length.toLocaleString('en')}.`,
    );
  return db.transaction('rw', db.papers, db.notes, db.highlights, async () => {
    const paper = await upsertPaper(db, sighting);
    const now = Date.now();
    const prev = await db.notes.get(noteId);
    const note: Note = {
      id: noteId,
      paperId: paper.id,
      body,
      tags: tags ? normaliseTags(tags) : (prev?.tags ?? []),
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    await db.notes.put(note);
    return note;
  });
}

/**
 * Every tag the reader has used, for autocomplete, most used first. Read from the tags index
 * alone (no note is loaded), since every open editor runs this again after each save: with tens
 * of thousands of notes a table scan per keystroke would be felt. Tags of notes in the trash
 * count too; they are still the reader's words.
 */
export async function allTags(db: TakeawayDB): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const k of await db.notes.orderBy('tags').keys()) {
    if (typeof k === 'string') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

/** Move a note to the trash, or bring it back (undo). Nothing is erased. */
export async function trashNote(db: TakeawayDB, noteId: string, trashed: boolean): Promise<void> {
  await db.transaction('rw', db.notes, async () => {
    const n = await db.notes.get(noteId);
    if (!n) return;
    const next: Note = { ...n, updatedAt: Date.now() };
    if (trashed) next.deletedAt = Date.now();
    else {
      delete next.deletedAt;
      delete next.mergedInto;
    }
    await db.notes.put(next);
  });
}
