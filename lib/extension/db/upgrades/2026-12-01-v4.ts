import type { Dexie } from 'dexie';

/**
 * Version 4, for writing summaries in the browser: drafts of the summary editor, one per paper
 * (keyed by the paper's strongest lookup key), autosaved as the writer types. The reader's own
 * summaries are a pack in the existing `packs` / `packSummaries` tables. Only a new table; nothing
 * existing changes.
 */
export function v4(db: Dexie): void {
  db.version(4).stores({
    summaryDrafts: 'key, updatedAt',
  });
}
