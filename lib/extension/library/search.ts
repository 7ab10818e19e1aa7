/**
 * Full-text search over the library, one document per paper (title, takeaway, concepts, tags,
 * notes, highlights), ranked by MiniSearch's BM25 with field boosts: a word in the title or the
 * takeaway says more about what the paper is than the same word deep in a long note.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { LibraryPaper } from './model';

interface PaperDoc {
  id: number;
  title: string;
  takeaway: string;
  concepts: string;
  tags: string;
  notes: string;
  highlights: string;
  ids: string;
}

const FIELDS = ['title', 'takeaway', 'concepts', 'tags', 'notes', 'highlights', 'ids'] as const;

const BOOST: Record<(typeof FIELDS)[number], number> = {
  title: 3,
  takeaway: 2,
  concepts: 2,
  tags: 2,
  notes: 1,
  highlights: 1,
  ids: 2,
};

/**
 * The one description of what a paper is searched by: the index and the plain scan that answers
 * while the index is built both read it, so the two can never disagree about a field.
 */
function toDoc(lp: LibraryPaper): PaperDoc {
  const p = lp.paper;
  return {
    id: p.id,
    title: `${p.title ?? ''} ${p.journal ?? ''}`,
    takeaway: lp.summary?.takeaway ?? '',
    concepts: lp.summary?.concepts.join(' ; ') ?? '',
    tags: lp.tags.join(' ; '),
    notes: lp.notes.map((n) => n.body).join('\n'),
    highlights: lp.highlights.map((h) => `${h.quote.exact} ${h.comment ?? ''}`).join('\n'),
    ids: [p.doi, p.pmid, p.pmcid].filter(Boolean).join(' '),
  };
}

export interface SearchHit {
  id: number;
  score: number;
  /** The words of the paper that matched, for marking them. */
  terms: string[];
}

/**
 * Prefix matching from the third letter on: a one- or two-letter prefix matches a large part of
 * the vocabulary and costs tens of milliseconds per keystroke at 50,000 notes, while a short word
 * typed alone is usually an abbreviation (AF, MI, ED) meant exactly. Typo tolerance only for longer
 * words, where a one-letter slip is likely and the fuzzy walk of the term tree stays cheap.
 */
export function searchOptions(term: string): { prefix: boolean; fuzzy: number | false } {
  return { prefix: term.length >= 3, fuzzy: term.length >= 6 ? 1 : false };
}

/**
 * The words to look for. A last word of one or two letters after others is still being typed:
 * it is left out until it says more, instead of emptying the results for a keystroke.
 */
export function queryTerms(query: string): string[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  if (words.length > 1 && last !== undefined && last.length < 3) words.pop();
  return words;
}

/** Each paper's searchable text, lower-cased once, for the plain scan. */
const scanTexts = new WeakMap<LibraryPaper, string>();

function scanText(lp: LibraryPaper): string {
  let text = scanTexts.get(lp);
  if (text === undefined) {
    const doc = toDoc(lp);
    text = FIELDS.map((f) => doc[f])
      .join('\n')
      .toLowerCase();
    scanTexts.set(lp, text);
  }
  return text;
}

/**
 * Papers holding every word of the query, in the library's order: what the library answers in the
 * first seconds of a large library, while the index is still being built.
 */
export function scanLibrary(papers: readonly LibraryPaper[], query: string): SearchHit[] {
  const words = queryTerms(query).map((w) => w.toLowerCase());
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const lp of papers) {
    const text = scanText(lp);
    if (words.every((w) => text.includes(w))) hits.push({ id: lp.paper.id, score: 1, terms: words });
  }
  return hits;
}

export class LibrarySearch {
  private index = LibrarySearch.empty();

  private static empty(): MiniSearch<PaperDoc> {
    return new MiniSearch<PaperDoc>({
      fields: [...FIELDS],
      idField: 'id',
      // Removals happen one paper at a time (an edit): clean up in the background, never all at once.
      autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 10 },
    });
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Edits that arrive while a new index is being built, applied to it once it is done. */
  private pending: Map<number, LibraryPaper | null> | null = null;

  /** Index every paper, yielding to the page between chunks so the first screen stays responsive. */
  async build(papers: readonly LibraryPaper[], signal?: AbortSignal): Promise<void> {
    const next = LibrarySearch.empty();
    this.pending = new Map();
    try {
      await next.addAllAsync(papers.map(toDoc), { chunkSize: 50 });
      if (signal?.aborted) return;
      this.index = next;
      for (const [id, lp] of this.pending) {
        if (lp) this.put(lp);
        else this.remove(id);
      }
    } finally {
      this.pending = null;
    }
  }

  /** Synchronous build, for tests and small libraries. */
  buildNow(papers: readonly LibraryPaper[]): void {
    const next = LibrarySearch.empty();
    next.addAll(papers.map(toDoc));
    this.index = next;
  }

  /** Re-index one paper after an edit (or add it). */
  put(lp: LibraryPaper): void {
    this.pending?.set(lp.paper.id, lp);
    if (this.index.has(lp.paper.id)) this.index.replace(toDoc(lp));
    else this.index.add(toDoc(lp));
  }

  remove(paperId: number): void {
    this.pending?.set(paperId, null);
    if (this.index.has(paperId)) this.index.discard(paperId);
  }

  /** Papers matching every word of the query (the last one as a prefix, as the reader types), best first. */
  search(query: string): SearchHit[] {
    const q = queryTerms(query).join(' ');
    if (!q) return [];
    const results: SearchResult[] = this.index.search(q, {
      boost: BOOST,
      combineWith: 'AND',
      prefix: (term: string) => searchOptions(term).prefix,
      fuzzy: (term: string) => searchOptions(term).fuzzy,
    });
    return results.map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));
  }
}
