/**
 * The library's first screen at the first paint: the rows the reader saw last time, from
 * localStorage, replaced by the database's own as soon as they are read.
 */
import { render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReviewPage } from '../../../../lib/extension/components/ReviewPage';
import { readFirstScreen, writeFirstScreen } from '../../../../lib/extension/library/first-screen';
import { buildLibrary } from '../../../../lib/extension/library/model';
import { InThreadSearch } from '../../../../lib/extension/library/search-engines';
import { freshDb, NOW, seed, smallLibrary } from './fixtures';

beforeEach(() => localStorage.clear());

const titles = () =>
  screen.queryAllByTestId('review-paper').map((el) => el.querySelector('h3')?.textContent ?? '');

describe('the first screen kept for the next opening', () => {
  it('shows last visit’s rows at the first render, then the database’s', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    const first = render(<ReviewPage db={db} summaries={null} searchEngine={() => new InThreadSearch()} />);
    // Nothing kept yet: the first render waits for the database.
    expect(titles()).toEqual([]);
    await waitFor(() => expect(readFirstScreen()).not.toBeNull(), { timeout: 4000 });
    first.unmount();

    // Meanwhile another tab rewrites the latest note.
    await db.notes.update('aaaaaaaa-0001', { body: 'Rewritten in another tab.', updatedAt: NOW + 1000 });
    const second = render(<ReviewPage db={db} summaries={null} searchEngine={() => new InThreadSearch()} />);
    // At once, before any database read: the rows as they were.
    expect(titles()[0]).toBe('Denosumab versus zoledronic acid for bone metastasis');
    expect(screen.getAllByTestId('review-note')[0]!.textContent).toContain('Hypocalcaemia');
    expect(screen.getByTestId('library-count').textContent).toMatch(/loading/);
    // Then the database's.
    await waitFor(() =>
      expect(screen.getAllByTestId('review-note')[0]!.textContent).toContain('Rewritten in another tab.'),
    );
    await waitFor(() => expect(screen.getByTestId('library-count').textContent).not.toMatch(/loading/));
    second.unmount();
  });

  it('keeps the most recent rows only, and reads nothing it does not recognise', () => {
    const lib = buildLibrary(smallLibrary());
    writeFirstScreen(lib);
    const kept = readFirstScreen()!;
    expect(kept.partial).toBe(true);
    expect(kept.papers.map((p) => p.paper.id)).toEqual(
      [...lib.papers].sort((a, b) => b.lastActivity - a.lastActivity).map((p) => p.paper.id),
    );
    localStorage.setItem('takeaway:library-first-screen', '[{"paper": 1}]');
    expect(readFirstScreen()).toBeNull();
    localStorage.setItem('takeaway:library-first-screen', '{not json');
    expect(readFirstScreen()).toBeNull();
  });

  it('never throws when storage is full', () => {
    const setItem = localStorage.setItem.bind(localStorage);
    const full = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    Object.defineProperty(localStorage, 'setItem', { value: full, configurable: true, writable: true });
    try {
      expect(() => writeFirstScreen(buildLibrary(smallLibrary()))).not.toThrow();
    } finally {
      Object.defineProperty(localStorage, 'setItem', { value: setItem, configurable: true, writable: true });
    }
    expect(readFirstScreen()).toBeNull();
  });
});
