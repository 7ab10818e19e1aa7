import type { Dexie } from 'dexie';

/**
 * Version 3, for the notes library: study cards (spaced-repetition state of the notes and
 * takeaways the reader has studied), a small key/value table (when the last backup was made), and
 * a cache of each noted paper's summary so the library can search takeaways without asking the
 * background for thousands of papers on every visit. Only new tables; nothing existing changes.
 */
export function v3(db: Dexie): void {
  db.version(3).stores({
    reviewCards: 'id, due, createdAt',
    meta: 'key',
    summaryCache: 'paperId',
  });
}
