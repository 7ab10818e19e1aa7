/**
 * Search and filters of the library's Summaries view: the reader's own summaries and those of the
 * packs they imported, in one list. A small MiniSearch over the summaries (BM25, title and takeaway
 * weighted), asked the way the notes library asks its own index: every word must match, the words
 * of the query are read by the library's `queryTerms`, prefixes from the third letter.
 */
import MiniSearch from 'minisearch';
import type { Pack, PackSummary } from '../db';
import { queryTerms, searchOptions } from '../library/search';
import type { Summary } from '../../shared/summaries/schema';
import { OWN_PACK_ID } from './own';

/** One summary as the view lists it: the row, and the name of the pack it belongs to. */
export interface ListedSummary {
  row: PackSummary & { id: number };
  packName: string;
  own: boolean;
}

interface SummaryDoc {
  id: number;
  title: string;
  takeaway: string;
  concepts: string;
  text: string;
  tags: string;
  source: string;
  ids: string;
}

const FIELDS = ['title', 'takeaway', 'concepts', 'text', 'tags', 'source', 'ids'] as const;

const BOOST: Record<(typeof FIELDS)[number], number> = {
  title: 3,
  takeaway: 2,
  concepts: 2,
  text: 1,
  tags: 2,
  source: 1,
  ids: 2,
};

/** What a summary is searched by. */
function toDoc(l: ListedSummary): SummaryDoc {
  const s = l.row.summary;
  return {
    id: l.row.id,
    title: `${s.title ?? ''} ${s.journal ?? ''}`,
    takeaway: s.key_takeaway,
    concepts: s.concepts.map((c) => c.name).join(' ; '),
    text: [...s.caveats, ...s.key_findings, s.practice_relevance ?? '', s.body ?? ''].join('\n'),
    tags: (l.row.own?.tags ?? []).join(' ; '),
    source: `${l.packName} ${s.source?.name ?? ''}`,
    ids: [s.doi, s.pmid, s.pmcid].filter(Boolean).join(' '),
  };
}

/** Rows of every pack, each with its pack's name; the reader's own first, then by pack and title. */
export function listSummaries(packs: readonly Pack[], rows: readonly PackSummary[]): ListedSummary[] {
  const names = new Map(packs.map((p) => [p.id, p.name]));
  const listed: ListedSummary[] = [];
  for (const r of rows) {
    if (r.id === undefined) continue;
    listed.push({
      row: r as PackSummary & { id: number },
      packName: names.get(r.packId) ?? r.packId,
      own: r.packId === OWN_PACK_ID,
    });
  }
  const title = (s: Summary) => (s.title ?? s.doi ?? s.pmid ?? s.pmcid ?? '').toLowerCase();
  return listed.sort(
    (a, b) =>
      Number(b.own) - Number(a.own) ||
      // The reader's own: most recently changed first, as in their pack.
      (b.row.own?.updatedAt ?? 0) - (a.row.own?.updatedAt ?? 0) ||
      a.packName.localeCompare(b.packName) ||
      title(a.row.summary).localeCompare(title(b.row.summary)),
  );
}

export class SummarySearch {
  private index = new MiniSearch<SummaryDoc>({ fields: [...FIELDS], idField: 'id' });

  constructor(listed: readonly ListedSummary[]) {
    this.index.addAll(listed.map(toDoc));
  }

  /** Row ids matching every word of the query, best first; null when there is no query. */
  search(query: string): number[] | null {
    const q = queryTerms(query).join(' ');
    if (!q) return null;
    return this.index
      .search(q, {
        boost: BOOST,
        combineWith: 'AND',
        // As in the notes library (lib/extension/library/search.ts): a word of one or two letters
        // is an abbreviation meant exactly; typo tolerance only for long words.
        prefix: (term: string) => searchOptions(term).prefix,
        fuzzy: (term: string) => searchOptions(term).fuzzy,
      })
      .map((r) => r.id as number);
  }
}

export interface SummaryFilters {
  query: string;
  /** '' for every source, else a pack id (`OWN_PACK_ID` for the reader's own). */
  pack: string;
  /** '' for every study type. */
  studyType: string;
  /** '' for every summary; else only the reader's own summaries with this tag. */
  tag: string;
}

export const NO_FILTERS: SummaryFilters = { query: '', pack: '', studyType: '', tag: '' };

/** The summaries the filters keep: by rank when there is a query, else in the listing's order. */
export function filterSummaries(
  listed: readonly ListedSummary[],
  filters: SummaryFilters,
  search: SummarySearch,
): ListedSummary[] {
  const keep = (l: ListedSummary) =>
    (!filters.pack || l.row.packId === filters.pack) &&
    (!filters.studyType || l.row.summary.study_type === filters.studyType) &&
    (!filters.tag || (l.row.own?.tags.includes(filters.tag) ?? false));
  const ranked = search.search(filters.query);
  if (!ranked) return listed.filter(keep);
  const byId = new Map(listed.map((l) => [l.row.id, l]));
  const out: ListedSummary[] = [];
  for (const id of ranked) {
    const l = byId.get(id);
    if (l && keep(l)) out.push(l);
  }
  return out;
}
