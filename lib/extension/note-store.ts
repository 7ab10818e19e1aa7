/**
 * How a note editor reads and writes, whatever holds the notes: the database itself in extension
 * pages that may open it (lib/extension/db/note-store), the background for the panel's frame
 * (lib/extension/note-frame-store). Types only, so the frame's bundle carries no database code.
 */
import type { Highlight, Note, NoteSnapshot, PageEvent, PaperSighting } from '../shared/model';

export type { NoteSnapshot, PageEvent };

/** The version of a note an editor's text was based on: what it last showed or wrote. */
export interface NoteBase {
  body: string;
  tags: string[];
  /**
   * The editor that sends the save (one id per open editor). A stored version written by the same
   * editor is its own earlier save, however stale `body` is (a save that landed while its answer
   * was lost with a stopped worker): it is replaced, not merged with itself.
   */
  writer?: string;
}

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
  /**
   * Write a note's text, and its tags when given (otherwise the stored tags are kept). With `base`
   * (the stored version the text was edited from), a note changed meanwhile elsewhere is merged,
   * not overwritten; the answer is the note as stored.
   */
  save(s: PaperSighting, noteId: string, body: string, tags?: string[], base?: NoteBase): Promise<Note>;
  // The rest are optional: a store without them gets an editor without those controls.
  /** Move a note to the trash, or bring it back. */
  trash?(noteId: string, trashed: boolean): Promise<void>;
  /** Move a highlight to the trash, or bring it back. */
  trashHighlight?(id: string, trashed: boolean): Promise<void>;
  /** Write the comment of a highlight (an empty one removes it). */
  comment?(highlightId: string, comment: string): Promise<Highlight>;
}
