import { liveQuery } from 'dexie';
import type { Highlight, Note, TakeawayDB } from './index';
import { allTags, notesOfPaper, saveNote, trashNote } from './notes';
import { highlightsOfPaper, setHighlightComment, trashHighlight } from './highlights';
import { findPaper, type PaperSighting } from './papers';

/**
 * What a note editor sees of one paper: its notes (not in the trash, oldest first), its
 * highlights (so their comments are written in the editor's extension-origin document, never in
 * the page), and every tag used on any note, for autocomplete.
 */
export interface NoteSnapshot {
  paperId: number | null;
  notes: Note[];
  highlights: Highlight[];
  allTags: string[];
}

/** What the article page of the same tab tells its note frame (relayed by the background). */
export type PageEvent =
  /** The reader chose "highlight and comment": open that highlight's comment field. */
  | { kind: 'editComment'; highlightId: string }
  /** Highlights of this paper that could not be found again on this page. */
  | { kind: 'missing'; ids: string[] };

/**
 * How a note editor reads and writes. Extension pages that may open IndexedDB use the database
 * directly; the panel's iframe (where the browser may refuse third-party storage) goes through the
 * background, which owns the database.
 */
export interface NoteStore {
  /**
   * Calls `onChange` now and after every change from any tab; returns the unsubscribe function.
   * `onPageEvent` hears what the page side of the same tab reports (see PageEvent).
   */
  watch(
    s: PaperSighting,
    onChange: (snap: NoteSnapshot) => void,
    onError?: (e: unknown) => void,
    onPageEvent?: (e: PageEvent) => void,
  ): () => void;
  /** Write a note's text, and its tags when given (otherwise the stored tags are kept). */
  save(s: PaperSighting, noteId: string, body: string, tags?: string[]): Promise<Note>;
  // The rest are optional: a store without them gets an editor without those controls.
  /** Move a note to the trash, or bring it back. */
  trash?(noteId: string, trashed: boolean): Promise<void>;
  /** Move a highlight to the trash, or bring it back. */
  trashHighlight?(id: string, trashed: boolean): Promise<void>;
  /** Write the comment of a highlight (an empty one removes it). */
  comment?(highlightId: string, comment: string): Promise<Highlight>;
}

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
    save: (s, noteId, body, tags) => saveNote(db, s, noteId, body, tags),
    comment: (id, text) => setHighlightComment(db, id, text),
    trash: (id, trashed) => trashNote(db, id, trashed),
    trashHighlight: (id, trashed) => trashHighlight(db, id, trashed),
  };
}
