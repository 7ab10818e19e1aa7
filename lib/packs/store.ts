/**
 * Summary packs in the reader's database (extension origin only, like all of lib/db): import as one
 * transaction, list, remove, and look up beside the bundled index.
 */
import type { Pack, PackSummary, TakeawayDB } from '../db';
import type { PaperIds } from '../identify/types';
import { acceptsMatch } from '../index/match';
import { relatedWithin } from '../index/related';
import { kindOfKey } from '../summaries/duplicates';
import { keysOf } from '../summaries/keys';
import type { SummaryHit } from '../summaries/schema';
import type { Issue } from '../summaries/validate';
import { changingPacks } from './presence';
import { preparePack, type PackFile } from './read';

export type ImportResult =
  { ok: true; pack: Pack; warnings: Issue[]; replaced: boolean } | { ok: false; issues: Issue[] };

function newId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    `pack-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

/**
 * Validate a pack file, then store it in one transaction: either every summary is stored or none
 * is. A pack with the same name and source as an installed one replaces it, in the same
 * transaction, so an update never leaves both or neither.
 */
export async function importPack(db: TakeawayDB, file: PackFile, now = Date.now()): Promise<ImportResult> {
  const prepared = preparePack(file);
  if (!prepared.ok) return { ok: false, issues: prepared.issues };
  const pack: Pack = {
    id: newId(),
    name: prepared.name,
    source: prepared.source,
    count: prepared.summaries.length,
    bytes: file.bytes.byteLength,
    importedAt: now,
  };
  // Related summaries within the pack, by the compiled index's rarity-weighted score.
  const related = relatedWithin(prepared.summaries);
  const rows: PackSummary[] = prepared.summaries.map((summary, i) => ({
    packId: pack.id,
    keys: prepared.keys[i] ?? keysOf(summary),
    summary,
    related: related[i] ?? [],
  }));
  let replaced = false;
  await changingPacks(db, true, () =>
    db.transaction('rw', db.packs, db.packSummaries, async () => {
      const old = await db.packs.filter((p) => p.name === pack.name && p.source === pack.source).toArray();
      for (const p of old) {
        await db.packSummaries.where('packId').equals(p.id).delete();
        await db.packs.delete(p.id);
        replaced = true;
      }
      await db.packs.add(pack);
      await db.packSummaries.bulkAdd(rows);
    }),
  );
  return { ok: true, pack, warnings: prepared.issues, replaced };
}

/** Remove a pack and all its summaries, together. */
export async function removePack(db: TakeawayDB, id: string): Promise<void> {
  await changingPacks(db, false, () =>
    db.transaction('rw', db.packs, db.packSummaries, async () => {
      await db.packSummaries.where('packId').equals(id).delete();
      await db.packs.delete(id);
    }),
  );
}

/** Installed packs, oldest first (the order in which they answer). */
export function listPacks(db: TakeawayDB): Promise<Pack[]> {
  return db.packs.orderBy('importedAt').toArray();
}

/**
 * The summary for a paper from the installed packs: the strongest key first (DOI, PMID, PMCID,
 * title), and among packs the one imported first, so installing a pack never changes what an older
 * one answers.
 */
export async function lookupInPacks(db: TakeawayDB, ids: PaperIds): Promise<SummaryHit | null> {
  const keys = keysOf(ids);
  if (keys.length === 0) return null;
  const rows = await db.packSummaries.where('keys').anyOf(keys).toArray();
  if (rows.length === 0) return null;
  const packs = new Map<string, Pack>();
  for (const p of await db.packs.bulkGet([...new Set(rows.map((r) => r.packId))])) if (p) packs.set(p.id, p);
  const usable = rows
    .filter((r) => packs.has(r.packId))
    .sort((a, b) => (packs.get(a.packId)?.importedAt ?? 0) - (packs.get(b.packId)?.importedAt ?? 0));
  for (const key of keys) {
    const row = usable.find((r) => r.keys.includes(key) && acceptsMatch(ids, r.summary, key, kindOfKey(key)));
    if (!row) continue;
    const pack = packs.get(row.packId) as Pack;
    return {
      summary: row.summary,
      origin: pack.name,
      // Packs imported before related lists were stored have none.
      related: row.related ?? [],
      edition: { name: pack.source, built: new Date(pack.importedAt).toISOString() },
    };
  }
  return null;
}
