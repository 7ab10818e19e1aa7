import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TakeawayDB } from '../../lib/db';
import {
  indexLibrary,
  libraryPaper,
  loadLibrary,
  summaryCacheTable,
  type CachedSummary,
  type Library,
  type LibraryPaper,
} from '../../lib/library/model';
import { LibrarySearch } from '../../lib/library/search';
import {
  cacheSignature,
  refreshSummaries,
  staleSummaries,
  type LookupBatch,
} from '../../lib/library/summaries';

/** How the page reaches the background for summaries (injected, so component tests need no worker). */
export interface SummarySource {
  lookup: LookupBatch;
  edition: () => Promise<{ edition: string; built: string } | null>;
}

export interface LibraryState {
  lib: Library | undefined;
  search: LibrarySearch;
  /** False while the search index is being built after the first screen. */
  searchReady: boolean;
  /** Bumped whenever the search index changes, so results are recomputed. */
  searchVersion: number;
}

interface TableMark {
  count: number;
  last: number;
}

interface Marks {
  papers: TableMark;
  notes: TableMark;
  highlights: TableMark;
}

async function marks(db: TakeawayDB): Promise<Marks> {
  const mark = async (t: TakeawayDB['papers'] | TakeawayDB['notes'] | TakeawayDB['highlights']) => {
    const [count, last] = await Promise.all([
      t.count(),
      (t as TakeawayDB['notes']).orderBy('updatedAt').last() as Promise<{ updatedAt: number } | undefined>,
    ]);
    return { count, last: last?.updatedAt ?? 0 };
  };
  const [papers, notes, highlights] = await Promise.all([
    mark(db.papers),
    mark(db.notes),
    mark(db.highlights),
  ]);
  return { papers, notes, highlights };
}

/**
 * The whole library in memory, kept current: it is read once, then follows writes from any tab
 * by re-reading only the papers whose notes, highlights or record changed (found through the
 * `updatedAt` indexes). A change that removes records (two papers merged, an import) reads
 * everything again. Summaries are filled in from the cache, then from the background for papers
 * the cache does not know.
 */
export function useLibrary(db: TakeawayDB, summaries: SummarySource | null): LibraryState {
  const [lib, setLib] = useState<Library | undefined>(undefined);
  const [searchReady, setSearchReady] = useState(false);
  const [searchVersion, setSearchVersion] = useState(0);
  const search = useRef(new LibrarySearch()).current;
  const libRef = useRef<Library | undefined>(undefined);
  const seen = useRef<Marks | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const signal = abort.signal;
    let busy: Promise<void> = Promise.resolve();
    const publish = (next: Library) => {
      libRef.current = next;
      setLib(next);
    };

    const fillSummaries = async () => {
      if (!summaries || signal.aborted) return;
      const current = libRef.current;
      if (!current) return;
      const [edition, packs, cached] = await Promise.all([
        summaries.edition().catch(() => null),
        db.packs.toArray(),
        summaryCacheTable(db).toArray(),
      ]);
      const sig = cacheSignature(edition, packs);
      const stale = staleSummaries(current, new Map(cached.map((c) => [c.paperId, c])), sig);
      await refreshSummaries(
        db,
        stale,
        sig,
        summaries.lookup,
        (rows: CachedSummary[]) => {
          const now = libRef.current;
          if (!now || signal.aborted) return;
          const byId = new Map(now.byId);
          for (const r of rows) {
            const lp = byId.get(r.paperId);
            if (!lp) continue;
            const next: LibraryPaper = { ...lp, summary: r.summary };
            byId.set(r.paperId, next);
            search.put(next);
          }
          publish(indexLibrary(now.papers.map((p) => byId.get(p.paper.id) ?? p)));
          setSearchVersion((v) => v + 1);
        },
        signal,
      );
    };

    const fullLoad = async () => {
      const m = await marks(db);
      const next = await loadLibrary(db);
      if (signal.aborted) return;
      seen.current = m;
      publish(next);
      // The first screen is on its way; index for search in chunks after it.
      await new Promise((r) => setTimeout(r, 0));
      await search.build(next.papers, signal);
      if (signal.aborted) return;
      setSearchReady(true);
      setSearchVersion((v) => v + 1);
      await fillSummaries();
    };

    /** Re-read the papers touched since the last marks. */
    const update = async (m: Marks) => {
      const prev = seen.current;
      const current = libRef.current;
      if (!prev || !current) return;
      if (
        m.papers.count < prev.papers.count ||
        m.notes.count < prev.notes.count ||
        m.highlights.count < prev.highlights.count
      ) {
        seen.current = m;
        const next = await loadLibrary(db);
        if (signal.aborted) return;
        publish(next);
        search.buildNow(next.papers);
        setSearchVersion((v) => v + 1);
        return;
      }
      const [notes, highlights, papers] = await Promise.all([
        db.notes.where('updatedAt').aboveOrEqual(prev.notes.last).toArray(),
        db.highlights.where('updatedAt').aboveOrEqual(prev.highlights.last).toArray(),
        db.papers.where('updatedAt').aboveOrEqual(prev.papers.last).toArray(),
      ]);
      seen.current = m;
      const ids = new Set<number>([
        ...notes.map((n) => n.paperId),
        ...highlights.map((h) => h.paperId),
        ...papers.map((p) => p.id),
      ]);
      if (ids.size === 0) return;
      const cache = summaryCacheTable(db);
      const fresh = await Promise.all(
        [...ids].map(async (id) => {
          const [paper, ns, hs, cached] = await Promise.all([
            db.papers.get(id),
            db.notes.where('paperId').equals(id).toArray(),
            db.highlights.where('paperId').equals(id).toArray(),
            cache.get(id),
          ]);
          return {
            id,
            lp: paper
              ? libraryPaper(paper, ns, hs, cached?.summary ?? current.byId.get(id)?.summary ?? null)
              : null,
          };
        }),
      );
      if (signal.aborted) return;
      const byId = new Map(current.byId);
      const order = current.papers.map((p) => p.paper.id);
      for (const { id, lp } of fresh) {
        const shown = lp && (lp.notes.length > 0 || lp.highlights.length > 0);
        if (shown) {
          if (!byId.has(id)) order.push(id);
          byId.set(id, lp);
          search.put(lp);
        } else {
          byId.delete(id);
          search.remove(id);
        }
      }
      publish(indexLibrary(order.flatMap((id) => byId.get(id) ?? [])));
      setSearchVersion((v) => v + 1);
      if (papers.length) await fillSummaries();
    };

    busy = fullLoad().catch((e: unknown) => console.error('Takeaway: library failed to load', e));
    const sub = liveQuery(() => marks(db)).subscribe({
      next: (m) => {
        busy = busy
          .then(() => (seen.current ? update(m) : undefined))
          .catch((e: unknown) => console.error('Takeaway: library update failed', e));
      },
      error: (e: unknown) => console.error('Takeaway: library watch failed', e),
    });
    return () => {
      abort.abort();
      sub.unsubscribe();
    };
  }, [db]);

  return { lib, search, searchReady, searchVersion };
}
