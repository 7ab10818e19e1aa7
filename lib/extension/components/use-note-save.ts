import { useRef, useState } from 'preact/hooks';
import type { Note } from '../db/index';
import { mergeNoteTags, mergeNoteText, sameTags } from '../db/notes';
import type { NoteBase } from '../note-store';
import { useAutosave } from './use-autosave';

export interface NoteText {
  body: string;
  tags: string[];
}

/**
 * Saving one note as it is typed, in any editor of it (the panel's note frame, the library's paper
 * view): every save carries the stored version its text was edited from and this editor's id, so
 * that the store merges a save made meanwhile in another tab or window instead of overwriting it
 * (lib/extension/db/notes, textToStore). A save that comes back merged is shown at once (`show`),
 * and carried into anything typed while it was in flight; `merged` says so until acknowledged.
 *
 * `write(value, base)` stores the note and answers with what was stored. The editor calls
 * `adopt(note)` when it takes a stored version into its text (on load, or when another tab saved),
 * and may skip a version no newer than `seen.current`, which it has already shown or written.
 */
export function useNoteSave(
  write: (value: NoteText, base: NoteBase | undefined) => Promise<Note>,
  show: (value: NoteText) => void,
  deps: unknown[],
) {
  const base = useRef<NoteBase | null>(null);
  /** `updatedAt` of the newest version of the note this editor has shown or written. */
  const seen = useRef(0);
  /** This editor, to the store: its own earlier save is never merged with its next one. */
  const writer = useRef(crypto.randomUUID()).current;
  const [merged, setMerged] = useState(false);

  const autosave = useAutosave<NoteText>(async ({ body, tags }) => {
    const from = base.current;
    const sent = { body, tags };
    // Taken as landed: a write sent while this one is in flight (the page is closing) builds on it.
    base.current = sent;
    let saved: Note;
    try {
      saved = await write(sent, from ? { ...from, writer } : undefined);
    } catch (e) {
      if (base.current === sent) base.current = from;
      throw e;
    }
    seen.current = Math.max(seen.current, saved.updatedAt);
    const stored = { body: saved.body, tags: saved.tags };
    // A newer write already left, built on this one (a page being hidden sends its text at once):
    // its answer is the one to show. Showing this older one would put its text over what was typed
    // since, and the next keystroke would store it without those words.
    if (base.current !== sent) return;
    base.current = stored;
    if (stored.body !== body || !sameTags(stored.tags, tags)) {
      // Another editor saved in between and the store merged both. Show the merged note, and
      // carry the merge into anything typed since this write left (it is written next).
      setMerged(true);
      const rebased = autosave.amend((v) => ({
        body: mergeNoteText(body, stored.body, v.body),
        tags: mergeNoteTags(tags, stored.tags, v.tags),
      }));
      show(rebased ?? stored);
    }
  }, deps);

  const adopt = (note: Pick<Note, 'body' | 'tags' | 'updatedAt'> | null) => {
    if (note) seen.current = Math.max(seen.current, note.updatedAt);
    base.current = note ? { body: note.body, tags: note.tags } : null;
  };

  return { ...autosave, merged, acknowledgeMerge: () => setMerged(false), adopt, seen };
}
