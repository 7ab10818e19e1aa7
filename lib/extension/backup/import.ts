/**
 * Reading a checked backup into the database: merge (papers matched by identifier with the one
 * rule every path uses, newer versions of a record kept) or replace, in one transaction, so a
 * failure part-way changes nothing.
 */
import type { Table } from 'dexie';
import { bestMatch, strongestFirst } from '../../shared/model';
import type { Highlight, Note, PackSummary, Paper, PdfCopy, TakeawayDB } from '../db/index';
import { summaryCacheTable } from '../library/model';
import { startChangingPacks } from '../packs/presence';
import { TABLES, type BackupData, type BackupFile, type BackupPdfCopy } from './format';

export type ImportMode = 'merge' | 'replace';

function pdfFromBackup(c: BackupPdfCopy): PdfCopy {
  const bin = atob(c.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { id: c.id, name: c.name, size: bytes.length, keptAt: c.keptAt, bytes };
}

export interface ImportReport {
  mode: ImportMode;
  added: Record<keyof BackupData, number>;
  updated: Record<keyof BackupData, number>;
}

function zero(): Record<keyof BackupData, number> {
  return { papers: 0, notes: 0, highlights: 0, packs: 0, packSummaries: 0, reviewCards: 0, pdfCopies: 0 };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Same content, whatever the order of the fields (the validator rebuilds records in its own order). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Write a parsed backup. `replace` empties the reader's tables and writes the backup as it is;
 * `merge` keeps everything and adds what the backup has: papers are matched by identifier (the
 * same paper may have another record number here), and of two versions of a note, highlight or
 * card the most recently changed one wins. Importing the same file twice changes nothing the
 * second time. One transaction: an error anywhere leaves the database as it was.
 */
export async function importBackup(
  db: TakeawayDB,
  backup: BackupFile,
  mode: ImportMode,
): Promise<ImportReport> {
  // Merging may add packs, replacing may leave none: the packs flag follows (lib/packs/presence).
  const done = await startChangingPacks(db, backup.data.packs.length > 0);
  try {
    return await writeBackup(db, backup, mode);
  } finally {
    await done();
  }
}

/**
 * The writing part of `importBackup`, without the packs lock: for a caller that must not wait for
 * it (the safety copy's restore runs while the database is opening, and a holder of the lock may be
 * waiting for that open). Such a caller sets the packs flag itself.
 */
export async function writeBackup(
  db: TakeawayDB,
  backup: BackupFile,
  mode: ImportMode,
): Promise<ImportReport> {
  const d = backup.data;
  // The table itself, not db/study's accessor: that module brings the scheduler (ts-fsrs), which
  // the background, where the safety copy restores, does not need.
  const cards = db.reviewCards;
  const cache = summaryCacheTable(db);
  const tables = [db.papers, db.notes, db.highlights, db.packs, db.packSummaries, cards, cache];
  const report: ImportReport = { mode, added: zero(), updated: zero() };
  await db.transaction('rw', [...tables, db.pdfCopies], async () => {
    // Kept PDFs, when the backup has them: replaced as a set, or added where missing. A backup
    // made without them leaves the copies kept here alone, in either mode.
    if (d.pdfCopies) {
      const rows = d.pdfCopies.map(pdfFromBackup);
      if (mode === 'replace') {
        await db.pdfCopies.clear();
        await db.pdfCopies.bulkAdd(rows);
        report.added.pdfCopies = rows.length;
      } else {
        const have = await db.pdfCopies.bulkGet(rows.map((r) => r.id));
        const missing = rows.filter((_, i) => !have[i]);
        await db.pdfCopies.bulkAdd(missing);
        report.added.pdfCopies = missing.length;
      }
    }
    if (mode === 'replace') {
      for (const t of tables) await t.clear();
      await db.papers.bulkAdd(d.papers);
      await db.notes.bulkAdd(d.notes);
      await db.highlights.bulkAdd(d.highlights);
      await db.packs.bulkAdd(d.packs);
      await db.packSummaries.bulkAdd(d.packSummaries);
      await cards.bulkAdd(d.reviewCards);
      for (const t of TABLES) report.added[t] = d[t].length;
      return;
    }

    // Papers: by identifier first, then by record number when that number is free. The papers
    // here are read once and matched in memory: one query per paper would make a 10,000-paper
    // merge take seconds.
    const paperMap = new Map<number, number>();
    const touched: number[] = [];
    // Current version of each paper here (and of each added from the backup), and which papers
    // hold a key. A backup paper joins the paper it describes by the one rule every path uses
    // (`bestMatch`): a shared title alone never merges two papers whose DOIs differ.
    const records = new Map<number, Paper>();
    const byKey = new Map<string, Set<number>>();
    const index = (p: Paper) => {
      records.set(p.id, p);
      for (const k of p.keys) {
        const ids = byKey.get(k) ?? new Set<number>();
        ids.add(p.id);
        byKey.set(k, ids);
      }
    };
    const usedIds = new Set<number>();
    for (const p of await db.papers.toArray()) {
      usedIds.add(p.id);
      index(p);
    }
    const updates: Paper[] = [];
    const keepId: Paper[] = [];
    const newId: Paper[] = [];
    for (const p of d.papers) {
      const ids = new Set(p.keys.flatMap((k) => [...(byKey.get(k) ?? [])]));
      const candidates = [...ids].sort((a, b) => a - b).map((id) => records.get(id) as Paper);
      const match = bestMatch(candidates, strongestFirst(p.keys));
      if (match) {
        const merged: Paper = {
          ...p,
          ...match,
          keys: union(match.keys, p.keys),
          urls: union(match.urls, p.urls),
        };
        for (const k of ['doi', 'pmid', 'pmcid', 'title', 'journal'] as const)
          if (match[k] === undefined && p[k] !== undefined) merged[k] = p[k];
        merged.id = match.id;
        merged.createdAt = Math.min(match.createdAt, p.createdAt);
        merged.updatedAt = Math.max(match.updatedAt, p.updatedAt);
        if (!sameJson(merged, match)) {
          updates.push(merged);
          touched.push(match.id);
          index(merged);
        }
        paperMap.set(p.id, match.id);
      } else if (!usedIds.has(p.id)) {
        usedIds.add(p.id);
        keepId.push(p);
        paperMap.set(p.id, p.id);
        index(p);
      } else {
        newId.push(p);
      }
    }
    await db.papers.bulkPut(updates);
    await db.papers.bulkAdd(keepId);
    const allocated = await db.papers.bulkAdd(
      newId.map(({ id: _old, ...rest }) => rest as Paper),
      { allKeys: true },
    );
    newId.forEach((p, i) => paperMap.set(p.id, allocated[i] as number));
    report.updated.papers += updates.length;
    report.added.papers += keepId.length + newId.length;
    await cache.bulkDelete(touched);

    const newer = async <T extends { id: string; updatedAt: number }>(
      table: Table<T, string>,
      rows: T[],
      key: keyof BackupData,
    ) => {
      const existing = await table.bulkGet(rows.map((r) => r.id));
      const put: T[] = [];
      rows.forEach((r, i) => {
        const cur = existing[i];
        if (!cur) report.added[key]++;
        else if (r.updatedAt > cur.updatedAt && !sameJson(r, cur)) report.updated[key]++;
        else return;
        put.push(r);
      });
      await table.bulkPut(put);
    };
    const remap = <T extends { paperId: number }>(r: T): T => ({
      ...r,
      paperId: paperMap.get(r.paperId) ?? r.paperId,
    });
    await newer(db.notes as Table<Note, string>, d.notes.map(remap), 'notes');
    await newer(db.highlights as Table<Highlight, string>, d.highlights.map(remap), 'highlights');
    await newer(cards, d.reviewCards, 'reviewCards');

    // A pack is one unit: the backup's copy replaces ours only when it was imported later.
    for (const p of d.packs) {
      const cur = await db.packs.get(p.id);
      if (cur && cur.importedAt >= p.importedAt) continue;
      await db.packSummaries.where('packId').equals(p.id).delete();
      await db.packs.put(p);
      const rows = d.packSummaries
        .filter((s) => s.packId === p.id)
        .map(({ id: _id, ...s }) => s as PackSummary);
      await db.packSummaries.bulkAdd(rows);
      if (cur) report.updated.packs++;
      else report.added.packs++;
      report.added.packSummaries += rows.length;
    }
  });
  return report;
}
