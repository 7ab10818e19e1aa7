/**
 * Edits made from the library's paper view. They write the note or highlight by its id (the paper
 * is already known), so editing an old note never re-identifies or merges papers.
 */
import type { Note, TakeawayDB } from '../db';
import { newNoteId, normaliseTags } from '../db/notes';
import { MAX_NOTE } from '../../shared/limits';

export async function editNote(db: TakeawayDB, id: string, body: string, tags?: string[]): Promise<void> {
  if (body.length > MAX_NOTE) throw new Error('This note is too long to save.');
  await db.transaction('rw', db.notes, async () => {
    const n = await db.notes.get(id);
    if (!n) throw new Error('This note no longer exists.');
    await db.notes.put({ ...n, body, tags: tags ? normaliseTags(tags) : n.tags, updatedAt: Date.now() });
  });
}

export async function addNote(db: TakeawayDB, paperId: number, body = ''): Promise<Note> {
  const now = Date.now();
  const note: Note = { id: newNoteId(), paperId, body, tags: [], createdAt: now, updatedAt: now };
  await db.notes.add(note);
  return note;
}
