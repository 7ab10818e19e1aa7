/**
 * The library's search index kept between visits: read back on the next visit, brought up to date
 * with what changed meanwhile (in another tab, or an import), rebuilt when the kept one is damaged.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ReviewPage } from '../../../../lib/extension/components/ReviewPage';
import type { TakeawayDB } from '../../../../lib/extension/db';

import { buildLibrary, type LibraryPaper } from '../../../../lib/extension/library/model';
import { InThreadSearch } from '../../../../lib/extension/library/search-engines';
import {
  paperStamp,
  readPersistedSearch,
  SEARCH_INDEX_KEY,
  staleSince,
  writePersistedSearch,
} from '../../../../lib/extension/library/search-store';
import { DAY, freshDb, NOW, seed, smallLibrary } from './fixtures';

const EMPTY = {
  head: '{}',
  terms: [],
  layout: new Uint32Array(0),
  docs: new Uint32Array(0),
  freqs: new Uint16Array(0),
};

/** The engine in the page, counting how the index came to be. */
class CountingSearch extends InThreadSearch {
  builds = 0;
  restores = 0;
  override build(papers: readonly LibraryPaper[]): Promise<void> {
    this.builds++;
    return super.build(papers);
  }
  override restoreKept(dbName: string): Promise<Array<[number, string]> | null> {
    this.restores++;
    return super.restoreKept(dbName);
  }
}

async function visit(db: TakeawayDB) {
  const engine = new CountingSearch();
  const view = render(<ReviewPage db={db} summaries={null} searchEngine={() => engine} />);
  await screen.findAllByTestId('review-paper');
  await waitFor(() => expect(screen.getByTestId('library-count').textContent).not.toMatch(/loading/));
  return { engine, view };
}

async function search(query: string): Promise<string[]> {
  fireEvent.input(screen.getByTestId('library-search'), { target: { value: query } });
  await waitFor(() => {
    const r = screen.getByTestId('library-results');
    expect(r.getAttribute('data-query')).toBe(query);
    expect(r.getAttribute('data-ranked')).toBe('true');
  });
  return screen.queryAllByTestId('review-paper').map((el) => el.querySelector('h3')?.textContent ?? '');
}

/** Wait for the first visit to write its index out (a few seconds after the last change). */
async function kept(db: TakeawayDB) {
  await waitFor(async () => expect(await readPersistedSearch(db.name)).not.toBeNull(), { timeout: 8000 });
  return (await readPersistedSearch(db.name))!;
}

describe('paper stamps', () => {
  const lib = () => buildLibrary(smallLibrary());

  it('change when a note, a highlight or the summary of a paper changes, and only then', () => {
    const lp = lib().byId.get(1)!;
    const same = lib().byId.get(1)!;
    expect(paperStamp(same)).toBe(paperStamp(lp));
    const note = lp.notes[0]!;
    expect(
      paperStamp({ ...lp, notes: [{ ...note, updatedAt: note.updatedAt + 1 }, ...lp.notes.slice(1)] }),
    ).not.toBe(paperStamp(lp));
    expect(paperStamp({ ...lp, highlights: [] })).not.toBe(paperStamp(lp));
    expect(paperStamp({ ...lp, summary: { ...lp.summary!, takeaway: 'Another takeaway.' } })).not.toBe(
      paperStamp(lp),
    );
    expect(paperStamp({ ...lp, summary: null })).not.toBe(paperStamp(lp));
  });

  it('name the papers changed or added since, and the ones gone', () => {
    const papers = lib().papers;
    const stamps = papers.map((lp): [number, string] => [lp.paper.id, paperStamp(lp)]);
    expect(staleSince(stamps, papers)).toEqual({ changed: [], gone: [] });
    const [first, ...rest] = papers;
    const edited = { ...rest[0]!, notes: rest[0]!.notes.map((n) => ({ ...n, updatedAt: n.updatedAt + 5 })) };
    const out = staleSince([...stamps.slice(1), [99, 'x']], [edited, ...rest.slice(1), first!]);
    expect(out.changed.map((lp) => lp.paper.id).sort()).toEqual([edited.paper.id, first!.paper.id].sort());
    expect(out.gone).toEqual([99]);
  });
});

describe('the kept search index', () => {
  it('is written out after the first visit and read back on the next instead of a rebuild', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    const first = await visit(db);
    await waitFor(() => expect(first.engine.builds).toBe(1));
    const row = await kept(db);
    expect(row.stamps.map(([id]) => id).sort()).toEqual([1, 2, 3, 4]);
    first.view.unmount();

    const second = await visit(db);
    expect(second.engine.restores).toBe(1);
    expect(second.engine.builds).toBe(0);
    expect(await search('hypocalcaemia')).toEqual(['Denosumab versus zoledronic acid for bone metastasis']);
    second.view.unmount();
  });

  it('brings the kept index up to date with notes changed and removed while the page was closed', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    const first = await visit(db);
    await kept(db);
    first.view.unmount();

    // Another tab edits paper 2's note and empties paper 3 (its only live note goes to the trash).
    await db.notes.update('aaaaaaaa-0003', { body: 'Teriparatide discussed instead.', updatedAt: NOW + DAY });
    await db.notes.update('aaaaaaaa-0004', { deletedAt: NOW + DAY, updatedAt: NOW + DAY });

    const second = await visit(db);
    expect(second.engine.builds).toBe(0);
    expect(await search('teriparatide')).toEqual([
      'Vitamin D supplementation and fracture risk: a meta-analysis',
    ]);
    expect(await search('community')).toEqual([]);
    expect(await search('creatinine')).toEqual([]);
    second.view.unmount();
  });

  it('is rebuilt from the notes when the kept one is damaged or was made for other fields', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    await writePersistedSearch(db.name, {
      stamps: [[1, 'x']],
      index: {
        head: '{"index": [[',
        terms: ['gait'],
        layout: Uint32Array.of(1, 0, 5),
        docs: Uint32Array.of(1),
        freqs: Uint16Array.of(1),
      },
    });
    const damaged = await visit(db);
    expect(damaged.engine.restores).toBe(1);
    await waitFor(() => expect(damaged.engine.builds).toBe(1));
    expect(await search('gait')).toEqual(['Exercise after hip fracture']);
    damaged.view.unmount();

    await db.meta.put({ key: SEARCH_INDEX_KEY, value: { shape: 'another-index', stamps: [], index: {} } });
    expect(await readPersistedSearch(db.name)).toBeNull();
    const foreign = await visit(db);
    expect(foreign.engine.restores).toBe(1);
    await waitFor(() => expect(foreign.engine.builds).toBe(1));
    foreign.view.unmount();
  });

  it('costs only a rebuild when it cannot be written (a full disk)', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    const proto = IDBObjectStore.prototype;
    const put = Object.getOwnPropertyDescriptor(proto, 'put')!;
    Object.defineProperty(proto, 'put', {
      configurable: true,
      value() {
        throw new DOMException('disk full', 'QuotaExceededError');
      },
    });
    try {
      expect(await writePersistedSearch(db.name, { stamps: [], index: EMPTY })).toBe(false);
    } finally {
      Object.defineProperty(proto, 'put', put);
    }
    expect(await readPersistedSearch(db.name)).toBeNull();
    expect(await db.notes.count()).toBe(5);
  });

  it('never creates the notes database by looking for its index', async () => {
    const name = `never-made-${crypto.randomUUID()}`;
    expect(await readPersistedSearch(name)).toBeNull();
    expect(await writePersistedSearch(name, { stamps: [], index: EMPTY })).toBe(false);
    const created = await new Promise<boolean>((resolve) => {
      const req = indexedDB.open(name);
      let fresh = false;
      req.onupgradeneeded = () => (fresh = true);
      req.onsuccess = () => {
        req.result.close();
        resolve(fresh);
      };
    });
    expect(created).toBe(true);
  });
});
