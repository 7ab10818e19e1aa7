import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, LibraryView } from '../../../../lib/extension/components/library/LibraryView';
import { NO_FILTERS, selectRows, type Filters } from '../../../../lib/extension/library/filter';
import { buildLibrary, loadRecentLibrary } from '../../../../lib/extension/library/model';
import { LibrarySearch, queryTerms } from '../../../../lib/extension/library/search';
import { InThreadSearch } from '../../../../lib/extension/library/search-engines';
import { markPattern, snippet } from '../../../../lib/extension/components/library/Marked';
import { DAY, freshDb, generatedPapers, NOW, seed, smallLibrary } from './fixtures';

function setup() {
  const s = smallLibrary();
  const lib = buildLibrary(s);
  const search = new LibrarySearch();
  search.buildNow(lib.papers);
  const ids = (q: string, f: Filters = NO_FILTERS) =>
    selectRows(lib, q ? search.search(q) : null, f, q ? 'relevance' : 'recent', NOW).map(
      (r) => r.lp.paper.id,
    );
  return { lib, search, ids };
}

describe('library model', () => {
  it('lists papers with live notes or highlights only, and leaves trashed notes out', () => {
    const { lib } = setup();
    expect(lib.papers.map((p) => p.paper.id).sort()).toEqual([1, 2, 3, 4]);
    expect(lib.byId.get(3)?.notes.map((n) => n.id)).toEqual(['aaaaaaaa-0004']);
    expect(lib.noteCount).toBe(4);
    expect(lib.highlightCount).toBe(2);
    expect(lib.tags.get('oncology')).toBe(1);
    expect(lib.concepts.get('denosumab')).toBe(1);
  });
});

describe('library search', () => {
  it('finds words in notes, highlights, titles, takeaways, concepts and tags', () => {
    const { ids } = setup();
    expect(ids('hypocalcaemia')).toEqual([1]);
    expect(ids('gait')).toEqual([4]);
    expect(ids('rehab')).toEqual([4]);
    expect(ids('zoledronic')).toEqual([1]);
    expect(ids('prevent fractures')).toEqual([2]);
    expect(ids('kidney')).toEqual([3]);
    expect(ids('journal club')).toEqual([2]);
    expect(ids('nephrology')).toEqual([3]);
    expect(ids('1001')).toEqual([1]);
  });

  it('ranks a paper about the word above one that mentions it in passing', () => {
    const { ids } = setup();
    // Paper 1 has denosumab in its title, takeaway, concepts and notes; paper 3 once in a note.
    expect(ids('denosumab')).toEqual([1, 3]);
  });

  it('matches the word being typed as a prefix, needs every word, and forgives a typo in a long word', () => {
    const { ids } = setup();
    expect(ids('hypocal')).toEqual([1]);
    expect(ids('denos calcium')).toEqual([1]);
    expect(ids('denosumab gait')).toEqual([]);
    expect(ids('creatinnine')).toEqual([3]);
    expect(ids('trash')).toEqual([]);
  });

  it('follows edits: a re-indexed paper is found by its new words and no longer by its old ones', () => {
    const { lib, search } = setup();
    const lp = lib.byId.get(2)!;
    search.put({ ...lp, notes: [{ ...lp.notes[0]!, body: 'Bisphosphonate holiday discussed.' }] });
    expect(search.search('bisphosphonate').map((h) => h.id)).toEqual([2]);
    expect(search.search('community').map((h) => h.id)).toEqual([]);
    search.remove(2);
    expect(search.search('bisphosphonate')).toEqual([]);
  });

  it('marks whole words starting with a matched term, as text pieces, never as markup', () => {
    const p = markPattern(['denosumab', 'calc']);
    const text = 'Denosumab: check calcium <b>before</b> each dose (hypocalcaemia).';
    const found = [...text.matchAll(p!)].map((m) => m[0]);
    expect(found).toEqual(['Denosumab', 'calcium']);
    expect(markPattern([])).toBeNull();
    expect(markPattern(['a.b'])!.test('axb')).toBe(false);
  });

  it('cuts a long note around its first match', () => {
    const long = `${'filler '.repeat(100)}the denosumab finding ${'tail '.repeat(100)}`;
    const s = snippet(long, markPattern(['denosumab']), 120);
    expect(s).toContain('denosumab');
    expect(s.startsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(122);
  });
});

describe('library filters and sort', () => {
  it('filters by tag, concept, evidence level, date and summary', () => {
    const { ids } = setup();
    expect(ids('', { ...NO_FILTERS, tag: 'oncology' })).toEqual([1]);
    expect(ids('', { ...NO_FILTERS, concept: 'fracture' })).toEqual([2]);
    expect(ids('', { ...NO_FILTERS, level: 3 })).toEqual([3]);
    expect(ids('', { ...NO_FILTERS, date: 'week' })).toEqual([1]);
    expect(ids('', { ...NO_FILTERS, date: 'month' })).toEqual([1, 4]);
    expect(ids('', { ...NO_FILTERS, date: 'year' })).toEqual([1, 4, 2]);
    expect(ids('', { ...NO_FILTERS, hasSummary: false })).toEqual([4]);
    expect(ids('', { ...NO_FILTERS, hasSummary: true })).toEqual([1, 2, 3]);
    // Filters apply to search results too.
    expect(ids('denosumab', { ...NO_FILTERS, tag: 'nephrology' })).toEqual([3]);
  });

  it('sorts by recent change, oldest, title and strongest evidence', () => {
    const { lib } = setup();
    const order = (o: Parameters<typeof selectRows>[3]) =>
      selectRows(lib, null, NO_FILTERS, o, NOW).map((r) => r.lp.paper.id);
    expect(order('recent')).toEqual([1, 4, 2, 3]);
    expect(order('oldest')).toEqual([3, 2, 4, 1]);
    expect(order('title')).toEqual([3, 1, 4, 2]);
    expect(order('level')).toEqual([2, 1, 3, 4]);
    expect(lib.byId.get(1)!.lastActivity).toBe(NOW - 2 * DAY);
  });
});

describe('library search while the index is being built', () => {
  it('keeps an edit made during the build', async () => {
    const { lib } = setup();
    const search = new LibrarySearch();
    const building = search.build(lib.papers);
    const lp = lib.byId.get(2)!;
    search.put({ ...lp, notes: [{ ...lp.notes[0]!, body: 'Teriparatide mentioned here.' }] });
    search.remove(3);
    await building;
    expect(search.search('teriparatide').map((h) => h.id)).toEqual([2]);
    expect(search.search('creatinine')).toEqual([]);
  });
});

describe('first screen', () => {
  it('reads only the most recently worked-on papers, in order, through the indexes', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    const recent = await loadRecentLibrary(db, 2);
    expect(recent.partial).toBe(true);
    expect(recent.papers.map((p) => p.paper.id).sort()).toEqual([1, 4]);
    // Complete papers: every live note and highlight of each, with the cached summary.
    expect(recent.byId.get(1)?.notes).toHaveLength(2);
    expect(recent.byId.get(1)?.summary?.level).toBe(2);
    const all = await loadRecentLibrary(db, 100);
    expect(all.papers).toHaveLength(4);
  });
});

describe('query words', () => {
  it('looks for short words exactly and leaves out a short last word still being typed', () => {
    const { ids } = setup();
    expect(queryTerms('denosumab ch')).toEqual(['denosumab']);
    expect(queryTerms('  AF ')).toEqual(['AF']);
    expect(ids('denosumab ch')).toEqual([1, 3]);
    // Two letters alone are an exact word, not a prefix of every word starting with them.
    expect(ids('de')).toEqual([]);
  });
});

describe('search while the index is still being built', () => {
  // The first seconds of a large library answer from a plain scan; it must find what the index
  // finds, identifiers included, because the reader cannot tell the two apart.
  it.each([
    ['a DOI', '10.1000/p3', 3],
    ['a PMID', '4004', 4],
    ['a journal', 'lancet', 1],
  ])('finds %s before the index is ready', (_what, query, id) => {
    const lib = buildLibrary(smallLibrary());
    const search = new InThreadSearch();
    const view = render(
      <LibraryView
        lib={lib}
        search={search}
        searchReady={false}
        searchVersion={0}
        state={{ ...EMPTY_QUERY, query }}
        onState={() => {}}
      />,
    );
    const ready = new LibrarySearch();
    ready.buildNow(lib.papers);
    expect(ready.search(query).map((h) => h.id)).toEqual([id]);
    expect(view.queryByTestId('library-no-results')).toBeNull();
    expect(view.getByTestId('library-count').textContent).toContain('1 of 4 papers');
    view.unmount();
  });
});

describe('search ranking from each word’s kept hits', () => {
  // The index answers an AND query from each word's own hits (kept between keystrokes); it must
  // rank exactly as MiniSearch's own AND query over the same documents.
  const FIELDS = ['title', 'takeaway', 'concepts', 'tags', 'notes', 'highlights', 'ids'];
  const BOOST = { title: 3, takeaway: 2, concepts: 2, tags: 2, notes: 1, highlights: 1, ids: 2 };

  it.each([
    'renal',
    'renal fracture',
    'haz rat',
    'elderly warfarin statin',
    'fractures',
    'sepsis gait renal hazard',
  ])('ranks “%s” as MiniSearch does', async (query) => {
    const { default: MiniSearch } = await import('minisearch');
    const { toDoc, searchOptions } = await import('../../../../lib/extension/library/search');
    const lib = { papers: generatedPapers(300) };
    const ours = new LibrarySearch();
    ours.buildNow(lib.papers);
    // Type the query letter by letter first, so that the kept hits of earlier words are used.
    for (let i = 1; i < query.length; i++) ours.search(query.slice(0, i));
    const theirs = new MiniSearch({ fields: FIELDS, idField: 'id' });
    theirs.addAll(lib.papers.map(toDoc));
    const expected = theirs
      .search(queryTerms(query).join(' '), {
        boost: BOOST,
        combineWith: 'AND',
        prefix: (t: string) => searchOptions(t).prefix,
        fuzzy: (t: string) => searchOptions(t).fuzzy,
      })
      .map((r) => [r.id as number, Number(r.score.toFixed(6))]);
    const got = ours.search(query).map((h) => [h.id, Number(h.score.toFixed(6))]);
    expect(got.length).toBeGreaterThan(0);
    expect(new Map(got as [number, number][])).toEqual(new Map(expected as [number, number][]));
    expect(got.map((g) => g[1])).toEqual(expected.map((e) => e[1]));
  });

  it('forgets kept hits when the index changes', () => {
    const lib = { papers: generatedPapers(50) };
    const s = new LibrarySearch();
    s.buildNow(lib.papers);
    expect(s.search('romosozumab')).toEqual([]);
    const lp = lib.papers[3]!;
    s.put({ ...lp, notes: [{ ...lp.notes[0]!, body: 'romosozumab' }] });
    expect(s.search('romosozumab').map((h) => h.id)).toEqual([lp.paper.id]);
    s.remove(lp.paper.id);
    expect(s.search('romosozumab')).toEqual([]);
  });
});
