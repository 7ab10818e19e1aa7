import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { HighlightToolbar } from '../../../../lib/page/components/HighlightToolbar';
import { NoteEditor } from '../../../../lib/extension/components/NoteEditor';
import { openDatabase, type Highlight, type Note } from '../../../../lib/extension/db';
import { saveHighlight } from '../../../../lib/extension/db/highlights';
import { dexieNoteStore } from '../../../../lib/extension/db/note-store';
import type { NoteSnapshot, NoteStore, PageEvent } from '../../../../lib/extension/note-store';
import { saveNote } from '../../../../lib/extension/db/notes';
import { expectAccessible } from '../../../support/a11y';

/** A store driven by the test: it decides when snapshots and page events arrive. */
function scriptedStore() {
  let push: (s: NoteSnapshot) => void = () => undefined;
  let page: (e: PageEvent) => void = () => undefined;
  let clock = 100;
  const saves: string[] = [];
  const ids: string[] = [];
  const store: NoteStore = {
    watch(_s, onChange, _onError, onPageEvent) {
      push = onChange;
      page = onPageEvent ?? page;
      return () => undefined;
    },
    async save(_s, noteId, body, tags) {
      saves.push(body);
      ids.push(noteId);
      const note: Note = { id: noteId, paperId: 1, body, tags: tags ?? [], createdAt: 1, updatedAt: ++clock };
      return note;
    },
    async comment(id, comment) {
      return { id, comment, updatedAt: ++clock } as Highlight;
    },
  };
  return { store, saves, ids, snapshot: (s: NoteSnapshot) => push(s), page: (e: PageEvent) => page(e) };
}

const empty: NoteSnapshot = { paperId: null, notes: [], highlights: [], allTags: [] };

describe('the note editor', () => {
  it('keeps a typed letter when a snapshot older than its last write arrives late', async () => {
    const s = scriptedStore();
    render(<NoteEditor store={s.store} sighting={{ pmid: '1' }} />);
    s.snapshot(empty);
    const editor = (await screen.findByTestId('takeaway-note-editor')) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.disabled).toBe(false));
    fireEvent.input(editor, { target: { value: 'a' } });
    await waitFor(() => expect(s.saves).toEqual(['a']));
    fireEvent.input(editor, { target: { value: 'ab' } });
    await waitFor(() => expect(screen.getByTestId('takeaway-note-status').textContent).toMatch(/^Saved/));
    const id = s.ids[0]!;
    // The live query's answer to the first write, delivered after the second was answered.
    s.snapshot({
      ...empty,
      paperId: 1,
      notes: [{ id, paperId: 1, body: 'a', tags: [], createdAt: 1, updatedAt: 101 }],
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(editor.value).toBe('ab');
  });

  it('shows an edit made in another tab', async () => {
    const db = openDatabase(`ed2-${crypto.randomUUID()}`);
    const shared = dexieNoteStore(db);
    render(<NoteEditor store={shared} sighting={{ pmid: '5' }} />);
    const editor = (await screen.findByTestId('takeaway-note-editor')) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.disabled).toBe(false));
    await saveNote(db, { pmid: '5' }, crypto.randomUUID(), 'Typed elsewhere');
    await waitFor(() => expect(editor.value).toBe('Typed elsewhere'));
  });

  it('adds tags with autocomplete from the tags already used, and saves them with the note', async () => {
    const db = openDatabase(`tags-${crypto.randomUUID()}`);
    await saveNote(db, { pmid: '1' }, crypto.randomUUID(), 'other paper', ['cardiology', 'rct']);
    const { container } = render(<NoteEditor store={dexieNoteStore(db)} sighting={{ pmid: '2' }} />);
    const input = (await screen.findByTestId('takeaway-tag-input')) as HTMLInputElement;
    await waitFor(() => expect(input.disabled).toBe(false));
    await waitFor(() =>
      expect(
        Array.from(container.querySelectorAll('datalist option')).map((o) => o.getAttribute('value')),
      ).toEqual(['cardiology', 'rct']),
    );
    fireEvent.input(input, { target: { value: 'cardiology' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(screen.getAllByTestId('takeaway-tag').map((t) => t.firstChild?.textContent)).toEqual([
        'cardiology',
      ]),
    );
    await waitFor(async () => {
      const notes = (await db.notes.toArray()).filter((n) => n.tags.includes('cardiology') && n.body === '');
      expect(notes).toHaveLength(1);
    });
    // Already used on this note: no longer offered.
    expect(
      Array.from(container.querySelectorAll('datalist option')).map((o) => o.getAttribute('value')),
    ).toEqual(['rct']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag cardiology' }));
    await waitFor(() => expect(screen.queryAllByTestId('takeaway-tag')).toHaveLength(0));
    await expectAccessible(container);
  });

  it('lists highlights not found on this page, with their comments, and opens a comment asked for from the page', async () => {
    const db = openDatabase(`hl-${crypto.randomUUID()}`);
    const quote = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' });
    const a = await saveHighlight(
      db,
      { pmid: '3' },
      { id: crypto.randomUUID(), quote: quote('found words'), color: 'yellow' },
      'https://x/',
    );
    const b = await saveHighlight(
      db,
      { pmid: '3' },
      {
        id: crypto.randomUUID(),
        quote: quote('words the page lost'),
        color: 'green',
        comment: 'why it matters',
      },
      'https://x/',
    );
    const base = dexieNoteStore(db);
    let page: (e: PageEvent) => void = () => undefined;
    const store: NoteStore = {
      ...base,
      watch: (s, onChange, onError, onPage) => {
        page = onPage ?? page;
        return base.watch(s, onChange, onError);
      },
    };
    const { container } = render(<NoteEditor store={store} sighting={{ pmid: '3' }} />);
    await waitFor(() => expect(screen.getAllByTestId('takeaway-highlight-item')).toHaveLength(2));
    page({ kind: 'missing', ids: [b.id] });
    const missing = await screen.findByTestId('takeaway-missing-highlights');
    expect(missing.textContent).toContain('words the page lost');
    expect(missing.textContent).not.toContain('found words');
    expect((missing.querySelector('textarea') as HTMLTextAreaElement).value).toBe('why it matters');

    page({ kind: 'editComment', highlightId: a.id });
    await waitFor(() => expect(screen.getAllByTestId('takeaway-highlight-comment')).toHaveLength(2));
    const field = screen
      .getAllByTestId('takeaway-highlight-comment')
      .find((f) => (f as HTMLTextAreaElement).value === '')!;
    fireEvent.input(field, { target: { value: 'A comment' } });
    await waitFor(async () => expect((await db.highlights.get(a.id))?.comment).toBe('A comment'));
    await expectAccessible(container);
  });
});

describe('the trash', () => {
  it('moves a note to the trash, starts a fresh one, and brings the old one back on undo', async () => {
    const db = openDatabase(`trash-${crypto.randomUUID()}`);
    await saveNote(db, { pmid: '4' }, 'aaaaaaaa-4', 'Keep me');
    render(<NoteEditor store={dexieNoteStore(db)} sighting={{ pmid: '4' }} />);
    const editor = (await screen.findByTestId('takeaway-note-editor')) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.value).toBe('Keep me'));
    fireEvent.click(await screen.findByTestId('takeaway-note-trash'));
    await waitFor(() => expect(editor.value).toBe(''));
    expect((await db.notes.get('aaaaaaaa-4'))?.deletedAt).toBeTypeOf('number');
    fireEvent.click(screen.getByTestId('takeaway-note-undo'));
    await waitFor(() => expect(editor.value).toBe('Keep me'));
    expect((await db.notes.get('aaaaaaaa-4'))?.deletedAt).toBeUndefined();
  });

  it('a note typed after the trash is a new note: the trashed text is not overwritten', async () => {
    const db = openDatabase(`trash2-${crypto.randomUUID()}`);
    await saveNote(db, { pmid: '6' }, 'aaaaaaaa-6', 'Old text');
    render(<NoteEditor store={dexieNoteStore(db)} sighting={{ pmid: '6' }} />);
    const editor = (await screen.findByTestId('takeaway-note-editor')) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.value).toBe('Old text'));
    fireEvent.click(await screen.findByTestId('takeaway-note-trash'));
    await waitFor(() => expect(editor.value).toBe(''));
    fireEvent.input(editor, { target: { value: 'New text' } });
    await waitFor(async () =>
      expect((await db.notes.toArray()).map((n) => n.body).sort()).toEqual(['New text', 'Old text']),
    );
    expect((await db.notes.get('aaaaaaaa-6'))?.body).toBe('Old text');
  });
});

describe('the highlight toolbar', () => {
  it('is an accessible toolbar whose arrow keys move between buttons and Escape closes', async () => {
    const calls: string[] = [];
    const { container } = render(
      <HighlightToolbar
        mode={{ kind: 'selection' }}
        autoFocus
        onHighlight={(c) => calls.push(`highlight ${c}`)}
        onHighlightAndComment={() => calls.push('comment')}
        onComment={() => undefined}
        onRemove={() => undefined}
        onUndoRemove={() => undefined}
        onClose={() => calls.push('close')}
      />,
    );
    const bar = screen.getByRole('toolbar', { name: 'Takeaway highlight' });
    const first = screen.getByRole('button', { name: 'Highlight in yellow' });
    await waitFor(() => expect(document.activeElement).toBe(first));
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Highlight in green' }));
    fireEvent.click(document.activeElement as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: /Highlight \+ comment/ }));
    fireEvent.keyDown(bar, { key: 'Escape' });
    expect(calls).toEqual(['highlight green', 'comment', 'close']);
    await expectAccessible(container);
  });
});
