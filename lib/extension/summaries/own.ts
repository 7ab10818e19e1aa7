/**
 * "Your summaries": the summaries the reader writes in the summary editor, kept as one pack among
 * the others (tables `packs` / `packSummaries`, marked `own`), so the background's existing pack
 * lookup answers them on every page. Every write goes through the build's validator first: an
 * invalid summary is never stored. Drafts (table `summaryDrafts`) are kept until the summary is saved.
 */
import type { OwnSummaryInfo, Pack, PackSummary, SummaryDraft, TakeawayDB } from '../db';
import type { PaperIds } from '../../shared/identify/types';
import { relatedWithin } from '../../shared/index/related';
import { keysOf } from '../../shared/summaries/keys';
import type { Summary } from '../../shared/summaries/schema';
import { validateRecord, type Issue } from '../../shared/summaries/validate';
import { MAX_TAG, MAX_TAGS, MAX_TITLE } from '../../shared/limits';
import { markYourSummariesChanged } from '../../shared/settings';
import { changingPacks } from '../packs/presence';

/** The id of the reader's own pack: there is at most one. */
export const OWN_PACK_ID = 'yours';
export const OWN_PACK_NAME = 'Your summaries';
const OWN_PACK_SOURCE = 'written in this browser';

export type SaveResult = { ok: true; id: number; summary: Summary } | { ok: false; issues: Issue[] };

export function ownPack(db: TakeawayDB): Promise<Pack | undefined> {
  return db.packs.get(OWN_PACK_ID);
}

/** Every summary of the reader's own pack, most recently changed first. */
export async function listOwnSummaries(db: TakeawayDB): Promise<PackSummary[]> {
  const rows = await db.packSummaries.where('packId').equals(OWN_PACK_ID).toArray();
  return rows.sort((a, b) => (b.own?.updatedAt ?? 0) - (a.own?.updatedAt ?? 0));
}

/** The reader's own summary of a paper (any shared key), or undefined. */
export async function findOwnSummary(db: TakeawayDB, ids: PaperIds): Promise<PackSummary | undefined> {
  const keys = keysOf(ids);
  if (keys.length === 0) return undefined;
  const rows = await db.packSummaries.where('keys').anyOf(keys).toArray();
  const mine = rows.filter((r) => r.packId === OWN_PACK_ID);
  // Strongest key first: a DOI match beats a title match.
  for (const k of keys) {
    const row = mine.find((r) => r.keys.includes(k));
    if (row) return row;
  }
  return undefined;
}

function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().slice(0, MAX_TAG);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out.slice(0, MAX_TAGS);
}

/** Related summaries within the pack, and its size, after a change. */
async function refreshPack(db: TakeawayDB, pack: Pack): Promise<void> {
  const rows = await db.packSummaries.where('packId').equals(OWN_PACK_ID).toArray();
  const related = relatedWithin(rows.map((r) => r.summary));
  await Promise.all(
    rows.map((r, i) => db.packSummaries.update(r.id as number, { related: related[i] ?? [] })),
  );
  await db.packs.put({
    ...pack,
    count: rows.length,
    bytes: rows.reduce((n, r) => n + JSON.stringify(r.summary).length, 0),
  });
}

/**
 * Validate the fields of a summary with the build's rules and store it in the reader's pack,
 * replacing their earlier summary of the same paper (`replaceId`, or one sharing a key). The pack
 * is created on the first save, with the author's name when given.
 */
export async function saveOwnSummary(
  db: TakeawayDB,
  fields: Record<string, unknown>,
  {
    tags = [],
    author,
    replaceId,
    now = Date.now(),
  }: {
    tags?: readonly string[];
    author?: string;
    replaceId?: number;
    now?: number;
  } = {},
): Promise<SaveResult> {
  const { summary, issues } = validateRecord({ path: 'your summary', line: 1, fields });
  if (!summary) return { ok: false, issues };
  const keys = keysOf(summary);
  if (keys.length === 0)
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          path: 'your summary',
          line: 1,
          field: 'title',
          message: 'no identifier or title to find the paper by',
        },
      ],
    };
  const result = await changingPacks(db, true, () =>
    db.transaction('rw', db.packs, db.packSummaries, async () => {
      const name = author?.trim().slice(0, MAX_TITLE);
      const pack: Pack = (await ownPack(db)) ?? {
        id: OWN_PACK_ID,
        name: OWN_PACK_NAME,
        source: OWN_PACK_SOURCE,
        count: 0,
        bytes: 0,
        importedAt: now,
        own: true,
      };
      if (name) pack.author = name;
      const same = (await db.packSummaries.where('keys').anyOf(keys).toArray()).filter(
        (r) => r.packId === OWN_PACK_ID,
      );
      const previous =
        (replaceId !== undefined ? await db.packSummaries.get(replaceId) : undefined) ?? same[0];
      const own: OwnSummaryInfo = {
        createdAt: previous?.own?.createdAt ?? now,
        updatedAt: now,
        tags: cleanTags(tags),
      };
      const row: PackSummary = { packId: OWN_PACK_ID, keys, summary, related: [], own };
      let id: number;
      if (previous?.id !== undefined && previous.packId === OWN_PACK_ID) {
        id = previous.id;
        await db.packSummaries.put({ ...row, id });
      } else id = (await db.packSummaries.add(row)) as number;
      // Another of the reader's summaries of this same paper (now keyed alike) would never answer.
      for (const r of same) if (r.id !== undefined && r.id !== id) await db.packSummaries.delete(r.id);
      await refreshPack(db, pack);
      return id;
    }),
  );
  await markYourSummariesChanged();
  return { ok: true, id: result, summary };
}

/** Remove one of the reader's summaries; the pack goes when its last summary does. */
export async function removeOwnSummary(db: TakeawayDB, id: number): Promise<void> {
  await changingPacks(db, false, () =>
    db.transaction('rw', db.packs, db.packSummaries, async () => {
      const row = await db.packSummaries.get(id);
      if (!row || row.packId !== OWN_PACK_ID) return;
      await db.packSummaries.delete(id);
      const pack = await ownPack(db);
      if (!pack) return;
      if ((await db.packSummaries.where('packId').equals(OWN_PACK_ID).count()) === 0)
        await db.packs.delete(OWN_PACK_ID);
      else await refreshPack(db, pack);
    }),
  );
  await markYourSummariesChanged();
}

/** The name shown as the author of the reader's summaries (empty: "you"). */
export async function setAuthor(db: TakeawayDB, author: string): Promise<void> {
  const name = author.trim().slice(0, MAX_TITLE);
  await db.transaction('rw', db.packs, async () => {
    const pack = await ownPack(db);
    if (!pack) return;
    if (name) pack.author = name;
    else delete pack.author;
    await db.packs.put(pack);
  });
  await markYourSummariesChanged();
}

/** The draft key of a paper: its strongest lookup key. */
export function draftKey(ids: PaperIds): string | null {
  return keysOf(ids)[0] ?? null;
}

export function loadDraft(db: TakeawayDB, key: string): Promise<SummaryDraft | undefined> {
  return db.summaryDrafts.get(key);
}

export async function saveDraft(db: TakeawayDB, draft: SummaryDraft): Promise<void> {
  await db.summaryDrafts.put(draft);
}

export async function deleteDraft(db: TakeawayDB, key: string): Promise<void> {
  await db.summaryDrafts.delete(key);
}
