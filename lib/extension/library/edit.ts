/**
 * Edits made from the library's paper view. They write the note or highlight by its id (the paper
 * is already known), so editing an old note never re-identifies or merges papers.
 */
import type { Note, TakeawayDB } from '../db';
import { explainWriteError, newNoteId, reopenAfterFailure, textToStore, type NoteBase } from '../db/notes';
import { MAX_NOTE } from '../../shared/limits';

/**
 * Write a note's text (and tags, when given) from the paper view. With `base`, the version the
 * text was edited from, a note saved meanwhile from another tab or window is merged with this
 * text as the note frame's saves are (textToStore); the answer is the note as stored.
 */
export async function editNote(
  db: TakeawayDB,
  id: string,
  body: string,
  tags?: string[],
  base?: NoteBase,
): Promise<Note> {
  if (body.length > MAX_NOTE) throw new RangeError('This note is too long to save.');
  try {
    await reopenAfterFailure(db);
    return await db.transaction('rw', db.notes, async () => {
      const n = await db.notes.get(id);
      if (!n) throw new Error('This note no longer exists.');
      const next = textToStore(n, body, tags, base);
      if (next.body.length > MAX_NOTE) throw new RangeError('This note is too long to save.');
      // The writer stays only when the stored text is exactly this editor's (textToStore): a
      // merged version is nobody's own earlier save.
      const { writer: _earlier, ...rest } = n;
      const note: Note = {
        ...rest,
        body: next.body,
        tags: next.tags,
        updatedAt: Date.now(),
        ...(next.writer ? { writer: next.writer } : {}),
      };
      await db.notes.put(note);
      return note;
    });
  } catch (e) {
    throw await explainWriteError(e);
  }
}

export async function addNote(db: TakeawayDB, paperId: number, body = ''): Promise<Note> {
  const now = Date.now();
  const note: Note = { id: newNoteId(), paperId, body, tags: [], createdAt: now, updatedAt: now };
  await db.notes.add(note);
  return note;
}
