/**
 * Full-text search over the library, one document per paper (title, takeaway, concepts, tags,
 * notes, highlights), ranked by MiniSearch's BM25 with field boosts: a word in the title or the
 * takeaway says more about what the paper is than the same word deep in a long note.
 */
import MiniSearch from 'minisearch';
import { packIndex, unpackIndex, type PackedIndex } from './search-pack';
import type { LibraryPaper } from './model';

export interface PaperDoc {
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
export function toDoc(lp: LibraryPaper): PaperDoc {
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

/** What the index is built with; a persisted index is only read back with the same. */
const OPTIONS = {
  fields: [...FIELDS],
  idField: 'id',
  // Edits leave removed papers' postings behind until a clean-up. It runs in one go (one batch as
  // large as the index) once a fifth of the papers were replaced: cleaned in batches with pauses,
  // a search in a pause removes postings under the clean-up's walk of the term tree, which then
  // fails (seen in the library worker after a kept index was read back and edited).
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: Number.MAX_SAFE_INTEGER, batchWait: 0 },
};

/** Names what a persisted index was built with: a different list of fields means a rebuild. */
export const INDEX_SHAPE = `minisearch-7-packed:${FIELDS.join(',')}`;

/**
 * The ranked index itself, over paper documents. It runs where it is put: in the library's search
 * worker (search-worker.ts), or in the page for tests and small libraries.
 */
export class LibrarySearch {
  private index = LibrarySearch.empty();

  private static empty(): MiniSearch<PaperDoc> {
    return new MiniSearch<PaperDoc>(OPTIONS);
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Edits that arrive while a new index is being built, applied to it once it is done. */
  private pending: Map<number, PaperDoc | null> | null = null;

  /** Index every paper, yielding between chunks so that searches and edits keep being answered. */
  async build(papers: readonly LibraryPaper[], signal?: AbortSignal): Promise<void> {
    return this.buildDocs(papers.map(toDoc), signal);
  }

  async buildDocs(docs: readonly PaperDoc[], signal?: AbortSignal): Promise<void> {
    const next = LibrarySearch.empty();
    this.pending = new Map();
    try {
      await next.addAllAsync(docs, { chunkSize: 50 });
      if (signal?.aborted) return;
      this.index = next;
      this.changed();
      for (const [id, doc] of this.pending) {
        if (doc) this.putDoc(doc);
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
    this.changed();
  }

  /** The index packed, to be kept and read back by `restore` on the next visit. */
  serialize(): PackedIndex {
    return packIndex(this.index);
  }

  /**
   * Read back a packed index, replacing this one. Throws on one that does not add up (a damaged
   * record): the caller then builds from the notes, which are the truth.
   */
  restore(packed: PackedIndex): void {
    const next = unpackIndex<PaperDoc>(packed, OPTIONS);
    this.index = next;
    this.changed();
  }

  /** Re-index one paper after an edit (or add it). */
  put(lp: LibraryPaper): void {
    this.putDoc(toDoc(lp));
  }

  putDoc(doc: PaperDoc): void {
    this.pending?.set(doc.id, doc);
    this.changed();
    if (this.index.has(doc.id)) this.index.replace(doc);
    else this.index.add(doc);
  }

  remove(paperId: number): void {
    this.pending?.set(paperId, null);
    this.changed();
    if (this.index.has(paperId)) this.index.discard(paperId);
  }

  /**
   * Each word's hits, kept while the index is unchanged: as the reader types "hazard ratio eld…",
   * only the word being typed is looked up again, the words before it come from here.
   */
  private words = new Map<string, WordHits>();

  private changed(): void {
    if (this.words.size) this.words = new Map();
    if (this.terms.size) this.terms = new Map();
    this.termEntries = 0;
  }

  /**
   * Each term of the index a word expands to (itself, the terms it begins, the terms one letter
   * away), scored at weight 1 and kept while the index is unchanged. A word's score is linear in
   * each term's weight, so typing "haz", "haza", "hazar" scores "hazard" once and then only
   * reweights it.
   */
  private terms = new Map<string, WordHits>();
  private termEntries = 0;

  private termHits(term: string, data: unknown, inside: Scoring): WordHits {
    let hits = this.terms.get(term);
    if (hits) return hits;
    hits = inside.termResults(term, term, 1, 1, data, FIELD_BOOSTS, undefined, BM25) as WordHits;
    this.terms.set(term, hits);
    this.termEntries += hits.size;
    // Within a budget of entries (a common word holds one per paper): the oldest terms go first.
    for (const [old, oldHits] of this.terms) {
      if (this.termEntries <= TERM_ENTRIES_KEPT || old === term) break;
      this.terms.delete(old);
      this.termEntries -= oldHits.size;
    }
    return hits;
  }

  private wordHits(word: string): WordHits {
    let hits = this.words.get(word);
    if (hits) {
      // Most recently used last, so the oldest is the first to go.
      this.words.delete(word);
      this.words.set(word, hits);
      return hits;
    }
    // MiniSearch's own scoring of one query word (executeQuerySpec), term by term: the word
    // itself at weight 1, the terms it begins at the prefix weight, those one letter off at the
    // fuzzy weight; each term's hits come from the cache above.
    const inside = this.index as unknown as Scoring;
    const o = searchOptions(word);
    const parts: Array<[WordHits, number]> = [];
    const exact = inside._index.get(word);
    if (exact) parts.push([this.termHits(word, exact, inside), 1]);
    const fuzzyMatches =
      o.fuzzy !== false ? inside._index.fuzzyGet(word, Math.min(MAX_FUZZY, o.fuzzy)) : undefined;
    if (o.prefix) {
      for (const [term, data] of inside._index.atPrefix(word)) {
        const distance = term.length - word.length;
        if (!distance) continue;
        fuzzyMatches?.delete(term);
        parts.push([
          this.termHits(term, data, inside),
          (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance),
        ]);
      }
    }
    if (fuzzyMatches) {
      for (const [term, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        parts.push([
          this.termHits(term, data, inside),
          (FUZZY_WEIGHT * term.length) / (term.length + distance),
        ]);
      }
    }
    hits = new Map();
    for (const [part, weight] of parts) {
      for (const [short, r] of part) {
        const id = inside._documentIds.get(short);
        if (id === undefined) continue;
        const had = hits.get(id);
        if (had) {
          had.score += weight * r.score;
          Object.assign(had.match, r.match);
        } else hits.set(id, { score: weight * r.score, match: { ...r.match } });
      }
    }
    this.words.set(word, hits);
    if (this.words.size > WORDS_KEPT) this.words.delete(this.words.keys().next().value!);
    return hits;
  }

  /**
   * Papers matching every word of the query (the last one as a prefix, as the reader types), best
   * first. Ranked as MiniSearch ranks an AND query (the sum of each word's BM25 score, times the
   * number of words), but from each word's own hits, which are kept between keystrokes. Only the
   * best hits carry the words they matched (what the page marks); the rest carry none.
   */
  search(query: string): SearchHit[] {
    const words = [
      ...new Set(
        tokenize(queryTerms(query).join(' '))
          .map((t) => processTerm(t))
          .filter((t): t is string => typeof t === 'string' && t !== ''),
      ),
    ];
    if (words.length === 0) return [];
    const lists = words.map((w) => this.wordHits(w)).sort((a, b) => a.size - b.size);
    const [first, ...rest] = lists;
    const ids: number[] = [];
    const scores: number[] = [];
    outer: for (const [id, hit] of first!) {
      let score = hit.score;
      for (const other of rest) {
        const h = other.get(id);
        if (!h) continue outer;
        score += h.score;
      }
      ids.push(id);
      scores.push(score * words.length);
    }
    const order = Uint32Array.from(ids.keys()).sort((a, b) => scores[b]! - scores[a]!);
    const out: SearchHit[] = new Array<SearchHit>(order.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const id = ids[i]!;
      let terms: string[] = NO_TERMS;
      if (k < MARKED_HITS) {
        const seen = new Set<string>();
        for (const list of lists) for (const t of Object.keys(list.get(id)!.match)) seen.add(t);
        terms = [...seen];
      }
      out[k] = { id, score: scores[i]!, terms };
    }
    return out;
  }
}

/** One word's hits: paper id → its score and the document words that matched it. */
type WordHits = Map<number, { score: number; match: Record<string, unknown> }>;

/** The part of MiniSearch this reads (the fields and methods its own search uses, version 7.2). */
interface Scoring {
  _index: {
    get(term: string): unknown;
    atPrefix(prefix: string): Iterable<[string, unknown]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
  };
  _documentIds: Map<number, number>;
  termResults(
    sourceTerm: string,
    derivedTerm: string,
    termWeight: number,
    termBoost: number,
    fieldTermData: unknown,
    fieldBoosts: Record<string, number>,
    boostDocument: undefined,
    bm25: { k: number; b: number; d: number },
  ): Map<number, { score: number; terms: string[]; match: Record<string, unknown> }>;
}

/** MiniSearch's defaults for what the index is searched with (it is given no other). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Every field's boost, as MiniSearch's search spells them out before scoring. */
const FIELD_BOOSTS: Record<string, number> = Object.fromEntries(FIELDS.map((f) => [f, BOOST[f] ?? 1]));
/** Hits kept for index terms, counted in papers (a few common words at 50,000 notes: ~10 MB). */
const TERM_ENTRIES_KEPT = 120_000;

/** How many of the best hits carry the words they matched. */
const MARKED_HITS = 200;
const NO_TERMS: string[] = [];

/** Words whose hits are kept between keystrokes (a few queries' worth). */
const WORDS_KEPT = 8;
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string | null | undefined;

/**
 * The library's search as the page uses it: every answer asynchronous, so that the index can live
 * in a worker (search-engines.ts) and the page never waits for a build, a load or a save of it.
 */
export interface SearchEngine {
  /**
   * Load the index kept by the last visit from the notes database named `dbName`; resolves to its
   * stamps ([paper id, stamp]), or null when there is none readable (then build).
   */
  restoreKept(dbName: string): Promise<Array<[number, string]> | null>;
  /** Write the index out for the next visit, with the stamps of what it holds. */
  keep(dbName: string, stamps: Array<[number, string]>): Promise<boolean>;
  /** Index these papers from scratch (the index in use answers until the new one is done). */
  build(papers: readonly LibraryPaper[]): Promise<void>;
  put(lp: LibraryPaper): void;
  remove(paperId: number): void;
  /** Ranked hits; null when a later query replaced this one before it was answered. */
  search(query: string): Promise<SearchHit[] | null>;
  dispose(): void;
}
