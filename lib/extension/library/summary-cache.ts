/**
 * The summary of each noted paper, for the library: looked up by the background (which holds the
 * index and the packs) in batches, and cached per paper in the database so that opening the
 * library does not look up thousands of papers again. The cache is keyed by the index edition and
 * the installed packs: a new edition or pack refreshes it.
 */
import type { Pack, Paper, TakeawayDB } from '../db';
import type { PaperIds } from '../../shared/identify/types';
import { MAX_SUMMARY_BATCH, type Result } from '../../shared/protocol';
import type { SummaryHit } from '../../shared/summaries/schema';
import { summaryCacheTable, type CachedSummary, type Library, type PaperSummaryInfo } from './model';

/** Papers per message: the protocol's limit. */
export const SUMMARY_BATCH = MAX_SUMMARY_BATCH;

export function summaryInfo(hit: SummaryHit | null): PaperSummaryInfo | null {
  if (!hit) return null;
  const s = hit.summary;
  return {
    takeaway: s.key_takeaway,
    level: s.evidence_level,
    studyType: s.study_type,
    concepts: s.concepts.map((c) => c.name),
    origin: hit.origin,
  };
}

/** Background side: look up each paper (bundled index, then packs). */
export async function librarySummaries(
  index: { lookup(ids: PaperIds): Promise<SummaryHit | null> },
  papers: PaperIds[],
): Promise<(PaperSummaryInfo | null)[]> {
  const out: (PaperSummaryInfo | null)[] = [];
  // One at a time: the index reads shards on demand, and parallel reads of one shard waste work.
  for (const ids of papers) out.push(summaryInfo(await index.lookup(ids).catch(() => null)));
  return out;
}

export function paperIds(p: Paper): PaperIds {
  const ids: PaperIds = {};
  if (p.doi) ids.doi = p.doi;
  if (p.pmid) ids.pmid = p.pmid;
  if (p.pmcid) ids.pmcid = p.pmcid;
  if (p.title) ids.title = p.title.slice(0, 1000);
  return ids;
}

export function cacheSignature(edition: { edition: string; built: string } | null, packs: Pack[]): string {
  const p = packs
    .map((x) => `${x.id}@${x.importedAt}`)
    .sort()
    .join(',');
  return `${edition ? `${edition.edition}|${edition.built}` : 'none'}|${p}`;
}

export type LookupBatch = (papers: PaperIds[]) => Promise<Result<(PaperSummaryInfo | null)[]>>;

/** Papers whose cached summary is missing or stale. */
export function staleSummaries(lib: Library, cached: Map<number, CachedSummary>, sig: string): Paper[] {
  const out: Paper[] = [];
  for (const lp of lib.papers) {
    const c = cached.get(lp.paper.id);
    if (!c || c.sig !== sig || c.paperUpdatedAt !== lp.paper.updatedAt) out.push(lp.paper);
  }
  return out;
}

/**
 * Look up the stale papers batch by batch, storing each batch and reporting it so the page can
 * show takeaways as they arrive. Stops at the first failed batch (the next visit resumes).
 */
export async function refreshSummaries(
  db: TakeawayDB,
  stale: Paper[],
  sig: string,
  lookup: LookupBatch,
  onBatch: (rows: CachedSummary[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  const table = summaryCacheTable(db);
  for (let i = 0; i < stale.length; i += SUMMARY_BATCH) {
    if (signal?.aborted) return;
    const batch = stale.slice(i, i + SUMMARY_BATCH).filter((p) => Object.keys(paperIds(p)).length > 0);
    const r = await lookup(batch.map(paperIds));
    if (!r.ok) return;
    const rows: CachedSummary[] = batch.map((p, j) => ({
      paperId: p.id,
      sig,
      paperUpdatedAt: p.updatedAt,
      summary: r.value[j] ?? null,
    }));
    await table.bulkPut(rows);
    onBatch(rows);
  }
}
