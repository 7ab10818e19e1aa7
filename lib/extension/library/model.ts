/**
 * The notes library as the review page holds it in memory: every paper with live notes or
 * highlights, with its cached summary, tags and last activity. Built from one read of the tables,
 * so the page can search, filter and sort tens of thousands of notes without touching IndexedDB
 * on each keystroke.
 */
import type { Table } from 'dexie';
import type { CachedSummary, Highlight, Note, Paper, PaperSummaryInfo, TakeawayDB } from '../db';

export type { CachedSummary, PaperSummaryInfo };

export function summaryCacheTable(db: TakeawayDB): Table<CachedSummary, number> {
  return db.summaryCache;
}

export interface LibraryPaper {
  paper: Paper;
  /** Live notes with text or tags, oldest first. */
  notes: Note[];
  /** Live highlights, in reading order where known. */
  highlights: Highlight[];
  summary: PaperSummaryInfo | null;
  /** Every tag of the paper's notes. */
  tags: string[];
  /** Latest change to a note or highlight of the paper. */
  lastActivity: number;
  /** Lower-cased title for sorting, computed once. */
  sortTitle: string;
}

export interface Library {
  /**
   * True for the first screen: only the most recently worked-on papers, read through the
   * `updatedAt` indexes while the whole library is still loading.
   */
  partial?: boolean;
  papers: LibraryPaper[];
  byId: Map<number, LibraryPaper>;
  /** Tag → number of papers carrying it. */
  tags: Map<string, number>;
  /** Concept → number of papers whose summary carries it. */
  concepts: Map<string, number>;
  noteCount: number;
  highlightCount: number;
}

export function paperTitle(p: Paper): string {
  return p.title ?? (p.doi ? `DOI ${p.doi}` : p.pmid ? `PMID ${p.pmid}` : (p.pmcid ?? 'Untitled paper'));
}

/** A note counts for the library when it says something: text or at least one tag. */
export function isLiveNote(n: Note): boolean {
  return n.deletedAt === undefined && (n.body.trim() !== '' || n.tags.length > 0);
}

function byReadingOrder(a: Highlight, b: Highlight): number {
  return (a.position?.start ?? Infinity) - (b.position?.start ?? Infinity) || a.createdAt - b.createdAt;
}

export function libraryPaper(
  paper: Paper,
  notes: Note[],
  highlights: Highlight[],
  summary: PaperSummaryInfo | null,
): LibraryPaper {
  const liveNotes = notes.filter(isLiveNote).sort((a, b) => a.createdAt - b.createdAt);
  const liveHighlights = highlights.filter((h) => h.deletedAt === undefined).sort(byReadingOrder);
  const tags = new Set<string>();
  let last = 0;
  for (const n of liveNotes) {
    for (const t of n.tags) tags.add(t);
    if (n.updatedAt > last) last = n.updatedAt;
  }
  for (const h of liveHighlights) if (h.updatedAt > last) last = h.updatedAt;
  return {
    paper,
    notes: liveNotes,
    highlights: liveHighlights,
    summary,
    tags: [...tags],
    lastActivity: last,
    sortTitle: paperTitle(paper).toLowerCase(),
  };
}

export interface LibraryTables {
  papers: Paper[];
  notes: Note[];
  highlights: Highlight[];
  summaries: CachedSummary[];
}

/** Build the library from table contents (pure: the unit tests and the benchmark call it directly). */
export function buildLibrary(t: LibraryTables): Library {
  const notesBy = new Map<number, Note[]>();
  for (const n of t.notes) {
    if (!isLiveNote(n)) continue;
    const list = notesBy.get(n.paperId);
    if (list) list.push(n);
    else notesBy.set(n.paperId, [n]);
  }
  const hlBy = new Map<number, Highlight[]>();
  for (const h of t.highlights) {
    if (h.deletedAt !== undefined) continue;
    const list = hlBy.get(h.paperId);
    if (list) list.push(h);
    else hlBy.set(h.paperId, [h]);
  }
  const sumBy = new Map(t.summaries.map((s) => [s.paperId, s.summary]));
  const papers: LibraryPaper[] = [];
  for (const p of t.papers) {
    const notes = notesBy.get(p.id);
    const hls = hlBy.get(p.id);
    if (!notes && !hls) continue;
    papers.push(libraryPaper(p, notes ?? [], hls ?? [], sumBy.get(p.id) ?? null));
  }
  return indexLibrary(papers);
}

/** Counts and lookups over a list of library papers. */
export function indexLibrary(papers: LibraryPaper[]): Library {
  const tags = new Map<string, number>();
  const concepts = new Map<string, number>();
  let noteCount = 0;
  let highlightCount = 0;
  for (const lp of papers) {
    noteCount += lp.notes.length;
    highlightCount += lp.highlights.length;
    for (const t of lp.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
    for (const c of lp.summary?.concepts ?? []) concepts.set(c, (concepts.get(c) ?? 0) + 1);
  }
  return {
    papers,
    byId: new Map(papers.map((p) => [p.paper.id, p])),
    tags,
    concepts,
    noteCount,
    highlightCount,
  };
}

/** Read every table the library shows, in one transaction so the picture is consistent. */
export async function readLibraryTables(db: TakeawayDB): Promise<LibraryTables> {
  const cache = summaryCacheTable(db);
  return db.transaction('r', [db.papers, db.notes, db.highlights, cache], async () => {
    const [papers, notes, highlights, summaries] = await Promise.all([
      db.papers.toArray(),
      db.notes.toArray(),
      db.highlights.toArray(),
      cache.toArray(),
    ]);
    return { papers, notes, highlights, summaries };
  });
}

export async function loadLibrary(db: TakeawayDB): Promise<Library> {
  return buildLibrary(await readLibraryTables(db));
}

/** Rows per read when the whole library is loaded in pieces. */
const CHUNK = 5000;

async function readInChunks<T extends { id: K }, K extends string | number>(
  table: Table<T, K>,
): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const last = out.at(-1)?.id;
    const chunk =
      last === undefined
        ? await table.orderBy(':id').limit(CHUNK).toArray()
        : await table.where(':id').above(last).limit(CHUNK).toArray();
    for (const r of chunk) out.push(r);
    if (chunk.length < CHUNK) return out;
  }
}

/**
 * Every table the library shows, read in pieces of a few thousand rows: one read of 50,000 notes
 * holds the page's main thread for the whole of its decoding, pieces let it draw and scroll in
 * between. The pieces are not one transaction; the caller notes the tables' last change before
 * reading and re-reads anything changed since (components/library/use-library.ts).
 */
export async function readLibraryTablesInChunks(db: TakeawayDB): Promise<LibraryTables> {
  const [papers, notes, highlights, summaries] = await Promise.all([
    readInChunks(db.papers as unknown as Table<Paper, number>),
    readInChunks(db.notes as unknown as Table<Note, string>),
    readInChunks(db.highlights as unknown as Table<Highlight, string>),
    summaryCacheTable(db).toArray(),
  ]);
  return { papers, notes, highlights, summaries };
}

/**
 * The first screen: the `limit` papers most recently worked on, found through the `updatedAt`
 * indexes without reading the rest of the library.
 */
export async function loadRecentLibrary(db: TakeawayDB, limit = 60): Promise<Library> {
  const cache = summaryCacheTable(db);
  return db.transaction('r', [db.papers, db.notes, db.highlights, cache], async () => {
    const seen = new Map<number, number>();
    const take = (n: Note) => {
      if (isLiveNote(n) && !seen.has(n.paperId)) seen.set(n.paperId, n.updatedAt);
    };
    // One read of the newest notes finds the recent papers of most libraries at once (a cursor
    // costs a round trip to the database per note); a library with many notes on few papers
    // walks on with the cursor.
    const newest = await db.notes
      .orderBy('updatedAt')
      .reverse()
      .limit(limit * 10)
      .toArray();
    for (const n of newest) take(n);
    if (seen.size < limit && newest.length === limit * 10) {
      await db.notes
        .orderBy('updatedAt')
        .reverse()
        .until(() => seen.size >= limit)
        .each(take);
    }
    const hl = await db.highlights
      .orderBy('updatedAt')
      .reverse()
      .limit(limit * 2)
      .toArray();
    for (const h of hl)
      if (h.deletedAt === undefined && !seen.has(h.paperId)) seen.set(h.paperId, h.updatedAt);
    const ids = [...seen.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => id);
    return { ...(await readPapers(db, ids)), partial: true };
  });
}

async function readPapers(db: TakeawayDB, ids: readonly number[]): Promise<Library> {
  const cache = summaryCacheTable(db);
  // One index read per paper, all sent at once: `anyOf` walks a cursor, a round trip per row.
  const [papers, notes, highlights, summaries] = await Promise.all([
    db.papers.bulkGet([...ids]),
    Promise.all(ids.map((id) => db.notes.where('paperId').equals(id).toArray())),
    Promise.all(ids.map((id) => db.highlights.where('paperId').equals(id).toArray())),
    cache.bulkGet([...ids]),
  ]);
  return buildLibrary({
    papers: papers.filter((p): p is Paper => p !== undefined),
    notes: notes.flat(),
    highlights: highlights.flat(),
    summaries: summaries.filter((c): c is CachedSummary => c !== undefined),
  });
}

/**
 * These papers alone, with their notes, highlights and cached summaries: the best hits of a search
 * made before the whole library is loaded. Papers without live notes or highlights are left out.
 */
export async function loadLibraryPapers(db: TakeawayDB, ids: readonly number[]): Promise<Library> {
  const cache = summaryCacheTable(db);
  return db.transaction('r', [db.papers, db.notes, db.highlights, cache], () => readPapers(db, ids));
}
