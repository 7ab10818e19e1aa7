/**
 * Copies of PDF files kept in this browser, only when the reader ticks "Keep a copy in this
 * browser" in the viewer. A copy is keyed by the file's fingerprint, which is also the `pdf:` key
 * of its paper, so the library finds a paper's kept files from the paper's own keys (a merge of
 * two records keeps them) and opens them again at `pdf.html?kept=<fingerprint>`.
 */
import { isFingerprint } from '../../shared/checks';
import { MAX_TITLE } from '../../shared/limits';
import type { Paper, PdfCopy, TakeawayDB } from '../db/index';
import { fingerprintsOf } from '../db/papers';

/** A kept file larger than this is refused: the browser's quota is shared with every note. */
export const MAX_KEPT_BYTES = 200 * 1024 * 1024;

/** Store (or replace) the copy of a file. */
export async function keepCopy(
  db: TakeawayDB,
  file: { fingerprint: string; name: string; bytes: Uint8Array },
  now = Date.now(),
): Promise<PdfCopy> {
  const id = file.fingerprint.trim().toLowerCase();
  if (!isFingerprint(id)) throw new RangeError('This file has no fingerprint to keep it under.');
  if (file.bytes.byteLength > MAX_KEPT_BYTES)
    throw new RangeError(`Files larger than ${MAX_KEPT_BYTES / 1024 / 1024} MB are not kept.`);
  const copy: PdfCopy = {
    id,
    name: (file.name || 'document.pdf').slice(0, MAX_TITLE),
    size: file.bytes.byteLength,
    // A copy of its own: pdf.js may take the buffer it was given to its worker.
    bytes: file.bytes.slice(),
    keptAt: now,
  };
  await db.pdfCopies.put(copy);
  return copy;
}

export async function forgetCopy(db: TakeawayDB, fingerprint: string): Promise<void> {
  await db.pdfCopies.delete(fingerprint.trim().toLowerCase());
}

export async function getCopy(db: TakeawayDB, id: string): Promise<PdfCopy | undefined> {
  return isFingerprint(id) ? db.pdfCopies.get(id.toLowerCase()) : undefined;
}

export async function isKept(db: TakeawayDB, fingerprint: string): Promise<boolean> {
  return (await db.pdfCopies.where('id').equals(fingerprint.trim().toLowerCase()).count()) > 0;
}

/** The kept copies of a paper's files, without their bytes. */
export async function copiesOf(
  db: TakeawayDB,
  paper: Pick<Paper, 'keys'>,
): Promise<Omit<PdfCopy, 'bytes'>[]> {
  const ids = fingerprintsOf(paper);
  if (ids.length === 0) return [];
  const rows = await db.pdfCopies.bulkGet(ids);
  return rows.flatMap((r) => (r ? [{ id: r.id, name: r.name, size: r.size, keptAt: r.keptAt }] : []));
}

/** How many files are kept and their bytes, for "storage used" and the backup option. */
export async function keptUsage(db: TakeawayDB): Promise<{ count: number; bytes: number }> {
  let bytes = 0;
  let count = 0;
  // Sizes only: each row's bytes are read one at a time, never all at once.
  await db.pdfCopies.each((c) => {
    count++;
    bytes += c.size;
  });
  return { count, bytes };
}

/** `pdf.html?kept=<id>`, relative to another extension page. */
export function keptHref(id: string): string {
  return `pdf.html?kept=${encodeURIComponent(id)}`;
}
