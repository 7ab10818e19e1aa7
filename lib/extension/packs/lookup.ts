/**
 * Looking a paper up in the installed packs: all the background needs of packs. Kept apart from
 * importing them (store.ts, read.ts: file formats, YAML front matter, validation), which only the
 * library page does, so the background's bundle, evaluated on every wake, stays small.
 */
import type { Pack, TakeawayDB } from '../db';
import type { PaperIds } from '../../shared/identify/types';
import { acceptsMatch } from '../../shared/index/match';
import { kindOfKey } from '../../shared/summaries/duplicates';
import { keysOf } from '../../shared/summaries/keys';
import type { SummaryHit } from '../../shared/summaries/schema';

/**
 * The summary for a paper from the installed packs: the strongest key first (DOI, PMID, PMCID,
 * title), and among packs the one imported first, so installing a pack never changes what an older
 * one answers. The reader's own pack answers first (`ownOnly`: nothing else).
 */
export async function lookupInPacks(
  db: TakeawayDB,
  ids: PaperIds,
  { ownOnly = false }: { ownOnly?: boolean } = {},
): Promise<SummaryHit | null> {
  const keys = keysOf(ids);
  if (keys.length === 0) return null;
  const found = await db.packSummaries.where('keys').anyOf(keys).toArray();
  const rows = ownOnly ? found.filter((r) => r.own) : found;
  if (rows.length === 0) return null;
  const packs = new Map<string, Pack>();
  for (const p of await db.packs.bulkGet([...new Set(rows.map((r) => r.packId))])) if (p) packs.set(p.id, p);
  const usable = rows
    .filter((r) => packs.has(r.packId))
    .sort(
      (a, b) =>
        // The reader's own summaries ("Your summaries") answer before any imported pack.
        Number(!!packs.get(b.packId)?.own) - Number(!!packs.get(a.packId)?.own) ||
        (packs.get(a.packId)?.importedAt ?? 0) - (packs.get(b.packId)?.importedAt ?? 0),
    );
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
      ...(pack.own
        ? {
            written: {
              ...(pack.author ? { author: pack.author } : {}),
              at: new Date(row.own?.updatedAt ?? pack.importedAt).toISOString(),
            },
          }
        : {}),
    };
  }
  return null;
}
