/**
 * Writing a backup: every backed-up table read in one transaction, with counts and a checksum; and
 * the date of the last backup, for the library's reminder.
 */
import type { Table } from 'dexie';
import type { MetaRow, PdfCopy, TakeawayDB } from '../db/index';
import { reviewCardsTable } from '../db/study';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  sha256,
  TABLES,
  type BackupData,
  type BackupFile,
  type BackupPdfCopy,
} from './format';

export interface BackupOptions {
  /** Include the PDFs kept in this browser (off unless the reader asks: they are large). */
  pdfs?: boolean;
}

/** Bytes as base64, in slices (a spread of a whole file would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function pdfForBackup(c: PdfCopy): BackupPdfCopy {
  return { id: c.id, name: c.name, size: c.size, keptAt: c.keptAt, base64: toBase64(c.bytes) };
}

/** Every backed-up table, read in one transaction so the backup is one consistent moment. */
export async function readBackupData(db: TakeawayDB, opts: BackupOptions = {}): Promise<BackupData> {
  const cards = reviewCardsTable(db);
  return db.transaction(
    'r',
    [db.papers, db.notes, db.highlights, db.packs, db.packSummaries, cards, db.pdfCopies],
    async () => {
      const [papers, notes, highlights, packs, packSummaries, reviewCards, pdfs] = await Promise.all([
        db.papers.toArray(),
        db.notes.toArray(),
        db.highlights.toArray(),
        db.packs.toArray(),
        db.packSummaries.toArray(),
        cards.toArray(),
        opts.pdfs ? db.pdfCopies.toArray() : null,
      ]);
      const data: BackupData = { papers, notes, highlights, packs, packSummaries, reviewCards };
      if (pdfs) data.pdfCopies = pdfs.map(pdfForBackup);
      return data;
    },
  );
}

/** The backup file's text. Also records when it was made (for the page's reminder). */
export async function createBackup(
  db: TakeawayDB,
  now = Date.now(),
  opts: BackupOptions = {},
): Promise<string> {
  const data = await readBackupData(db, opts);
  const dataText = JSON.stringify(data);
  const counts = Object.fromEntries(TABLES.map((t) => [t, data[t].length])) as BackupFile['counts'];
  if (data.pdfCopies) counts.pdfCopies = data.pdfCopies.length;
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    counts,
    checksum: await sha256(dataText),
  };
  // `data` last and spliced in as text: the checksum is over exactly these bytes.
  const text = `${JSON.stringify(head).slice(0, -1)},"data":${dataText}}`;
  await setLastBackup(db, { at: now, notes: data.notes.length });
  return text;
}

// ---------------------------------------------------------------------------------------------
// Last backup and the reminder

export interface LastBackup {
  at: number;
  /** Notes in the database when it was made. */
  notes: number;
}

function metaTable(db: TakeawayDB): Table<MetaRow, string> {
  return db.meta;
}

export async function getLastBackup(db: TakeawayDB): Promise<LastBackup | null> {
  const row = await metaTable(db).get('lastBackup');
  const v = row?.value as Partial<LastBackup> | undefined;
  return v && typeof v.at === 'number'
    ? { at: v.at, notes: typeof v.notes === 'number' ? v.notes : 0 }
    : null;
}

export async function setLastBackup(db: TakeawayDB, b: LastBackup): Promise<void> {
  await metaTable(db).put({ key: 'lastBackup', value: b });
}

/** After this many notes written or changed since the last backup (or ever, without one), remind. */
export const BACKUP_NUDGE_AFTER = 25;

export interface BackupStatus {
  last: LastBackup | null;
  /** Notes created or edited since the last backup. */
  changedSince: number;
  nudge: boolean;
}

export async function backupStatus(db: TakeawayDB): Promise<BackupStatus> {
  const last = await getLastBackup(db);
  const changedSince = last
    ? await db.notes.where('updatedAt').above(last.at).count()
    : await db.notes.count();
  return { last, changedSince, nudge: changedSince >= BACKUP_NUDGE_AFTER };
}
