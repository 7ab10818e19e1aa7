/**
 * The backup file: one JSON document with a format name, a version, record counts, a checksum and
 * every backed-up table. Written by ./export.ts, checked by ./validate.ts, read in by ./import.ts.
 */
import type { Highlight, Note, Pack, PackSummary, Paper, ReviewCard } from '../db/index';

export const BACKUP_FORMAT = 'takeaway-backup';
/** Raise when the shape of `data` changes; older files stay importable, newer ones are refused. */
export const BACKUP_VERSION = 1;
/** A backup larger than this is not one the extension wrote for a person's notes. */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;
export const MAX_RECORDS = 1_000_000;
export const MAX_KEYS = 100;
export const MAX_URLS = 100;
export const MAX_SUMMARY_STRING = 100_000;
export const MAX_DEPTH = 12;

export interface BackupData {
  papers: Paper[];
  notes: Note[];
  highlights: Highlight[];
  packs: Pack[];
  packSummaries: PackSummary[];
  reviewCards: ReviewCard[];
  /** The PDFs kept in this browser: only in a backup made with "include kept PDFs". */
  pdfCopies?: BackupPdfCopy[];
}

/** A kept PDF in a backup: the record without its bytes, and the bytes in base64. */
export interface BackupPdfCopy {
  id: string;
  name: string;
  size: number;
  keptAt: number;
  base64: string;
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  counts: Record<(typeof TABLES)[number], number> & { pdfCopies?: number };
  /** SHA-256 (hex) of `JSON.stringify(data)`: a file changed or cut after export is recognised. */
  checksum: string;
  data: BackupData;
}

export type ParseResult = { ok: true; backup: BackupFile } | { ok: false; error: string };

export const TABLES = ['papers', 'notes', 'highlights', 'packs', 'packSummaries', 'reviewCards'] as const;

/** SHA-256 (hex) of a text: the backup's checksum. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
