/** The note store of extension pages that may open the database themselves. */
import { liveQuery } from 'dexie';
import type { NoteSnapshot, PaperSighting } from '../../shared/model';
import type { NoteStore } from '../note-store';
import type { TakeawayDB } from './index';
import { allTags, notesOfPaper, saveNote, trashNote } from './notes';
import { highlightsOfPaper, setHighlightComment, trashHighlight } from './highlights';
import { findPaper } from './papers';

export async function snapshotOf(db: TakeawayDB, s: PaperSighting): Promise<NoteSnapshot> {
  const paper = await findPaper(db, s);
  const [notes, highlights, tags] = await Promise.all([
    paper ? notesOfPaper(db, paper.id) : [],
    paper ? highlightsOfPaper(db, paper.id) : [],
    allTags(db),
  ]);
  return { paperId: paper?.id ?? null, notes, highlights, allTags: tags };
}

export function dexieNoteStore(db: TakeawayDB): NoteStore {
  return {
    watch(s, onChange, onError) {
      const sub = liveQuery(() => snapshotOf(db, s)).subscribe({
        next: onChange,
        error: (e: unknown) => onError?.(e),
      });
      return () => sub.unsubscribe();
    },
    save: (s, noteId, body, tags, base) => saveNote(db, s, noteId, body, tags, base),
    comment: (id, text) => setHighlightComment(db, id, text),
    trash: (id, trashed) => trashNote(db, id, trashed),
    trashHighlight: (id, trashed) => trashHighlight(db, id, trashed),
  };
}
