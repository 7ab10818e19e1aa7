/**
 * One note open in the library's paper view and in the panel's note editor of another tab (each
 * with its own connection to the database, as two tabs have): typing in both at once keeps both
 * writers' words, and a save made in one is shown in the other.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteEditor } from '../../../../lib/extension/components/NoteEditor';
import { ReviewPage } from '../../../../lib/extension/components/ReviewPage';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { dexieNoteStore } from '../../../../lib/extension/db/note-store';
import { saveNote } from '../../../../lib/extension/db/notes';
import { editNote } from '../../../../lib/extension/library/edit';

const SIGHTING = { pmid: '41800001', title: 'Early mobilisation after hip fracture surgery' };
const NOTE_ID = '0b6e7d1c-5a4f-4e2b-9c8d-7f6a5b4c3d2e';

const open: TakeawayDB[] = [];
afterEach(() => {
  cleanup();
  for (const db of open.splice(0)) db.close();
  location.hash = '';
});

async function twoTabs(start: string) {
  const name = `paper-view-two-tabs-${crypto.randomUUID()}`;
  const [library, article] = [openDatabase(name), openDatabase(name)];
  open.push(library, article);
  const saved = await saveNote(library, SIGHTING, NOTE_ID, start);
  location.hash = `#/paper/${saved.paperId}`;
  const page = render(<ReviewPage db={library} summaries={null} download={() => undefined} />);
  const view = within(await page.findByTestId('paper-view'));
  const paperEditor = (await view.findByTestId('paper-note-editor')) as HTMLTextAreaElement;
  const frame = render(<NoteEditor store={dexieNoteStore(article)} sighting={SIGHTING} />);
  const frameEditor = within(frame.container as HTMLElement).getByTestId(
    'takeaway-note-editor',
  ) as HTMLTextAreaElement;
  await waitFor(() => expect(frameEditor.value).toBe(start));
  return { library, article, paperEditor, frameEditor };
}

describe('the paper view and a note editor in another tab, on one note', () => {
  it.each(['the article tab', 'the library'])(
    'keeps both writers\u2019 words when both type in the same moment (%s first), and says the note was merged',
    async (first) => {
      const { library, paperEditor, frameEditor } = await twoTabs('Shared start.');
      const inputs = [
        () => fireEvent.input(frameEditor, { target: { value: 'Shared start.\n\nFrom the article tab.' } }),
        () => fireEvent.input(paperEditor, { target: { value: 'Shared start.\n\nFrom the library.' } }),
      ];
      if (first === 'the library') inputs.reverse();
      for (const input of inputs) input();

      const body = async () => (await library.notes.get(NOTE_ID))?.body ?? '';
      await waitFor(async () => {
        expect(await body()).toContain('From the library.');
        expect(await body()).toContain('From the article tab.');
      });
      const stored = await body();
      expect(stored.startsWith('Shared start.\n\n')).toBe(true);
      // Both editors end on the stored text: neither shows (or later writes back) one side alone.
      await waitFor(() => expect([paperEditor.value, frameEditor.value]).toEqual([stored, stored]));
      expect(
        screen.queryAllByTestId('paper-note-merged').length +
          screen.queryAllByTestId('takeaway-note-merged').length,
      ).toBeGreaterThanOrEqual(1);
    },
  );

  it('shows in the paper view what the other tab saved, when nothing is being typed there', async () => {
    const { article, paperEditor } = await twoTabs('First thoughts.');
    await saveNote(article, SIGHTING, NOTE_ID, 'First thoughts.\n\nWritten beside the article.');
    await waitFor(() => expect(paperEditor.value).toBe('First thoughts.\n\nWritten beside the article.'));
    // And the paper view's next words build on it rather than replace it.
    fireEvent.input(paperEditor, {
      target: { value: 'First thoughts.\n\nWritten beside the article.\n\nAnd in the library.' },
    });
    await waitFor(async () =>
      expect((await article.notes.get(NOTE_ID))?.body).toBe(
        'First thoughts.\n\nWritten beside the article.\n\nAnd in the library.',
      ),
    );
  });
});

describe('editNote', () => {
  it('merges a save edited from an older version instead of dropping what was saved since', async () => {
    const db = openDatabase(`edit-note-${crypto.randomUUID()}`);
    open.push(db);
    await saveNote(db, SIGHTING, NOTE_ID, 'One.');
    await saveNote(db, SIGHTING, NOTE_ID, 'One.\n\nTwo, from elsewhere.');
    const stored = await editNote(db, NOTE_ID, 'One.\n\nThree, from here.', undefined, {
      body: 'One.',
      tags: [],
      writer: 'library-card',
    });
    expect(stored.body).toBe('One.\n\nTwo, from elsewhere.\n\nThree, from here.');
    expect((await db.notes.get(NOTE_ID))?.body).toBe(stored.body);
    // The merge holds the other tab's words: it is nobody's own earlier save, so a second save
    // sent from the same old version (its answer lost) merges again rather than replacing it.
    const resent = await editNote(db, NOTE_ID, 'One.\n\nThree, from here, edited.', undefined, {
      body: 'One.',
      tags: [],
      writer: 'library-card',
    });
    expect(resent.body).toContain('Two, from elsewhere.');
    expect(resent.body).toContain('Three, from here, edited.');
    // Built on the merged version it was shown, the next save is taken as it is.
    const next = await editNote(db, NOTE_ID, 'One.\n\nTwo, from elsewhere.\n\nThree, final.', undefined, {
      body: resent.body,
      tags: [],
      writer: 'library-card',
    });
    expect(next.body).toBe('One.\n\nTwo, from elsewhere.\n\nThree, final.');
    // Its own earlier save, unmerged, is replaced by the next one from the same version.
    const own = await editNote(db, NOTE_ID, 'One.\n\nThree, final, again.', undefined, {
      body: 'One.\n\nTwo, from elsewhere.\n\nThree, final.',
      tags: [],
      writer: 'library-card',
    });
    expect(own.body).toBe('One.\n\nThree, final, again.');
    const ownAgain = await editNote(db, NOTE_ID, 'One.\n\nThree, final, once more.', undefined, {
      body: 'One.\n\nTwo, from elsewhere.\n\nThree, final.',
      tags: [],
      writer: 'library-card',
    });
    expect(ownAgain.body).toBe('One.\n\nThree, final, once more.');
    // Without a base the text replaces what is stored, as before.
    expect((await editNote(db, NOTE_ID, 'Only this.')).body).toBe('Only this.');
  });
});
