import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NoteEditor } from '../../../../lib/extension/components/NoteEditor';
import { openDatabase } from '../../../../lib/extension/db';
import { dexieNoteStore } from '../../../../lib/extension/db/note-store';
import { saveNote } from '../../../../lib/extension/db/notes';

const SIGHTING = { pmid: '41800001', title: 'Early mobilisation' };

describe('NoteEditor in two tabs at once', () => {
  it('both editors end with both paragraphs, and the one whose save met the other says so', async () => {
    const name = `two-tabs-${crypto.randomUUID()}`;
    const [a, b] = [openDatabase(name), openDatabase(name)];
    await saveNote(a, SIGHTING, crypto.randomUUID(), 'Shared start.');
    const one = render(<NoteEditor store={dexieNoteStore(a)} sighting={SIGHTING} />);
    const two = render(<NoteEditor store={dexieNoteStore(b)} sighting={SIGHTING} />);
    const editors = [one, two].map(
      (r) => within(r.container as HTMLElement).getByTestId('takeaway-note-editor') as HTMLTextAreaElement,
    );
    await waitFor(() => expect(editors.map((e) => e.value)).toEqual(['Shared start.', 'Shared start.']));

    // The same moment: each tab adds its paragraph before either save has landed.
    fireEvent.input(editors[0]!, { target: { value: 'Shared start.\n\nFrom tab one.' } });
    fireEvent.input(editors[1]!, { target: { value: 'Shared start.\n\nFrom tab two.' } });

    const merged = 'Shared start.\n\nFrom tab one.\n\nFrom tab two.';
    await waitFor(() => expect(editors.map((e) => e.value)).toEqual([merged, merged]));
    expect((await a.notes.toArray()).map((n) => n.body)).toEqual([merged]);
    expect(screen.getAllByTestId('takeaway-note-merged').length).toBeGreaterThanOrEqual(1);
    a.close();
    b.close();
  });
});
