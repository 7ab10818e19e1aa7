import type { Dexie, Transaction } from 'dexie';

/**
 * Version 2: highlights are indexed by their trash date like notes (so an undo list can find
 * them), and records written before tags and URLs were required get empty lists, so every reader
 * of the tables can rely on the arrays being there. Nothing is removed.
 */
export function v2(db: Dexie): void {
  db.version(2)
    .stores({
      highlights: 'id, paperId, updatedAt, deletedAt',
    })
    .upgrade(async (tx: Transaction) => {
      await tx
        .table('notes')
        .toCollection()
        .modify((n: { tags?: unknown; body?: unknown }) => {
          if (!Array.isArray(n.tags)) n.tags = [];
          if (typeof n.body !== 'string') n.body = n.body == null ? '' : String(n.body);
        });
      await tx
        .table('papers')
        .toCollection()
        .modify((p: { urls?: unknown; keys?: unknown }) => {
          if (!Array.isArray(p.urls)) p.urls = [];
          if (!Array.isArray(p.keys)) p.keys = [];
        });
    });
}
