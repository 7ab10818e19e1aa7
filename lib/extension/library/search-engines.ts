/**
 * The library page's side of the search worker: the `SearchEngine` the page uses, each call a
 * message to the worker. Papers are turned into documents here, so the worker needs nothing but
 * text. A worker that cannot start leaves the index in the page's own thread; one that fails
 * answers every waiting request with an error, and the page falls back to its plain scan.
 */
import { LibrarySearch, toDoc, type SearchEngine, type SearchHit } from './search';
import { readPersistedSearch, writePersistedSearch } from './search-store';
import { unpackHits, type SearchReply, type SearchRequest } from './search-worker-protocol';
import type { LibraryPaper } from './model';
// Vite bundles the worker with its imports and gives back its constructor.
import SearchWorker from './search-worker?worker';

type Pending = (r: SearchReply) => void;

/** Requests without their number, one member per kind (so each keeps its own fields). */
type Request = SearchRequest extends infer R ? (R extends SearchRequest ? Omit<R, 'n'> : never) : never;

export class WorkerSearch implements SearchEngine {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<SearchReply>) => {
      const done = this.pending.get(e.data.n);
      if (!done) return;
      this.pending.delete(e.data.n);
      done(e.data);
    };
    worker.onerror = (e) => {
      console.error('Takeaway: library search worker failed', e.message);
      for (const done of this.pending.values()) done({ n: 0, type: 'error', message: e.message });
      this.pending.clear();
    };
  }

  private ask(m: Request): Promise<SearchReply> {
    const n = this.next++;
    return new Promise((resolve) => {
      this.pending.set(n, resolve);
      this.worker.postMessage({ ...m, n } as SearchRequest);
    });
  }

  private tell(m: Request): void {
    // Edits need no answer; a failure shows in the worker's error handler.
    this.worker.postMessage({ ...m, n: 0 } as SearchRequest);
  }

  async restoreKept(dbName: string): Promise<Array<[number, string]> | null> {
    const r = await this.ask({ type: 'restore-kept', dbName });
    if (r.type !== 'restored') return null;
    performance.mark('takeaway:library-search-restored', { detail: { readMs: r.readMs, loadMs: r.loadMs } });
    return r.stamps;
  }

  async keep(dbName: string, stamps: Array<[number, string]>): Promise<boolean> {
    const r = await this.ask({ type: 'keep', dbName, stamps });
    return r.type === 'kept' && r.ok;
  }

  async build(papers: readonly LibraryPaper[]): Promise<void> {
    const r = await this.ask({ type: 'build', docs: papers.map(toDoc) });
    if (r.type === 'error') throw new Error(`search index build failed: ${r.message}`);
  }

  put(lp: LibraryPaper): void {
    this.tell({ type: 'put', docs: [toDoc(lp)] });
  }

  remove(paperId: number): void {
    this.tell({ type: 'remove', ids: [paperId] });
  }

  async search(query: string): Promise<SearchHit[] | null> {
    const r = await this.ask({ type: 'search', query });
    if (r.type === 'error') throw new Error(`search failed: ${r.message}`);
    return r.type === 'hits' && r.hits ? unpackHits(r.hits) : null;
  }

  dispose(): void {
    this.worker.terminate();
    this.pending.clear();
  }
}

/** The engine in the page's own thread: component tests, and browsers without workers. */
export class InThreadSearch implements SearchEngine {
  readonly index = new LibrarySearch();

  async restoreKept(dbName: string): Promise<Array<[number, string]> | null> {
    const kept = await readPersistedSearch(dbName);
    if (!kept) return null;
    try {
      this.index.restore(kept.index);
      return kept.stamps;
    } catch {
      return null;
    }
  }

  keep(dbName: string, stamps: Array<[number, string]>): Promise<boolean> {
    return writePersistedSearch(dbName, { stamps, index: this.index.serialize() });
  }

  build(papers: readonly LibraryPaper[]): Promise<void> {
    return this.index.build(papers);
  }

  put(lp: LibraryPaper): void {
    this.index.put(lp);
  }

  remove(paperId: number): void {
    this.index.remove(paperId);
  }

  search(query: string): Promise<SearchHit[] | null> {
    return Promise.resolve(this.index.search(query));
  }

  dispose(): void {}
}

/** The search engine for the library page: in a module worker where the browser has them. */
export function createSearchEngine(): SearchEngine {
  if (typeof Worker !== 'function') return new InThreadSearch();
  try {
    return new WorkerSearch(new SearchWorker({ name: 'takeaway-library-search' }));
  } catch (e) {
    console.warn('Takeaway: library search runs in the page (no worker)', e);
    return new InThreadSearch();
  }
}
