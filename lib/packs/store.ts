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
import { sortIssues } from '../summaries/collect';
import type { Summary } from '../summaries/schema';
import type { Issue } from '../summaries/validate';
import type { Lookup } from '../index/combined';
import { changingPacks } from './presence';
import { preparePack, type PackFile, type PreparedPack } from './read';

export type ImportResult =
  | {
      ok: true;
      pack: Pack;
      warnings: Issue[];
      replaced: boolean;
      /** Summaries of papers the bundled edition also covers: stored, but its summary is shown. */
      shadowed: number;
    }
  | { ok: false; issues: Issue[] };

export interface ImportOptions {
  now?: number;
  /** The bundled edition, to say which pack summaries it will outrank. */
  bundled?: Lookup | null;
}

/**
 * Warnings for the pack summaries the bundled edition outranks (it wins every conflict, so these
 * are never shown while it has the paper), at the line of the identifier they share.
 */
async function shadowedByBundled(prepared: PreparedPack, bundled: Lookup): Promise<Issue[]> {
  const out: Issue[] = [];
  for (let i = 0; i < prepared.summaries.length; i++) {
    const s = prepared.summaries[i] as Summary;
    const ids: PaperIds = {};
    if (s.doi) ids.doi = s.doi;
    if (s.pmid) ids.pmid = s.pmid;
    if (s.pmcid) ids.pmcid = s.pmcid;
    if (s.title) ids.title = s.title;
    const hit = await bundled(ids);
    if (!hit) continue;
    const mine = prepared.keys[i] ?? [];
    const shared = keysOf(hit.summary).find((k) => mine.includes(k)) ?? mine[0] ?? 'title:';
    const kind = kindOfKey(shared);
    const at = prepared.origins[i];
    out.push({
      severity: 'warning',
      path: at?.path ?? prepared.name,
      line: at?.keyLines[kind] ?? at?.line ?? 1,
      field: kind,
      message: `the built-in edition already summarises this paper (${shared}); its summary is shown, not this one`,
    });
  }
  return out;
}

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
export async function importPack(
  db: TakeawayDB,
  file: PackFile,
  { now = Date.now(), bundled = null }: ImportOptions = {},
): Promise<ImportResult> {
  const prepared = preparePack(file);
  if (!prepared.ok) return { ok: false, issues: prepared.issues };
  let shadowed: Issue[] = [];
  if (bundled) {
    try {
      shadowed = await shadowedByBundled(prepared, bundled);
    } catch (e) {
      // The comparison is a courtesy: an unreadable bundled index must not block the import.
      shadowed = [];
      prepared.issues.push({
        severity: 'warning',
        path: file.name,
        line: 1,
        message: `could not compare with the built-in edition (${e instanceof Error ? e.message : String(e)})`,
      });
    }
  }
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
  return {
    ok: true,
    pack,
    warnings: sortIssues([...prepared.issues, ...shadowed]),
    replaced,
    shadowed: shadowed.length,
  };
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
