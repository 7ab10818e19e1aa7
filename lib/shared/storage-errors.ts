/**
 * A write the browser refused, in the reader's words. Browsers say "the disk is full" in several
 * ways: a QuotaExceededError, the system's ENOSPC, LevelDB's "FILE_ERROR_NO_SPACE" from extension
 * storage, or (when IndexedDB cannot even open its files) an "Internal error opening backing
 * store" that the database layer explains as a full disk once it has checked (lib/extension/db).
 * Every context shows the same plain sentence for it; the browser's own message is kept beside it
 * for whoever needs the detail, never instead of it.
 */

const NO_ROOM = /quota|no space|NO_SPACE|ENOSPC|disk full/i;

/** An error as one line of text: its name and message, and the inner error Dexie wraps. */
export function errorText(e: unknown): string {
  const inner = (e as { inner?: unknown } | null)?.inner;
  return [e, inner]
    .filter(Boolean)
    .map((x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x)))
    .join('; ');
}

/** Does this error (or its text, as sent between contexts) say there is no room left? */
export function isNoRoom(e: unknown): boolean {
  return NO_ROOM.test(typeof e === 'string' ? e : errorText(e));
}

/** The plain sentence for a full disk, completed by what the reader should do. */
export const DISK_FULL = 'the disk is full, so the browser has no room left to store it';

/**
 * What to tell the reader when a write failed: the plain sentence on a full disk, followed by
 * `then` (what to do next); otherwise the browser's message as it is.
 */
export function storageErrorMessage(e: unknown, then: string): string {
  if (isNoRoom(e)) return `${DISK_FULL}. ${then}`;
  return e instanceof Error ? e.message : String(e);
}
