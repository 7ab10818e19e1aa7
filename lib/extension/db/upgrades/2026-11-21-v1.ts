import type { Dexie } from 'dexie';

/**
 * Version 1, the first schema that shipped. Never edit a dated upgrade once released: readers
 * have databases in this shape, and every later version is defined on top of it.
 */
export function v1(db: Dexie): void {
  db.version(1).stores({
    papers: '++id, *keys, updatedAt',
    notes: 'id, paperId, updatedAt, deletedAt, *tags',
    highlights: 'id, paperId, updatedAt',
    packs: 'id, importedAt',
    packSummaries: '++id, packId, *keys',
  });
}
