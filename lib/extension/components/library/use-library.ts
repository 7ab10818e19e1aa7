import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TakeawayDB } from '../../db';
import {
  buildLibrary,
  indexLibrary,
  libraryPaper,
  loadLibraryPapers,
  loadRecentLibrary,
  readLibraryTablesInChunks,
  summaryCacheTable,
  type CachedSummary,
  type Library,
  type LibraryPaper,
} from '../../library/model';
import type { SearchEngine } from '../../library/search';
import { paperStamp, staleSince } from '../../library/search-store';
import { createSearchEngine } from '../../library/search-engines';
import { readFirstScreen, writeFirstScreen } from '../../library/first-screen';
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
  search: SearchEngine;
  /** False until the search index answers: read back from the last visit, or built. */
  searchReady: boolean;
  /** Bumped whenever the search index changes, so results are recomputed. */
  searchVersion: number;
  /**
   * While only the first screen is loaded, read these papers too (the best hits of a search), so
   * that a search in the first second shows its ranked results before the rest of the library.
   */
  hydrate: (ids: readonly number[]) => void;
}

/** How long the index waits after its last change before it is written out for the next visit. */
const KEEP_AFTER_MS = 3000;

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
export function useLibrary(
  db: TakeawayDB,
  summaries: SummarySource | null,
  engine: () => SearchEngine = createSearchEngine,
): LibraryState {
  // The rows the reader saw last time, at the first paint; the database's own follow at once.
  const [lib, setLib] = useState<Library | undefined>(() => readFirstScreen() ?? undefined);
  const [searchReady, setSearchReady] = useState(false);
  const [searchVersion, setSearchVersion] = useState(0);
  const searchRef = useRef<SearchEngine | null>(null);
  const search = (searchRef.current ??= engine());
  const libRef = useRef<Library | undefined>(undefined);
  const seen = useRef<Marks | null>(null);
  const hydrateRef = useRef<(ids: readonly number[]) => void>(() => {});

  useEffect(() => {
    const abort = new AbortController();
    const signal = abort.signal;
    let busy: Promise<void> = Promise.resolve();
    let screenTimer: ReturnType<typeof setTimeout> | undefined;
    const publish = (next: Library) => {
      libRef.current = next;
      setLib(next);
      // Keep the first screen for the next opening, once the library is read and then as it changes.
      if (!next.partial) {
        clearTimeout(screenTimer);
        screenTimer = setTimeout(() => writeFirstScreen(next), 1000);
      }
    };

    // Writing the index out for the next visit: once the whole library is indexed, then a few
    // seconds after the last change. The stamps are taken when the worker is asked, so they
    // describe exactly the edits sent before (the worker handles requests in order).
    let keepAllowed = false;
    let keepTimer: ReturnType<typeof setTimeout> | undefined;
    let keeping = false;
    const keepSoon = () => {
      if (!keepAllowed || signal.aborted) return;
      clearTimeout(keepTimer);
      keepTimer = setTimeout(() => void keep(), KEEP_AFTER_MS);
    };
    const keep = async () => {
      const current = libRef.current;
      if (!current || current.partial || signal.aborted) return;
      if (keeping) return keepSoon();
      keeping = true;
      try {
        const stamps = current.papers.map((lp): [number, string] => [lp.paper.id, paperStamp(lp)]);
        const t0 = performance.now();
        if (await search.keep(db.name, stamps))
          performance.mark('takeaway:library-search-kept', { detail: { ms: performance.now() - t0 } });
      } catch (e) {
        console.warn('Takeaway: the search index was not kept', e);
      } finally {
        keeping = false;
      }
    };
    const changed = () => {
      setSearchVersion((v) => v + 1);
      keepSoon();
    };

    // Papers read for a search's best hits while the library is still loading.
    const hydrating = new Set<number>();
    hydrateRef.current = (ids) => {
      const current = libRef.current;
      if (!current?.partial) return;
      const missing = ids.filter((id) => !current.byId.has(id) && !hydrating.has(id));
      if (missing.length === 0) return;
      for (const id of missing) hydrating.add(id);
      void loadLibraryPapers(db, missing)
        .then((found) => {
          const now = libRef.current;
          if (signal.aborted || !now?.partial) return;
          const add = found.papers.filter((lp) => !now.byId.has(lp.paper.id));
          if (add.length) publish({ ...indexLibrary([...now.papers, ...add]), partial: true });
        })
        .catch((e: unknown) => console.error('Takeaway: papers for the search failed to load', e));
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
          changed();
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
      // The index kept from the last visit is read back in the worker while the first screen
      // loads, and answers searches before the rest of the library is read.
      const restored = restoreKept();
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
      void indexThenFill(next, restored);
    };

    /** Read back the kept index; resolves to its stamps, or null when it must be built. */
    const restoreKept = async (): Promise<Array<[number, string]> | null> => {
      try {
        const stamps = await search.restoreKept(db.name);
        if (!stamps || signal.aborted) return null;
        performance.mark('takeaway:library-search-ready');
        setSearchReady(true);
        setSearchVersion((v) => v + 1);
        return stamps;
      } catch (e) {
        console.warn('Takeaway: the kept search index could not be used; rebuilding it', e);
        return null;
      }
    };

    const indexThenFill = async (next: Library, restored: Promise<Array<[number, string]> | null>) => {
      try {
        const stamps = await restored;
        if (signal.aborted) return;
        if (stamps) {
          // Bring the kept index up to date: only papers changed since it was written.
          const { changed: stale, gone } = staleSince(stamps, libRef.current?.papers ?? next.papers);
          for (const lp of stale) search.put(lp);
          for (const id of gone) search.remove(id);
          performance.mark('takeaway:library-search-current', {
            detail: { changed: stale.length, gone: gone.length },
          });
          keepAllowed = true;
          if (stale.length || gone.length) changed();
        } else {
          await new Promise((r) => setTimeout(r, 0));
          await search.build(next.papers);
          if (signal.aborted) return;
          performance.mark('takeaway:library-search-ready');
          performance.mark('takeaway:library-search-current');
          setSearchReady(true);
          keepAllowed = true;
          changed();
        }
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
        await search.build(next.papers);
        changed();
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
        await search.build(next.papers);
        changed();
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
      changed();
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
    // A page closed soon after an edit: write the index out now rather than never.
    const onHide = () => {
      if (document.visibilityState === 'hidden' && keepTimer !== undefined) {
        clearTimeout(keepTimer);
        void keep();
      }
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      abort.abort();
      clearTimeout(keepTimer);
      clearTimeout(screenTimer);
      document.removeEventListener('visibilitychange', onHide);
      sub?.unsubscribe();
    };
  }, [db]);

  useEffect(() => () => search.dispose(), [search]);

  const hydrate = useRef((ids: readonly number[]) => hydrateRef.current(ids)).current;
  return { lib, search, searchReady, searchVersion, hydrate };
}
