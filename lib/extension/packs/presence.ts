/**
 * Whether the reader may have summary packs installed, kept in extension storage beside IndexedDB.
 *
 * Most pages are misses and most readers have no packs. A service worker that wakes reads this one
 * flag (about a millisecond) and, when it says no, answers a miss without opening IndexedDB (tens
 * of milliseconds at a wake). A wrong "yes" costs one database read; a wrong "no" would hide a
 * reader's pack. So the flag is set before anything that may add a pack, and cleared only after a
 * change has committed with no pack left; an unknown or unreadable flag reads as "yes"; and changes
 * to the packs run one at a time across the extension's pages and its worker (a Web Lock), so that
 * one page's late "no" cannot land after another page's import.
 */
import { browser } from 'wxt/browser';
import type { TakeawayDB } from '../db';
import { errorText, isNoRoom } from '../../shared/storage-errors';

export const PACKS_FLAG = 'packsMayExist';
const LOCK = 'takeaway-packs';

async function setFlag(value: boolean): Promise<void> {
  try {
    await browser.storage.local.set({ [PACKS_FLAG]: value });
  } catch (e) {
    // Storage full or gone: forgetting the flag also reads as "yes".
    const forgotten = await browser.storage.local.remove(PACKS_FLAG).then(
      () => true,
      () => false,
    );
    if (value && !forgotten)
      throw isNoRoom(e)
        ? new DOMException(
            `disk full: extension storage has no room left (${errorText(e)})`,
            'QuotaExceededError',
          )
        : new Error(`Extension storage refused a write (${errorText(e)}).`);
  }
}

/**
 * Say that packs may exist, without the lock: for the safety copy's restore, which cannot wait for
 * it (see writeBackup). A "yes" is never wrong for long: the next change to the packs corrects it.
 */
export function packsMayNowExist(): Promise<void> {
  return setFlag(true);
}

/** The flag as stored: false only when no pack was installed at the last change. */
export async function readPacksMayExist(): Promise<boolean> {
  try {
    return (await browser.storage.local.get(PACKS_FLAG))[PACKS_FLAG] !== false;
  } catch {
    return true;
  }
}

/** Hold the packs lock until the returned function is called (no lock where Web Locks are absent). */
function acquire(): Promise<() => void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((granted) => {
    locks
      .request(LOCK, () => new Promise<void>((release) => granted(release)))
      .catch(() => granted(() => undefined));
  });
}

/**
 * Start a change to the packs: takes the lock and, when the change may add a pack, sets the flag
 * first (a worker that wakes mid-change already looks in the database). The returned function ends
 * the change, committed or failed: the flag then follows the packs actually installed.
 */
export async function startChangingPacks(db: TakeawayDB, mayAdd: boolean): Promise<() => Promise<void>> {
  const release = await acquire();
  try {
    if (mayAdd) await setFlag(true);
  } catch (e) {
    release();
    throw e;
  }
  return async () => {
    try {
      const count = await db.packs.count().catch(() => null);
      if (count !== null) await setFlag(count > 0);
    } finally {
      release();
    }
  };
}

/** Run a change to the packs between the two ends above. */
export async function changingPacks<T>(db: TakeawayDB, mayAdd: boolean, work: () => Promise<T>): Promise<T> {
  const done = await startChangingPacks(db, mayAdd);
  try {
    return await work();
  } finally {
    await done();
  }
}

/** Record what is installed now (at install or update, before any change has). */
export function recordPacks(db: TakeawayDB): Promise<void> {
  return changingPacks(db, false, () => Promise.resolve());
}

/**
 * The background's view: the flag read at start-up, then every change another page makes to it.
 * The returned function answers "may a pack hold this paper?" without touching IndexedDB. A change
 * arrives as an event a moment after the page wrote it; since the flag is written before an
 * import's transaction begins, that event almost always precedes the commit, and a lookup in the
 * gap would at worst miss a pack that did not exist a few milliseconds earlier.
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
