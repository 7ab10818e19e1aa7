import { useEffect, useRef, useState } from 'preact/hooks';
import { MergedNotice } from './MergedNotice';
import type { Highlight } from '../db/index';
import type { NoteSnapshot, NoteStore } from '../note-store';
import { newNoteId, normaliseTags } from '../db/notes';
import type { PaperSighting } from '../db/papers';
import { TagInput } from './TagInput';
import { describeSaveError, useAutosave, type SaveStatus } from './use-autosave';
import { useNoteSave } from './use-note-save';

export { describeSaveError };

function statusText(status: SaveStatus, stored: boolean): string {
  switch (status.kind) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved ${new Date(status.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
    case 'error':
      return `Not saved: ${status.message}. Your text is kept here and saved as soon as it can be.`;
    case 'idle':
      return stored ? 'Saved in this browser' : '';
  }
}

let persistAsked = false;

/**
 * Ask the browser to keep this extension's storage under pressure, once, when the reader first
 * writes something worth keeping. The answer is shown on the review page.
 */
function askPersistence(): void {
  if (persistAsked) return;
  persistAsked = true;
  void navigator.storage?.persist?.().catch(() => false);
}

/**
 * The reader's note on one paper, its tags, and the comments on its highlights. Every change is
 * written through at once and retried until it lands (see useAutosave), so closing the tab right
 * after typing, a full disk or a restarting worker loses nothing: the text stays here until saved.
 */
export function NoteEditor({ store, sighting }: { store: NoteStore; sighting: PaperSighting }) {
  const paperKey = JSON.stringify(sighting);
  const [snapshot, setSnapshot] = useState<NoteSnapshot | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  /** The note last moved to the trash from here, offered back until something else happens. */
  const [trashed, setTrashed] = useState<string | null>(null);
  const [trashError, setTrashError] = useState<string | null>(null);
  const [removedHighlight, setRemovedHighlight] = useState<string | null>(null);
  const noteId = useRef<string | null>(null);
  const { status, push, busy, merged, acknowledgeMerge, adopt, seen } = useNoteSave(
    async ({ body, tags: t }, from) => {
      noteId.current ??= newNoteId();
      const first = !snapshot?.notes.length;
      const saved = await store.save(sighting, noteId.current, body, t, from);
      if (first && body.trim()) askPersistence();
      return saved;
    },
    (v) => {
      setText(v.body);
      setTags(v.tags);
    },
    [store, paperKey, snapshot === null || snapshot.notes.length === 0],
  );

  useEffect(
    () =>
      store.watch(sighting, setSnapshot, undefined, (e) => {
        if (e.kind === 'missing') setMissing(new Set(e.ids));
        else setEditing(e.highlightId);
      }),
    [store, paperKey],
  );

  // Adopt the stored note on load and when another tab edits it, unless the reader has unsaved
  // typing. Following the first note's id also follows a merge that folded this note into another.
  // A snapshot can arrive after a newer write of this editor has been answered: only a version
  // newer than what was last shown or written replaces the text, or a typed letter would vanish.
  useEffect(() => {
    if (!snapshot || busy()) return;
    const note = snapshot.notes[0];
    if (text !== null && note && note.id === noteId.current && note.updatedAt <= seen.current) return;
    if (note) noteId.current = note.id;
    adopt(note ?? null);
    setText(note?.body ?? '');
    setTags(note?.tags ?? []);
  }, [snapshot]);

  const onInput = (value: string) => {
    setText(value);
    push({ body: value, tags });
  };
  const onTags = (next: string[]) => {
    const t = normaliseTags(next);
    setTags(t);
    push({ body: text ?? '', tags: t });
  };

  const moveToTrash = async () => {
    const id = noteId.current;
    if (!id || !store.trash) return;
    try {
      await store.trash(id, true);
      // The next words typed start a new note; the trashed one stays as it was, for undo.
      noteId.current = null;
      setTrashed(id);
      setTrashError(null);
    } catch (e) {
      setTrashError(describeSaveError(e));
    }
  };
  const undoTrash = async () => {
    if (!trashed || !store.trash) return;
    try {
      await store.trash(trashed, false);
      setTrashed(null);
      setTrashError(null);
    } catch (e) {
      setTrashError(describeSaveError(e));
    }
  };

  const trashHighlight = async (id: string, trash: boolean) => {
    try {
      await store.trashHighlight?.(id, trash);
      setRemovedHighlight(trash ? id : null);
      setTrashError(null);
    } catch (e) {
      setTrashError(describeSaveError(e));
    }
  };

  const others = snapshot?.notes.slice(1) ?? [];
  const highlights = snapshot?.highlights ?? [];
  const lost = highlights.filter((h) => missing.has(h.id));

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
      <div class="tw-note-row">
        <p
          class="tw-note-status"
          data-testid="takeaway-note-status"
          role="status"
          aria-live="polite"
          data-state={status.kind}
        >
          {statusText(status, !!snapshot?.notes[0])}
        </p>
        {trashed ? (
          <p class="tw-note-status" role="status">
            Note moved to the trash.{' '}
            <button
              type="button"
              class="tw-link-button"
              data-testid="takeaway-note-undo"
              onClick={() => void undoTrash()}
            >
              Undo
            </button>
          </p>
        ) : (
          store.trash &&
          !!text?.trim() &&
          !busy() && (
            <button
              type="button"
              class="tw-link-button tw-note-trash"
              data-testid="takeaway-note-trash"
              onClick={() => void moveToTrash()}
            >
              Move note to trash
            </button>
          )
        )}
      </div>
      {merged && (
        <MergedNotice class="tw-note-status" testid="takeaway-note-merged" onOk={acknowledgeMerge} />
      )}
      {removedHighlight && (
        <p class="tw-note-status" role="status">
          Highlight removed.{' '}
          <button
            type="button"
            class="tw-link-button"
            data-testid="takeaway-highlight-undo"
            onClick={() => void trashHighlight(removedHighlight, false)}
          >
            Undo
          </button>
        </p>
      )}
      {trashError && (
        <p class="tw-note-status" data-state="error" role="status">
          {trashError}
        </p>
      )}
      <TagInput
        tags={tags}
        suggestions={snapshot?.allTags ?? []}
        disabled={text === null}
        onChange={onTags}
      />
      {others.length > 0 && (
        <section class="tw-note-section" aria-label="Other notes on this paper">
          <h2 class="tw-note-h">Also noted on this paper</h2>
          {others.map((n) => (
            <p key={n.id} class="tw-note-other" data-testid="takeaway-other-note">
              {n.body}
            </p>
          ))}
        </section>
      )}
      {lost.length > 0 && (
        <section
          class="tw-note-section"
          data-testid="takeaway-missing-highlights"
          aria-labelledby="tw-missing-h"
        >
          <h2 id="tw-missing-h" class="tw-note-h">
            Not found on this page ({lost.length})
          </h2>
          <p class="tw-note-hint">The page changed since you highlighted these. They are kept here.</p>
          <ul class="tw-hl-list">
            {lost.map((h) => (
              <HighlightItem
                key={h.id}
                h={h}
                store={store}
                editing={editing === h.id}
                onRemove={store.trashHighlight ? () => void trashHighlight(h.id, true) : undefined}
              />
            ))}
          </ul>
        </section>
      )}
      {highlights.length > lost.length && (
        <section class="tw-note-section" aria-labelledby="tw-hl-h">
          <h2 id="tw-hl-h" class="tw-note-h">
            Highlights
          </h2>
          <ul class="tw-hl-list" data-testid="takeaway-highlight-list">
            {highlights
              .filter((h) => !missing.has(h.id))
              .map((h) => (
                <HighlightItem key={h.id} h={h} store={store} editing={editing === h.id} />
              ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function HighlightItem({
  h,
  store,
  editing,
  onRemove,
}: {
  h: Highlight;
  store: NoteStore;
  editing: boolean;
  /** Offered for highlights not drawn on this page (those drawn are removed from the page). */
  onRemove?: () => void;
}) {
  const [comment, setComment] = useState(h.comment ?? '');
  const [open, setOpen] = useState(editing || !!h.comment);
  const field = useRef<HTMLTextAreaElement>(null);
  const seen = useRef(h.updatedAt);
  const { status, push, busy } = useAutosave<string>(
    async (c) => {
      if (!store.comment) throw new Error('comments cannot be saved here');
      const saved = await store.comment(h.id, c);
      seen.current = Math.max(seen.current, saved.updatedAt);
    },
    [store, h.id],
  );

  // As for the note: only a newer version from elsewhere replaces what is shown.
  useEffect(() => {
    if (busy() || h.updatedAt <= seen.current) return;
    seen.current = h.updatedAt;
    setComment(h.comment ?? '');
  }, [h.comment, h.updatedAt]);
  useEffect(() => {
    if (!editing) return;
    setOpen(true);
    // The frame was asked from the page to open this comment: bring it into view and focus it.
    requestAnimationFrame(() => {
      field.current?.scrollIntoView({ block: 'nearest' });
      field.current?.focus();
    });
  }, [editing]);

  const quote = h.quote.exact.length > 180 ? `${h.quote.exact.slice(0, 177)}…` : h.quote.exact;
  const fieldId = `tw-c-${h.id}`;
  return (
    <li class={`tw-hl-item tw-hl-${h.color}`} data-testid="takeaway-highlight-item">
      <blockquote class="tw-hl-quote">{quote}</blockquote>
      {open ? (
        <>
          <label class="tw-sr-only" for={fieldId}>
            Comment on this highlight
          </label>
          <textarea
            id={fieldId}
            ref={field}
            class="tw-hl-comment"
            data-testid="takeaway-highlight-comment"
            placeholder="Comment on this passage"
            value={comment}
            onInput={(e) => {
              setComment(e.currentTarget.value);
              push(e.currentTarget.value);
            }}
          />
          {status.kind === 'error' && (
            <p class="tw-note-status" data-state="error" role="status">
              Not saved yet: {status.message}. Kept here and retried.
            </p>
          )}
        </>
      ) : (
        <button type="button" class="tw-link-button" onClick={() => setOpen(true)}>
          Add a comment
        </button>
      )}
      {onRemove && (
        <button
          type="button"
          class="tw-link-button tw-hl-remove"
          data-testid="takeaway-highlight-remove"
          onClick={onRemove}
        >
          Remove
        </button>
      )}
    </li>
  );
}
