import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ReviewPage } from '../../../../lib/extension/components/ReviewPage';
import { createBackup } from '../../../../lib/extension/backup';
import { loadCards } from '../../../../lib/extension/db/study';
import { summaryCacheTable } from '../../../../lib/extension/library/model';
import type { SummarySource } from '../../../../lib/extension/components/library/use-library';
import { expectAccessible } from '../../../support/a11y';
import { freshDb, NOW, seed, smallLibrary } from './fixtures';

afterEach(() => {
  location.hash = '';
});

async function page(summaries: SummarySource | null = null) {
  const db = freshDb();
  await seed(db, smallLibrary());
  const downloads: { name: string; blob: Blob }[] = [];
  const r = render(
    <ReviewPage db={db} summaries={summaries} download={(name, blob) => downloads.push({ name, blob })} />,
  );
  await screen.findAllByTestId('review-paper');
  // The first screen shows the most recent papers; wait for the whole library.
  await waitFor(() => expect(screen.getByTestId('library-count').textContent).not.toMatch(/loading/));
  return { db, downloads, ...r };
}

function titles(): string[] {
  return screen.getAllByTestId('review-paper').map((el) => el.querySelector('h3')?.textContent ?? '');
}

function fileOf(text: string, name = 'backup.json'): File {
  return new File([text], name, { type: 'application/json' });
}

describe('ReviewPage (the notes library)', () => {
  it('lists every noted paper with its takeaway and level, most recent first', async () => {
    const { container } = await page();
    expect(titles()).toEqual([
      'Denosumab versus zoledronic acid for bone metastasis',
      'Exercise after hip fracture',
      'Vitamin D supplementation and fracture risk: a meta-analysis',
      'Acute kidney injury after cardiac surgery: a cohort',
    ]);
    const first = screen.getAllByTestId('review-paper')[0]!;
    expect(first.textContent).toContain('Level 2/5');
    expect(first.textContent).toContain('Denosumab delays skeletal events');
    expect(within(first).getByTestId('review-note').textContent).toContain('Hypocalcaemia');
    expect(screen.getByTestId('library-count').textContent).toBe('4 papers, 4 notes, 2 highlights');
    await expectAccessible(container);
  });

  it('searches as the reader types, ranks, and marks the matching words', async () => {
    const { container } = await page();
    const box = screen.getByTestId('library-search');
    fireEvent.input(box, { target: { value: 'denosumab' } });
    await waitFor(() => expect(titles()).toHaveLength(2));
    expect(titles()[0]).toContain('Denosumab versus');
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent?.toLowerCase());
    expect(marks).toContain('denosumab');
    expect(screen.getByTestId('library-count').textContent).toMatch(/^2 of 4 papers/);
    fireEvent.input(box, { target: { value: 'zzzz-nothing' } });
    await waitFor(() => expect(screen.getByTestId('library-no-results')).toBeTruthy());
    await expectAccessible(container);
  });

  it('filters by tag, level and summary, and clears the filters', async () => {
    await page();
    fireEvent.change(screen.getByTestId('filter-tag'), { target: { value: 'nephrology' } });
    await waitFor(() => expect(titles()).toEqual(['Acute kidney injury after cardiac surgery: a cohort']));
    fireEvent.click(screen.getByRole('button', { name: 'Clear 1 filter' }));
    await waitFor(() => expect(titles()).toHaveLength(4));
    fireEvent.change(screen.getByTestId('filter-level'), { target: { value: '1' } });
    await waitFor(() =>
      expect(titles()).toEqual(['Vitamin D supplementation and fracture risk: a meta-analysis']),
    );
    fireEvent.change(screen.getByTestId('filter-level'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-summary'), { target: { value: 'no' } });
    await waitFor(() => expect(titles()).toEqual(['Exercise after hip fracture']));
    fireEvent.change(screen.getByTestId('filter-summary'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('library-sort'), { target: { value: 'title' } });
    await waitFor(() => expect(titles()[0]).toBe('Acute kidney injury after cardiac surgery: a cohort'));
  });

  it('opens a paper, edits a note (saved as typed), and the list follows', async () => {
    const { db, container } = await page();
    location.hash = '#/paper/1';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByTestId('paper-view');
    const editors = await screen.findAllByTestId('paper-note-editor');
    expect(editors).toHaveLength(2);
    expect(screen.getByTestId('paper-summary').textContent).toContain('Level 2/5');
    expect(screen.getAllByTestId('paper-highlight')).toHaveLength(1);
    const editor = editors.find((e) => (e as HTMLTextAreaElement).value.startsWith('Hypocalcaemia'))!;
    fireEvent.input(editor, { target: { value: 'Calcium and vitamin D before every dose.' } });
    await waitFor(async () =>
      expect((await db.notes.get('aaaaaaaa-0001'))?.body).toBe('Calcium and vitamin D before every dose.'),
    );
    await expectAccessible(container);
    fireEvent.click(screen.getByTestId('paper-back'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() =>
      expect(screen.getAllByTestId('review-note')[0]?.textContent).toContain('Calcium and vitamin D'),
    );
  });

  it('moves a note to the trash and restores it from there', async () => {
    const { db } = await page();
    location.hash = '#/paper/2';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    fireEvent.click(await screen.findByRole('button', { name: 'Move note 1 to the trash' }));
    await waitFor(async () => expect((await db.notes.get('aaaaaaaa-0003'))?.deletedAt).toBeDefined());
    location.hash = '#/trash';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const view = await screen.findByTestId('trash-view');
    await waitFor(() => expect(within(view).getAllByTestId('trash-item')).toHaveLength(2));
    await expectAccessible(view);
    const item = within(view)
      .getAllByTestId('trash-item')
      .find((el) => el.textContent?.includes('journal club'))!;
    fireEvent.click(within(item).getByTestId('trash-restore'));
    await waitFor(async () => expect((await db.notes.get('aaaaaaaa-0003'))?.deletedAt).toBeUndefined());
  });

  it('studies: shows the question, then the answer, and schedules the rating', async () => {
    const { db, container } = await page();
    location.hash = '#/study';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByTestId('study-card');
    expect(screen.getByTestId('study-counts').textContent).toMatch(/7 new today/);
    fireEvent.click(screen.getByTestId('study-show'));
    expect(screen.getByTestId('study-answer').textContent).not.toBe('');
    await expectAccessible(container);
    fireEvent.click(screen.getByTestId('study-good'));
    await waitFor(async () => expect((await loadCards(db)).size).toBe(1));
    await waitFor(() => expect(screen.getByTestId('study-counts').textContent).toMatch(/6 new today/));
    // Keyboard: space shows the answer, 4 rates it easy.
    fireEvent.keyDown(window, { key: ' ' });
    await screen.findByTestId('study-answer');
    fireEvent.keyDown(window, { key: '4' });
    await waitFor(async () => expect((await loadCards(db)).size).toBe(2));
  });

  it('exports a backup, shows when it was made, and refuses a damaged file without changing anything', async () => {
    const { db, downloads, container } = await page();
    location.hash = '#/backup';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByTestId('backup-panel');
    expect(screen.getByTestId('backup-last').textContent).toBe('No backup made yet.');
    fireEvent.click(screen.getByTestId('backup-create'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toMatch(/^takeaway-backup-\d{4}-\d\d-\d\d\.json$/);
    await waitFor(() => expect(screen.getByTestId('backup-last').textContent).toMatch(/^Last backup: /));
    for (const id of ['export-markdown', 'export-csv', 'export-ris', 'export-annotations'])
      fireEvent.click(screen.getByTestId(id));
    await waitFor(() =>
      expect(downloads.map((d) => d.name.split('.').pop())).toEqual(['json', 'zip', 'csv', 'ris', 'jsonld']),
    );
    await expectAccessible(container);

    const text = await downloads[0]!.blob.text();
    const before = await db.notes.toArray();
    fireEvent.change(screen.getByTestId('backup-file'), {
      target: { files: [fileOf(text.slice(0, text.length - 20))] },
    });
    await waitFor(() => expect(screen.getByTestId('backup-error').textContent).toMatch(/damaged/));
    expect(await db.notes.toArray()).toEqual(before);
    fireEvent.change(screen.getByTestId('backup-file'), {
      target: { files: [fileOf('{"format":"takeaway-backup","version":3}')] },
    });
    await waitFor(() => expect(screen.getByTestId('backup-error').textContent).toMatch(/newer version/));
  });

  it('replaces the library from a backup only after confirmation', async () => {
    const source = freshDb();
    await seed(source, smallLibrary());
    await source.notes.update('aaaaaaaa-0002', { body: 'From the other computer', updatedAt: NOW + 5 });
    const text = await createBackup(source, NOW);
    const { db } = await page();
    location.hash = '#/backup';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByTestId('backup-panel');
    fireEvent.click(screen.getByTestId('import-mode-replace'));
    fireEvent.change(screen.getByTestId('backup-file'), { target: { files: [fileOf(text)] } });
    await screen.findByTestId('import-confirm');
    expect((await db.notes.get('aaaaaaaa-0002'))?.body).not.toBe('From the other computer');
    fireEvent.click(screen.getByTestId('import-confirm-replace'));
    await waitFor(() =>
      expect(screen.getByTestId('backup-done').textContent).toMatch(/^Replaced your library/),
    );
    expect((await db.notes.get('aaaaaaaa-0002'))?.body).toBe('From the other computer');
  });

  it('fills in summaries from the background for papers the cache does not know, and caches them', async () => {
    const asked: number[] = [];
    const summaries: SummarySource = {
      edition: async () => ({ edition: 'Test', built: '2026-11-21' }),
      lookup: async (papers) => {
        asked.push(papers.length);
        return {
          ok: true,
          value: papers.map((p) =>
            p.pmid === '4004'
              ? {
                  takeaway: 'Supervised exercise helps gait.',
                  level: 2,
                  studyType: 'randomized controlled trial',
                  concepts: ['hip fracture'],
                  origin: 'bundled',
                }
              : null,
          ),
        };
      },
    };
    const { db } = await page(summaries);
    await waitFor(() => expect(screen.getByText('Supervised exercise helps gait.')).toBeTruthy());
    expect(asked).toEqual([4]);
    expect((await summaryCacheTable(db).get(4))?.summary?.takeaway).toBe('Supervised exercise helps gait.');
  });
});

describe('backup reminder', () => {
  it('nudges on the library page after many notes without a backup, and links to the backup', async () => {
    const db = freshDb();
    const s = smallLibrary();
    for (let i = 0; i < 30; i++)
      s.notes.push({
        id: `cccccccc-${String(i).padStart(4, '0')}`,
        paperId: 2,
        body: `note ${i}`,
        tags: [],
        createdAt: NOW,
        updatedAt: NOW,
      });
    await seed(db, s);
    const { container } = render(<ReviewPage db={db} summaries={null} />);
    const nudge = await screen.findByTestId('review-backup-nudge');
    expect(nudge.textContent).toMatch(/^35 notes written or changed since you started/);
    expect(within(nudge).getByRole('link', { name: 'Make a backup' }).getAttribute('href')).toBe('#/backup');
    await expectAccessible(container);
  });
});
