/**
 * The library's search index kept between visits, so that search answers in the first second at
 * 50,000 notes instead of after a rebuild of several seconds. It is read and written where the
 * index lives (the search worker), so the page never carries its text. One row of the `meta` table holds
 * the serialized index and, for each paper in it, a stamp of what was indexed; on the next visit
 * the stamps say which papers changed since (in any tab, or in an import) and only those are
 * indexed again. The notes are the truth: a missing, damaged or foreign row means a rebuild, and a
 * row that cannot be written (a full disk) is only a slower next visit.
 */
import type { LibraryPaper } from './model';
import { INDEX_SHAPE } from './search';
import { isPackedIndex, type PackedIndex } from './search-pack';

export const SEARCH_INDEX_KEY = 'library-search-index';

export interface PersistedSearch {
  shape: string;
  savedAt: number;
  /** [paper id, stamp] for every paper in the index. */
  stamps: Array<[number, string]>;
  index: PackedIndex;
}

/** A short string that changes whenever what the search reads of a paper can have changed. */
export function paperStamp(lp: LibraryPaper): string {
  let sum = 0;
  for (const n of lp.notes) sum += n.updatedAt;
  for (const h of lp.highlights) sum += h.updatedAt;
  const s = lp.summary;
  const summary = s
    ? `${s.takeaway.length}:${s.concepts.length}:${textHash(s.takeaway + s.concepts.join())}`
    : '-';
  const p = lp.paper;
  return `${p.updatedAt}.${lp.notes.length}.${lp.highlights.length}.${sum}.${summary}`;
}

/** 32-bit FNV-1a, as base 36: enough to tell two versions of a takeaway apart. */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function isPersisted(v: unknown): v is PersistedSearch {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<PersistedSearch>;
  return (
    r.shape === INDEX_SHAPE &&
    isPackedIndex(r.index) &&
    Array.isArray(r.stamps) &&
    r.stamps.every((e) => Array.isArray(e) && typeof e[0] === 'number' && typeof e[1] === 'string')
  );
}

/**
 * The notes database, opened without Dexie (this runs in the search worker too) and only if it
 * exists: opening must never create it, or a later schema upgrade would start from nothing. The
 * connection steps aside for a schema upgrade from any page.
 */
function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => {
      // An abort from onupgradeneeded: there is no database yet.
      if (req.error?.name === 'AbortError') resolve(null);
      else reject(req.error ?? new Error('the notes database could not be opened'));
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db.objectStoreNames.contains('meta') ? db : (db.close(), null));
    };
  });
}

function request<T>(r: IDBRequest<T>, tx: IDBTransaction): Promise<T> {
  return new Promise((resolve, reject) => {
    let value: T;
    r.onsuccess = () => (value = r.result);
    tx.oncomplete = () => resolve(value);
    tx.onabort = tx.onerror = () => reject(tx.error ?? r.error ?? new Error('storage request failed'));
  });
}

/** The kept index of the database named `dbName`, or null when there is none this code can read. */
export async function readPersistedSearch(dbName: string): Promise<PersistedSearch | null> {
  let db: IDBDatabase | null = null;
  try {
    db = await openExisting(dbName);
    if (!db) return null;
    const tx = db.transaction('meta', 'readonly');
    const row = (await request(tx.objectStore('meta').get(SEARCH_INDEX_KEY), tx)) as
      { value?: unknown } | undefined;
    return isPersisted(row?.value) ? row.value : null;
  } catch (e) {
    console.warn('Takeaway: the kept search index could not be read; it will be rebuilt', e);
    return null;
  } finally {
    db?.close();
  }
}

/** Keep the index for the next visit. Never throws: a failure (a full disk) costs only a rebuild. */
export async function writePersistedSearch(
  dbName: string,
  p: Omit<PersistedSearch, 'shape' | 'savedAt'>,
): Promise<boolean> {
  let db: IDBDatabase | null = null;
  try {
    db = await openExisting(dbName);
    if (!db) return false;
    const value: PersistedSearch = { shape: INDEX_SHAPE, savedAt: Date.now(), ...p };
    const tx = db.transaction('meta', 'readwrite');
    await request(tx.objectStore('meta').put({ key: SEARCH_INDEX_KEY, value }), tx);
    return true;
  } catch (e) {
    console.warn('Takeaway: the search index was not kept for the next visit', e);
    return false;
  } finally {
    db?.close();
  }
}

/** What to index again: papers new or changed since the kept stamps, and papers no longer there. */
export function staleSince(
  stamps: ReadonlyArray<[number, string]>,
  papers: readonly LibraryPaper[],
): { changed: LibraryPaper[]; gone: number[] } {
  const kept = new Map(stamps);
  const changed: LibraryPaper[] = [];
  for (const lp of papers) {
    if (kept.get(lp.paper.id) !== paperStamp(lp)) changed.push(lp);
    kept.delete(lp.paper.id);
  }
  return { changed, gone: [...kept.keys()] };
}
