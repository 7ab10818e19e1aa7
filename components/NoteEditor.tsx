import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TakeawayDB } from '../lib/db';
import { newNoteId, notesOfPaper, saveNote } from '../lib/db/notes';
import { findPaper, type PaperSighting } from '../lib/db/papers';
import { useLiveQuery } from '../lib/ui/use-live-query';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'error'; message: string };

function describeError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(e))) return 'your disk or browser storage is full';
  return e instanceof Error ? e.message : String(e);
}

/**
 * The reader's note on one paper. Every change is written through at once (coalesced while a write
 * is in flight), so closing the tab right after typing loses nothing.
 */
export function NoteEditor({ db, sighting }: { db: TakeawayDB; sighting: PaperSighting }) {
  const paperKey = JSON.stringify(sighting);
  const stored = useLiveQuery(async () => {
    const paper = await findPaper(db, sighting);
    const notes = paper ? await notesOfPaper(db, paper.id) : [];
    return { note: notes[0] ?? null };
  }, [paperKey]);

  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const noteId = useRef<string | null>(null);
  const pending = useRef<string | null>(null);
  const writing = useRef(false);
  const dirty = useRef(false);

  // Adopt the stored text on load and when another tab edits it, unless the reader has unsaved typing.
  useEffect(() => {
    if (!stored) return;
    if (stored.note) noteId.current ??= stored.note.id;
    if (!dirty.current) setText(stored.note?.body ?? '');
  }, [stored]);

  const flush = useCallback(async () => {
    if (writing.current) return;
    writing.current = true;
    try {
      while (pending.current !== null) {
        const body = pending.current;
        pending.current = null;
        setStatus({ kind: 'saving' });
        noteId.current ??= newNoteId();
        try {
          await saveNote(db, sighting, noteId.current, body);
          if (pending.current === null) {
            dirty.current = false;
            setStatus({ kind: 'saved', at: Date.now() });
          }
        } catch (e) {
          // Keep the text in the editor and retry with the next keystroke.
          pending.current ??= body;
          setStatus({ kind: 'error', message: describeError(e) });
          break;
        }
      }
    } finally {
      writing.current = false;
    }
  }, [db, paperKey]);

  const onInput = (value: string) => {
    setText(value);
    dirty.current = true;
    pending.current = value;
    void flush();
  };

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [flush]);

  return (
    <div class="tw-note-editor">
      <label class="tw-sr-only" for="tw-note-text">
        Your note on this paper
      </label>
      <textarea
        id="tw-note-text"
        data-testid="takeaway-note-editor"
        placeholder={stored ? 'What does this paper change for you? Markdown works.' : 'Loading your note…'}
        disabled={text === null}
        value={text ?? ''}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p class="tw-note-status" data-testid="takeaway-note-status" role="status" aria-live="polite" data-state={status.kind}>
        {status.kind === 'saving' && 'Saving…'}
        {status.kind === 'saved' && `Saved ${new Date(status.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`}
        {status.kind === 'error' && `Not saved: ${status.message}. Your text is still here.`}
        {status.kind === 'idle' && (stored?.note ? 'Saved in this browser' : '')}
      </p>
    </div>
  );
}
