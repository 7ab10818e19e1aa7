/**
 * What the library list shows for a query, filters and sort order: a pure function of the
 * library and the search hits, so the same code is tested, benchmarked and run on each keystroke.
 */
import type { EvidenceLevel } from '../../shared/summaries/schema';
import type { Library, LibraryPaper } from './model';
import type { SearchHit } from './search';

export type SortOrder = 'relevance' | 'recent' | 'oldest' | 'title' | 'level';

export const SORT_LABELS: Record<SortOrder, string> = {
  relevance: 'Best match',
  recent: 'Recently changed',
  oldest: 'Oldest first',
  title: 'Title A–Z',
  level: 'Strongest evidence',
};

export type DateRange = 'any' | 'week' | 'month' | 'year';

export const DATE_LABELS: Record<DateRange, string> = {
  any: 'Any time',
  week: 'Last 7 days',
  month: 'Last 30 days',
  year: 'Last 12 months',
};

const DAY = 24 * 60 * 60 * 1000;
const RANGE_MS: Record<Exclude<DateRange, 'any'>, number> = {
  week: 7 * DAY,
  month: 30 * DAY,
  year: 365 * DAY,
};

export interface Filters {
  tag: string | null;
  concept: string | null;
  level: EvidenceLevel | null;
  /** Papers with a note or highlight changed within this range. */
  date: DateRange;
  /** true: only papers with a summary; false: only those without; null: all. */
  hasSummary: boolean | null;
}

export const NO_FILTERS: Filters = { tag: null, concept: null, level: null, date: 'any', hasSummary: null };

export interface Row {
  lp: LibraryPaper;
  /** Words to mark in this row, from the search. */
  terms: string[];
}

export function activeFilterCount(f: Filters): number {
  return (
    (f.tag !== null ? 1 : 0) +
    (f.concept !== null ? 1 : 0) +
    (f.level !== null ? 1 : 0) +
    (f.date !== 'any' ? 1 : 0) +
    (f.hasSummary !== null ? 1 : 0)
  );
}

export function matchesFilters(lp: LibraryPaper, f: Filters, now: number): boolean {
  if (f.tag !== null && !lp.tags.includes(f.tag)) return false;
  if (f.concept !== null && !(lp.summary?.concepts.includes(f.concept) ?? false)) return false;
  if (f.level !== null && lp.summary?.level !== f.level) return false;
  if (f.hasSummary !== null && (lp.summary !== null) !== f.hasSummary) return false;
  if (f.date !== 'any' && lp.lastActivity < now - RANGE_MS[f.date]) return false;
  return true;
}

function compare(order: SortOrder): (a: Row, b: Row) => number {
  switch (order) {
    case 'recent':
    case 'relevance':
      return (a, b) => b.lp.lastActivity - a.lp.lastActivity;
    case 'oldest':
      return (a, b) => a.lp.lastActivity - b.lp.lastActivity;
    case 'title':
      return (a, b) => (a.lp.sortTitle < b.lp.sortTitle ? -1 : a.lp.sortTitle > b.lp.sortTitle ? 1 : 0);
    case 'level':
      // Papers without a summary go last; within a level, the most recently worked on first.
      return (a, b) =>
        (a.lp.summary?.level ?? 9) - (b.lp.summary?.level ?? 9) || b.lp.lastActivity - a.lp.lastActivity;
  }
}

/**
 * The rows to show. With a query, only papers the search found, in its order when sorting by best
 * match; without one, every paper. `hits` is null when there is no query.
 */
export function selectRows(
  lib: Library,
  hits: SearchHit[] | null,
  filters: Filters,
  order: SortOrder,
  now = Date.now(),
): Row[] {
  const rows: Row[] = [];
  if (hits) {
    for (const h of hits) {
      const lp = lib.byId.get(h.id);
      if (lp && matchesFilters(lp, filters, now)) rows.push({ lp, terms: h.terms });
    }
    // Search results arrive best first; any other order is a stable re-sort of them.
    if (order !== 'relevance') rows.sort(compare(order));
    return rows;
  }
  for (const lp of lib.papers) if (matchesFilters(lp, filters, now)) rows.push({ lp, terms: [] });
  rows.sort(compare(order));
  return rows;
}
