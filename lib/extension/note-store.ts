/**
 * How a note editor reads and writes, whatever holds the notes: the database itself in extension
 * pages that may open it (lib/extension/db/note-store), the background for the panel's frame
 * (lib/extension/note-frame-store). Types only, so the frame's bundle carries no database code.
 */
import type { Highlight, Note, NoteSnapshot, PageEvent, PaperSighting } from '../shared/model';

export type { NoteSnapshot, PageEvent };

/**
 * Extension pages that may open IndexedDB use the database
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
