import type { Note, TakeawayDB } from './index';
import { upsertPaper, type PaperSighting } from './papers';

export function newNoteId(): string {
  return crypto.randomUUID();
}

/** The notes of a paper that are not in the trash, oldest first. */
export async function notesOfPaper(db: TakeawayDB, paperId: number): Promise<Note[]> {
  const notes = await db.notes.where('paperId').equals(paperId).toArray();
  return notes.filter((n) => n.deletedAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Save the text of a note on a paper, creating the paper and the note on first save. One
 * transaction: either both are written or neither is.
 */
export async function saveNote(
  db: TakeawayDB,
  sighting: PaperSighting,
  noteId: string,
  body: string,
  tags?: string[],
): Promise<Note> {
  return db.transaction('rw', db.papers, db.notes, async () => {
    const paper = await upsertPaper(db, sighting);
    const now = Date.now();
    const prev = await db.notes.get(noteId);
    const note: Note = {
      id: noteId,
      paperId: paper.id,
      body,
      tags: tags ?? prev?.tags ?? [],
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    await db.notes.put(note);
    return note;
  });
}
