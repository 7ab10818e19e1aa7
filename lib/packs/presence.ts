/**
 * Whether the reader may have summary packs installed, kept in extension storage beside IndexedDB.
 *
 * Most pages are misses and most readers have no packs. A service worker that wakes reads this one
 * flag (about a millisecond) and, when it says no, answers a miss without opening IndexedDB (tens
 * of milliseconds at a wake). The flag errs one way only: it is set before anything that may add a
 * pack and cleared only after a change has committed with no pack left. A wrong "yes" costs one
 * database read; a wrong "no" would hide a reader's pack, so an unknown or unreadable flag is "yes".
 */
import { browser } from 'wxt/browser';
import type { TakeawayDB } from '../db';

export const PACKS_FLAG = 'packsMayExist';

async function setFlag(value: boolean): Promise<void> {
  try {
    await browser.storage.local.set({ [PACKS_FLAG]: value });
  } catch {
    // Storage full or gone: try to forget the flag, which reads as "yes"; failing that, the
    // database stays the truth for every context that opens it.
    await browser.storage.local.remove(PACKS_FLAG).catch(() => undefined);
  }
}

/** The flag as stored: false only when no pack was installed at the last change. */
export async function readPacksMayExist(): Promise<boolean> {
  try {
    return (await browser.storage.local.get(PACKS_FLAG))[PACKS_FLAG] !== false;
  } catch {
    return true;
  }
}

/** Before anything that may add a pack: from now on a worker that wakes looks in the database. */
export function beforeAddingPacks(): Promise<void> {
  return setFlag(true);
}

/** After a change to the packs has committed or failed: the flag follows what is installed. */
export async function afterChangingPacks(db: TakeawayDB): Promise<void> {
  const count = await db.packs.count().catch(() => null);
  if (count !== null) await setFlag(count > 0);
}

/** Run a change to the packs between the two above. */
export async function changingPacks<T>(db: TakeawayDB, mayAdd: boolean, work: () => Promise<T>): Promise<T> {
  if (mayAdd) await beforeAddingPacks();
  try {
    return await work();
  } finally {
    await afterChangingPacks(db);
  }
}

/**
 * The background's view: the flag read at start-up, then every change another page makes to it.
 * The returned function answers "may a pack hold this paper?" without touching IndexedDB.
 */
export function watchPacksMayExist(): () => Promise<boolean> {
  const atStart = readPacksMayExist();
  // A change seen here is newer than the read at start-up, whichever finishes first.
  let latest: boolean | null = null;
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[PACKS_FLAG];
    if (area === 'local' && change) latest = change.newValue !== false;
  });
  return () => (latest === null ? atStart : Promise.resolve(latest));
}
