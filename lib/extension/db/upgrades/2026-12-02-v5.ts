import type { Dexie } from 'dexie';

/**
 * Version 5, for the PDF viewer: copies of PDF files the reader chose to keep in this browser
 * ("Keep a copy in this browser"), keyed by the file's fingerprint, which is also the `pdf:` key
 * of its paper. Only a new table; nothing existing changes.
 */
export function v5(db: Dexie): void {
  db.version(5).stores({
    pdfCopies: 'id, keptAt',
  });
}
