/**
 * Summary packs in the reader's database (extension origin only, like all of lib/db): import as one
 * transaction, list, remove, and look up beside the bundled index.
 */
import type { Pack, PackSummary, TakeawayDB } from '../db';
import type { PaperIds } from '../../shared/identify/types';
import { relatedWithin } from '../../shared/index/related';
import { kindOfKey } from '../../shared/summaries/duplicates';
import { keysOf } from '../../shared/summaries/keys';
import { sortIssues } from '../../shared/summaries/collect';
import type { Summary, SummaryHit } from '../../shared/summaries/schema';
import type { Issue } from '../../shared/summaries/validate';
import type { Lookup } from '../../shared/index/combined';
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
  bundled?: BundledEdition | null;
  /** Pack summaries confirmed by a lookup in it, at most (MAX_COMPARED). */
  compareAtMost?: number;
}

/** The bundled edition as the import sees it (an IndexService). */
export interface BundledEdition {
  lookup: Lookup;
  /** The key filter alone, no record read: false means certainly absent. */
  mayContain(ids: PaperIds): Promise<boolean>;
}

/** Pack summaries compared one by one with the bundled edition, at most; about two seconds. */
export const MAX_COMPARED = 2000;

/**
 * Warnings for the pack summaries the bundled edition outranks (it wins every conflict, so these
 * are not shown while it has the paper), at the line of the identifier they share. The key filter
 * picks the candidates for free; the first `atMost` are confirmed by a lookup, a few at a time,
 * and any beyond are counted as the filter's "probably" (it errs about once in 65 000 keys).
 */
async function shadowedByBundled(
  prepared: PreparedPack,
  bundled: BundledEdition,
  file: string,
  atMost: number,
): Promise<{ issues: Issue[]; count: number }> {
  const candidates: number[] = [];
  for (let i = 0; i < prepared.summaries.length; i++)
    if (await bundled.mayContain(prepared.summaries[i] as Summary)) candidates.push(i);
  const compared = candidates.slice(0, atMost);
  const hits: Array<SummaryHit | null> = [];
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < compared.length; k = next++)
      hits[k] = await bundled.lookup(prepared.summaries[compared[k] as number] as Summary);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const issues: Issue[] = [];
  compared.forEach((i, k) => {
    const hit = hits[k];
    if (!hit) return;
    const mine = keysOf(prepared.summaries[i] as Summary);
    const shared = keysOf(hit.summary).find((key) => mine.includes(key)) ?? (mine[0] as string);
    const kind = kindOfKey(shared);
    const at = prepared.origins[i];
    issues.push({
      severity: 'warning',
      path: at?.path ?? file,
      line: at?.keyLines[kind] ?? at?.line ?? 1,
      field: kind,
      message: `the built-in edition already summarises this paper (${shared}); its summary is shown, not this one`,
    });
  });
  const rest = candidates.length - compared.length;
  if (rest > 0)
    issues.push({
      severity: 'warning',
      path: file,
      line: 1,
      message: `${rest} more of this pack's papers are probably in the built-in edition too (its key filter says so; the first ${atMost} were checked one by one)`,
    });
  return { issues, count: issues.length - (rest > 0 ? 1 : 0) + rest };
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
  { now = Date.now(), bundled = null, compareAtMost = MAX_COMPARED }: ImportOptions = {},
): Promise<ImportResult> {
  const prepared = preparePack(file);
  if (!prepared.ok) return { ok: false, issues: prepared.issues };
  let shadowed: { issues: Issue[]; count: number } = { issues: [], count: 0 };
  if (bundled) {
    try {
      shadowed = await shadowedByBundled(prepared, bundled, file.name, compareAtMost);
    } catch (e) {
      // The comparison is a courtesy: an unreadable bundled index must not block the import.
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
    warnings: sortIssues([...prepared.issues, ...shadowed.issues]),
    replaced,
    shadowed: shadowed.count,
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

export { lookupInPacks } from './lookup';
