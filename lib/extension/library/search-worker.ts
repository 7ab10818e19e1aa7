/**
 * The notes library's search index, in a worker of the library page: building it (seconds at
 * 50,000 notes), reading a persisted one back and writing it out for the next visit all happen
 * here, so the page stays free to draw and to take keystrokes. The kept index is read and written
 * here too (search-store.ts), so its megabytes of text never cross to the page.
 */
import { LibrarySearch } from './search';
import { readPersistedSearch, writePersistedSearch } from './search-store';
import { packHits, type SearchReply, type SearchRequest } from './search-worker-protocol';

const index = new LibrarySearch();
const scope = self as unknown as {
  postMessage(m: SearchReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<SearchRequest>) => void) | null;
};

/** Writes (builds, edits, reads of the whole index) run one after another. */
let queue: Promise<void> = Promise.resolve();
/** The latest search waiting to run; an earlier one still waiting is answered with null. */
let waiting: { n: number; query: string } | null = null;
/** True while a build yields between chunks. */
let building = false;

function reply(m: SearchReply): void {
  scope.postMessage(m);
}

function runSearch(): void {
  const job = waiting;
  waiting = null;
  if (!job) return;
  try {
    const hits = packHits(index.search(job.query));
    scope.postMessage({ n: job.n, type: 'hits', hits }, [hits.ids.buffer, hits.scores.buffer]);
  } catch (e) {
    reply({ n: job.n, type: 'error', message: String(e) });
  }
}

async function handle(m: Exclude<SearchRequest, { type: 'search' }>): Promise<void> {
  switch (m.type) {
    case 'restore-kept': {
      const t0 = performance.now();
      const kept = await readPersistedSearch(m.dbName);
      const t1 = performance.now();
      let stamps = kept?.stamps ?? null;
      if (kept) {
        try {
          index.restore(kept.index);
        } catch {
          stamps = null;
        }
      }
      return reply({
        n: m.n,
        type: 'restored',
        stamps,
        readMs: t1 - t0,
        loadMs: performance.now() - t1,
      });
    }
    case 'keep': {
      const ok = await writePersistedSearch(m.dbName, { stamps: m.stamps, index: index.serialize() });
      return reply({ n: m.n, type: 'kept', ok });
    }
    case 'build':
      building = true;
      try {
        await index.buildDocs(m.docs);
      } finally {
        building = false;
      }
      return reply({ n: m.n, type: 'done' });
    case 'put':
      for (const d of m.docs) index.putDoc(d);
      return reply({ n: m.n, type: 'done' });
    case 'remove':
      for (const id of m.ids) index.remove(id);
      return reply({ n: m.n, type: 'done' });
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'search') {
    // Searches do not wait for a build: the index in use answers until the new one replaces it.
    if (waiting) reply({ n: waiting.n, type: 'hits', hits: null });
    const first = waiting === null;
    waiting = { n: m.n, query: m.query };
    // Let messages already queued behind this one arrive first, so only the latest runs.
    if (first) setTimeout(runSearch, 0);
    return;
  }
  // Edits during a build are taken at once (the index keeps them for the new one, and a search
  // meanwhile sees them); other requests wait for the build.
  if (building && (m.type === 'put' || m.type === 'remove')) {
    void handle(m);
    return;
  }
  queue = queue
    .then(() => handle(m))
    .catch((err: unknown) => reply({ n: m.n, type: 'error', message: String(err) }));
};
