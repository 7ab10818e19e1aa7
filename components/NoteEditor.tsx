import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { NoteSnapshot, NoteStore } from '../lib/db/note-store';
import { newNoteId } from '../lib/db/notes';
import type { PaperSighting } from '../lib/db/papers';

type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'error'; message: string };

const RETRY_MS = 1000;

export function describeSaveError(e: unknown): string {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  if (/quota/i.test(text)) return 'browser storage is full';
  if (/receiving end|no answer|context invalidated|disconnected/i.test(text))
    return 'the extension is restarting';
  return e instanceof Error ? e.message : text;
}

/**
 * The reader's note on one paper. Every change is written through at once (coalesced while a write
 * is in flight) and retried until it lands, so closing the tab right after typing, a full disk or a
 * restarting worker loses nothing: the text stays in the editor until it is saved.
 */
export function NoteEditor({ store, sighting }: { store: NoteStore; sighting: PaperSighting }) {
  const paperKey = JSON.stringify(sighting);
  const [snapshot, setSnapshot] = useState<NoteSnapshot | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const noteId = useRef<string | null>(null);
  const pending = useRef<string | null>(null);
  const writing = useRef(false);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => store.watch(sighting, setSnapshot), [store, paperKey]);

  // Adopt the stored text on load and when another tab edits it, unless the reader has unsaved typing.
  useEffect(() => {
    if (!snapshot) return;
    const note = snapshot.notes[0];
    if (note) noteId.current ??= note.id;
    if (pending.current === null && !writing.current) setText(note?.body ?? '');
  }, [snapshot]);

  const flush = useCallback(async () => {
    if (writing.current) return;
    writing.current = true;
    try {
      while (pending.current !== null) {
        const body = pending.current;
        setStatus({ kind: 'saving' });
        noteId.current ??= newNoteId();
        try {
          await store.save(sighting, noteId.current, body);
          if (pending.current === body) {
            pending.current = null;
            setStatus({ kind: 'saved', at: Date.now() });
          }
        } catch (e) {
          setStatus({ kind: 'error', message: describeSaveError(e) });
          if (retry.current) clearTimeout(retry.current);
          retry.current = setTimeout(() => void flush(), RETRY_MS);
          break;
        }
      }
    } finally {
      writing.current = false;
    }
  }, [store, paperKey]);

  const onInput = (value: string) => {
    setText(value);
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
      if (retry.current) clearTimeout(retry.current);
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
        placeholder={snapshot ? 'What does this paper change for you? Markdown works.' : 'Loading your note…'}
        disabled={text === null}
        value={text ?? ''}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p
        class="tw-note-status"
        data-testid="takeaway-note-status"
        role="status"
        aria-live="polite"
        data-state={status.kind}
      >
        {status.kind === 'saving' && 'Saving…'}
        {status.kind === 'saved' &&
          `Saved ${new Date(status.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`}
        {status.kind === 'error' && `Not saved yet: ${status.message}. Your text is kept here and retried.`}
        {status.kind === 'idle' && (snapshot?.notes[0] ? 'Saved in this browser' : '')}
      </p>
    </div>
  );
}
