import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import {
  activeFilterCount,
  DATE_LABELS,
  NO_FILTERS,
  selectRows,
  SORT_LABELS,
  type DateRange,
  type Filters,
  type Row,
  type SortOrder,
} from '../../library/filter';
import { paperTitle, type Library } from '../../library/model';
import { queryTerms, scanLibrary, type SearchEngine, type SearchHit } from '../../library/search';
import type { EvidenceLevel } from '../../../shared/summaries/schema';
import { Marked, markPattern, snippet } from './Marked';
import { VirtualList } from './VirtualList';
import { noun } from '../words';

export const ROW_HEIGHT = 128;

export interface LibraryQuery {
  query: string;
  filters: Filters;
  sort: SortOrder;
}

export const EMPTY_QUERY: LibraryQuery = { query: '', filters: NO_FILTERS, sort: 'recent' };

function useListHeight(): number {
  const measure = () =>
    Math.max(320, Math.round((typeof window === 'undefined' ? 800 : window.innerHeight) - 260));
  const [h, setH] = useState(measure);
  useEffect(() => {
    const on = () => setH(measure());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

function PaperRow({ row, pattern }: { row: Row; pattern: RegExp | null }) {
  const { lp } = row;
  const p = lp.paper;
  // The note that explains the match, else the one written last (what the reader remembers).
  const latest = lp.notes.reduce<(typeof lp.notes)[number] | undefined>(
    (a, n) => (!a || n.updatedAt > a.updatedAt ? n : a),
    undefined,
  );
  const firstMatch = (pattern && lp.notes.find((n) => matches(pattern, n.body))) ?? latest;
  const hlMatch = firstMatch
    ? undefined
    : ((pattern && lp.highlights.find((h) => matches(pattern, h.quote.exact))) ?? lp.highlights[0]);
  return (
    <article class="tw-lib-row" data-testid="review-paper">
      <h3 class="tw-row-title">
        <a href={`#/paper/${p.id}`} data-row-focus>
          <Marked text={paperTitle(p)} pattern={pattern} />
        </a>
      </h3>
      <p class="tw-row-meta tw-muted">
        {lp.summary ? (
          <span class={`tw-mini-level tw-level-${lp.summary.level}`}>Level {lp.summary.level}/5</span>
        ) : (
          <span>No summary</span>
        )}
        {' · '}
        {counted(lp.notes.length, 'note')}
        {lp.highlights.length ? ` · ${counted(lp.highlights.length, 'highlight')}` : ''}
        {lp.tags.length ? ` · ${lp.tags.slice(0, 4).join(', ')}` : ''}
        {' · '}
        {lp.lastActivity ? new Date(lp.lastActivity).toLocaleDateString() : ''}
      </p>
      {lp.summary && (
        <p class="tw-row-takeaway">
          <Marked text={lp.summary.takeaway} pattern={pattern} />
        </p>
      )}
      {firstMatch ? (
        <p class="tw-row-note" data-testid="review-note">
          <Marked text={snippet(firstMatch.body, pattern)} pattern={pattern} />
        </p>
      ) : hlMatch ? (
        <p class="tw-row-note tw-row-quote">
          “<Marked text={snippet(hlMatch.quote.exact, pattern)} pattern={pattern} />”
        </p>
      ) : null}
    </article>
  );
}

export interface LibraryViewProps {
  lib: Library;
  search: SearchEngine;
  searchReady: boolean;
  searchVersion: number;
  state: LibraryQuery;
  onState: (s: LibraryQuery) => void;
  /** Read these papers now, while the library is still loading (the best hits of a search). */
  hydrate?: (ids: readonly number[]) => void;
}

/** How many of a search's best hits are read at once while the library is still loading. */
const HYDRATE_HITS = 30;

/** Hits and the query they answer, so the list never shows one query's results as another's. */
interface Found {
  query: string;
  hits: SearchHit[] | null;
  /** True when the hits come from the ranked index, false from the plain scan. */
  ranked: boolean;
}

/**
 * The hits for a query: from the index (an answer from its worker), or from the plain scan of the
 * papers in memory while the index is not ready or has failed. Results of an older query that
 * arrive late are dropped.
 */
function useHits(lib: Library, search: SearchEngine, q: string, ready: boolean, version: number): Found {
  const [found, setFound] = useState<Found>({ query: '', hits: null, ranked: false });
  const [failed, setFailed] = useState(false);
  const scan = !ready || failed;
  // A layout effect: the search is sent as the keystroke renders, not a frame later.
  useLayoutEffect(() => {
    if (!q) {
      setFound({ query: '', hits: null, ranked: false });
      return;
    }
    if (scan) {
      setFound({ query: q, hits: scanLibrary(lib.papers, q), ranked: false });
      return;
    }
    let live = true;
    search.search(q).then(
      (hits) => {
        if (live && hits) setFound({ query: q, hits, ranked: true });
      },
      (e: unknown) => {
        console.error('Takeaway: library search failed; searching the plain text', e);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [q, scan, version, scan ? lib : null]);
  return found;
}

/** Search, filters, sort and the (windowed) list of papers. */
/** "1 note", "2 notes". */
const counted = (n: number, one: string) => `${n} ${noun(n, one)}`;

export function LibraryView({
  lib,
  search,
  searchReady,
  searchVersion,
  state,
  onState,
  hydrate,
}: LibraryViewProps) {
  const { query, filters, sort } = state;
  const typed = query.trim();
  const height = useListHeight();
  // What the list shows: the latest query answered (one keystroke behind at most, never mixed).
  const found = useHits(lib, search, typed, searchReady, searchVersion);
  const q = found.query;
  const hits = found.hits;
  useEffect(() => {
    if (lib.partial && hits?.length && hydrate) hydrate(hits.slice(0, HYDRATE_HITS).map((h) => h.id));
  }, [hits, lib.partial, hydrate]);
  useEffect(() => {
    // When the first rows reach the screen (the frame after they are in the document), for the bench.
    requestAnimationFrame(() => {
      if (!performance.getEntriesByName('takeaway:library-first-rows').length)
        performance.mark('takeaway:library-first-rows');
    });
  }, []);
  const order: SortOrder = q ? sort : sort === 'relevance' ? 'recent' : sort;
  const rows = useMemo(() => selectRows(lib, hits, filters, order), [lib, hits, filters, order]);
  const pattern = useMemo(
    () =>
      q ? markPattern([...(hits?.flatMap((h) => h.terms).slice(0, 200) ?? []), ...queryTerms(q)]) : null,
    [hits, q],
  );
  const tags = useMemo(
    () => [...lib.tags.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    [lib],
  );
  const concepts = useMemo(
    () => [...lib.concepts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    [lib],
  );
  // The same elements from one keystroke to the next, so a long list of options is not compared
  // again on each one.
  const tagOptions = useMemo(
    () =>
      tags.map(([t, n]) => (
        <option key={t} value={t}>
          {t} ({n})
        </option>
      )),
    [tags],
  );
  const conceptOptions = useMemo(
    () =>
      concepts.map(([c, n]) => (
        <option key={c} value={c}>
          {c} ({n})
        </option>
      )),
    [concepts],
  );
  const setFilters = (f: Partial<Filters>) => onState({ ...state, filters: { ...filters, ...f } });
  const active = activeFilterCount(filters);

  return (
    <section aria-labelledby="tw-lib-h" class="tw-lib">
      <h2 id="tw-lib-h" class="tw-sr-only">
        Papers
      </h2>
      <div class="tw-lib-search" role="search">
        <label for="tw-lib-q">Search notes, highlights, titles, takeaways, concepts and tags</label>
        <input
          id="tw-lib-q"
          type="search"
          value={query}
          autoComplete="off"
          spellcheck={false}
          placeholder="e.g. denosumab hypocalcaemia"
          data-testid="library-search"
          onInput={(e) =>
            onState({
              ...state,
              query: (e.currentTarget as HTMLInputElement).value,
              sort: (e.currentTarget as HTMLInputElement).value.trim() && !typed ? 'relevance' : sort,
            })
          }
        />
      </div>
      <div class="tw-lib-filters" role="group" aria-label="Filters and sort">
        <label>
          Tag
          <select
            value={filters.tag ?? ''}
            data-testid="filter-tag"
            onChange={(e) => setFilters({ tag: (e.currentTarget as HTMLSelectElement).value || null })}
          >
            <option value="">Any tag</option>
            {tagOptions}
          </select>
        </label>
        <label>
          Concept
          <select
            value={filters.concept ?? ''}
            data-testid="filter-concept"
            onChange={(e) => setFilters({ concept: (e.currentTarget as HTMLSelectElement).value || null })}
          >
            <option value="">Any concept</option>
            {conceptOptions}
          </select>
        </label>
        <label>
          Evidence
          <select
            value={filters.level === null ? '' : String(filters.level)}
            data-testid="filter-level"
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setFilters({ level: v ? (Number(v) as EvidenceLevel) : null });
            }}
          >
            <option value="">Any level</option>
            {[1, 2, 3, 4, 5].map((l) => (
              <option key={l} value={String(l)}>
                Level {l}
                {l === 1 ? ' (strongest)' : l === 5 ? ' (weakest)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Changed
          <select
            value={filters.date}
            data-testid="filter-date"
            onChange={(e) => setFilters({ date: (e.currentTarget as HTMLSelectElement).value as DateRange })}
          >
            {(Object.keys(DATE_LABELS) as DateRange[]).map((d) => (
              <option key={d} value={d}>
                {DATE_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Summary
          <select
            value={filters.hasSummary === null ? '' : filters.hasSummary ? 'yes' : 'no'}
            data-testid="filter-summary"
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setFilters({ hasSummary: v === '' ? null : v === 'yes' });
            }}
          >
            <option value="">With or without</option>
            <option value="yes">Has a summary</option>
            <option value="no">No summary</option>
          </select>
        </label>
        <label>
          Sort
          <select
            value={order}
            data-testid="library-sort"
            onChange={(e) =>
              onState({ ...state, sort: (e.currentTarget as HTMLSelectElement).value as SortOrder })
            }
          >
            {(Object.keys(SORT_LABELS) as SortOrder[])
              .filter((s) => s !== 'relevance' || q)
              .map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
          </select>
        </label>
        {active > 0 && (
          <button
            type="button"
            class="tw-link-button"
            onClick={() => onState({ ...state, filters: NO_FILTERS })}
          >
            Clear {active} {active === 1 ? 'filter' : 'filters'}
          </button>
        )}
      </div>
      <p class="tw-muted" aria-live="polite" data-testid="library-count">
        {lib.partial
          ? q && searchReady
            ? `Best matches among your notes; loading the rest of the library…`
            : `Your ${lib.papers.length} most recent papers; loading the rest of the library…`
          : rows.length === lib.papers.length
            ? `${counted(lib.papers.length, 'paper')}, ${counted(lib.noteCount, 'note')}, ${counted(lib.highlightCount, 'highlight')}`
            : `${rows.length} of ${lib.papers.length} papers`}
        {q && !searchReady && !lib.partial ? ' (preparing the search index…)' : ''}
      </p>
      <div data-query={q} data-ranked={String(found.ranked)} data-testid="library-results">
        {rows.length === 0 ? (
          <p class="tw-muted" data-testid="library-no-results">
            Nothing matches{q ? ` “${q}”` : ''}
            {active ? ' with these filters' : ''}.
          </p>
        ) : (
          <VirtualList<Row>
            items={rows}
            rowHeight={ROW_HEIGHT}
            height={Math.min(height, rows.length * ROW_HEIGHT)}
            itemKey={(r) => r.lp.paper.id}
            label="Papers with notes"
            testid="review-list"
            resetKey={`${q}|${JSON.stringify(filters)}|${order}`}
            render={(r) => <PaperRow row={r} pattern={pattern} />}
          />
        )}
      </div>
    </section>
  );
}
