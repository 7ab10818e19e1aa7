import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TakeawayDB } from '../../db';
import {
  buildLibrary,
  indexLibrary,
  libraryPaper,
  loadRecentLibrary,
  readLibraryTablesInChunks,
  summaryCacheTable,
  type CachedSummary,
  type Library,
  type LibraryPaper,
} from '../../library/model';
import { LibrarySearch } from '../../library/search';
import {
  cacheSignature,
  refreshSummaries,
  staleSummaries,
  type LookupBatch,
} from '../../library/summary-cache';

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

    const fillOnce = async () => {
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

    // One refresh at a time: a second request waits and then finds only what is still stale.
    let filling: Promise<void> = Promise.resolve();
    const fillSummaries = () => {
      filling = filling
        .then(fillOnce)
        .catch((e: unknown) => console.error('Takeaway: summaries failed to load', e));
      return filling;
    };

    const fullLoad = async () => {
      performance.mark('takeaway:library-start');
      // First screen from the indexes; the whole library follows.
      const recent = await loadRecentLibrary(db);
      if (signal.aborted) return;
      performance.mark('takeaway:library-recent');
      publish(recent);
      // Let the first screen paint before the long read.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      // Changes from here on are picked up by `update`: it re-reads everything changed after `m`.
      const m = await marks(db);
      watch();
      const tables = await readLibraryTablesInChunks(db);
      performance.mark('takeaway:library-read');
      const next = buildLibrary(tables);
      performance.mark('takeaway:library-built');
      if (signal.aborted) return;
      seen.current = m;
      publish(next);
      // Indexing and summaries run beside later updates, not before them: an edit made while
      // they run must show at once (the index applies it when its build is done).
      void indexThenFill(next);
    };

    const indexThenFill = async (next: Library) => {
      try {
        await new Promise((r) => setTimeout(r, 0));
        await search.build(next.papers, signal);
        performance.mark('takeaway:library-search-ready');
        if (signal.aborted) return;
        setSearchReady(true);
        setSearchVersion((v) => v + 1);
        await fillSummaries();
      } catch (e) {
        console.error('Takeaway: library index failed', e);
      }
    };

    /** Re-read the papers touched since the last marks. */
    let emissions = 0;
    const same = (a: Marks, b: Marks) =>
      (['papers', 'notes', 'highlights'] as const).every(
        (t) => a[t].count === b[t].count && a[t].last === b[t].last,
      );
    const update = async (m: Marks) => {
      const prev = seen.current;
      const current = libRef.current;
      if (!prev || !current) return;
      emissions++;
      if (emissions === 1 && same(m, prev)) return; // the watch's first answer: nothing changed
      // Rows removed (a merge, an import), or a change the marks cannot place (a record written
      // with a clock behind the newest one): read everything again.
      if (
        same(m, prev) ||
        m.papers.count < prev.papers.count ||
        m.notes.count < prev.notes.count ||
        m.highlights.count < prev.highlights.count
      ) {
        seen.current = m;
        const next = buildLibrary(await readLibraryTablesInChunks(db));
        if (signal.aborted) return;
        publish(next);
        await search.build(next.papers, signal);
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
      // An import or a sync of many papers: one read of everything beats a query per paper.
      if (ids.size > 200) {
        const next = buildLibrary(await readLibraryTablesInChunks(db));
        if (signal.aborted) return;
        publish(next);
        await search.build(next.papers, signal);
        setSearchVersion((v) => v + 1);
        if (papers.length) await fillSummaries();
        return;
      }
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
      // Summaries may have arrived while reading: build on the latest library.
      const latest = libRef.current ?? current;
      const byId = new Map(latest.byId);
      const order = latest.papers.map((p) => p.paper.id);
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

    let sub: { unsubscribe(): void } | null = null;
    /** Follow writes from any tab, once the library is loading (not before: the first screen comes first). */
    function watch() {
      if (sub || signal.aborted) return;
      sub = liveQuery(() => marks(db)).subscribe({
        next: (m) => {
          busy = busy
            .then(() => (seen.current ? update(m) : undefined))
            .catch((e: unknown) => console.error('Takeaway: library update failed', e));
        },
        error: (e: unknown) => console.error('Takeaway: library watch failed', e),
      });
    }
    busy = fullLoad().catch((e: unknown) => console.error('Takeaway: library failed to load', e));
    return () => {
      abort.abort();
      sub?.unsubscribe();
    };
  }, [db]);

  return { lib, search, searchReady, searchVersion };
}
