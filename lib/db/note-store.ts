import { liveQuery } from 'dexie';
import type { Note, TakeawayDB } from './index';
import { saveNote } from './notes';
import { findPaper, type PaperSighting } from './papers';
import { notesOfPaper } from './notes';

/** What a note editor sees of one paper: its notes (not in the trash), oldest first. */
export interface NoteSnapshot {
  paperId: number | null;
  notes: Note[];
}

/**
 * How a note editor reads and writes. Extension pages that may open IndexedDB use the database
 * directly; the panel's iframe (where the browser may refuse third-party storage) goes through the
 * background, which owns the database.
 */
export interface NoteStore {
  /** Calls `onChange` now and after every change from any tab; returns the unsubscribe function. */
  watch(s: PaperSighting, onChange: (snap: NoteSnapshot) => void, onError?: (e: unknown) => void): () => void;
  save(s: PaperSighting, noteId: string, body: string): Promise<Note>;
}

export async function snapshotOf(db: TakeawayDB, s: PaperSighting): Promise<NoteSnapshot> {
  const paper = await findPaper(db, s);
  return { paperId: paper?.id ?? null, notes: paper ? await notesOfPaper(db, paper.id) : [] };
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
    save: (s, noteId, body) => saveNote(db, s, noteId, body),
  };
}
