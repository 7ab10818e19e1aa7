import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NoteEditor } from '../../../../lib/extension/components/NoteEditor';
import { openDatabase } from '../../../../lib/extension/db';
import { dexieNoteStore } from '../../../../lib/extension/db/note-store';
import type { NoteStore } from '../../../../lib/extension/note-store';
import { expectAccessible } from '../../../support/a11y';

function freshStore() {
  const db = openDatabase(`test-${crypto.randomUUID()}`);
  return { db, store: dexieNoteStore(db) };
}

describe('NoteEditor', () => {
  it('saves what is typed and says so', async () => {
    const { db, store } = freshStore();
    const { container } = render(
      <NoteEditor store={store} sighting={{ pmid: '42393435', title: 'Cytokine networks' }} />,
    );
    const editor = (await screen.findByTestId('takeaway-note-editor')) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.disabled).toBe(false));
    fireEvent.input(editor, { target: { value: 'Check the RANKL data.' } });
    await waitFor(() => expect(screen.getByTestId('takeaway-note-status').textContent).toMatch(/^Saved/));
    const notes = await db.notes.toArray();
    expect(notes.map((n) => n.body)).toEqual(['Check the RANKL data.']);
    const papers = await db.papers.toArray();
    expect(papers[0]?.keys).toContain('pmid:42393435');
    await expectAccessible(container);
  });

  it('shows the stored note of the same paper found by another identifier', async () => {
    const { db, store } = freshStore();
    await store.save({ pmid: '1234', doi: '10.1000/ABC' }, crypto.randomUUID(), 'Written on PubMed');
    render(<NoteEditor store={store} sighting={{ doi: '10.1000/abc' }} />);
    await waitFor(() =>
      expect((screen.getByTestId('takeaway-note-editor') as HTMLTextAreaElement).value).toBe(
        'Written on PubMed',
      ),
    );
    expect(await db.papers.count()).toBe(1);
  });

  it('keeps the text and reports a refused write, then saves it once the store recovers', async () => {
    const { store } = freshStore();
    let fail = true;
    const flaky: NoteStore = {
      ...store,
      save: async (...args) => {
        if (fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return store.save(...args);
      },
    };
    render(<NoteEditor store={flaky} sighting={{ pmid: '99' }} />);
    const editor = (await screen.findByTestId('takeaway-note-editor')) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.disabled).toBe(false));
    fireEvent.input(editor, { target: { value: 'Do not lose me' } });
    await waitFor(() =>
      expect(screen.getByTestId('takeaway-note-status').textContent).toMatch(/storage is full/),
    );
    expect(editor.value).toBe('Do not lose me');
    fail = false;
    await waitFor(() => expect(screen.getByTestId('takeaway-note-status').textContent).toMatch(/^Saved/), {
      timeout: 3000,
    });
  });
});
