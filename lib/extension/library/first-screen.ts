/**
 * The library's first screen as the reader last saw it, kept in the extension's own
 * localStorage (read synchronously, before the database has even opened), so that opening the
 * library shows its rows at the first paint. It is the reader's own data, on their machine, like
 * the rest; a few rows only; and replaced by what the database holds a moment later (the rows
 * then say "loading"), so nothing in it is ever acted on: every action reads the database.
 */
import { indexLibrary, type Library, type LibraryPaper } from './model';

const KEY = 'takeaway:library-first-screen';
/** More rows than a tall window shows at once. */
const ROWS = 12;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled for the page
  }
}

function isRow(v: unknown): v is LibraryPaper {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<LibraryPaper>;
  return (
    typeof r.paper?.id === 'number' &&
    Array.isArray(r.notes) &&
    Array.isArray(r.highlights) &&
    Array.isArray(r.tags) &&
    typeof r.lastActivity === 'number' &&
    typeof r.sortTitle === 'string'
  );
}

/** The kept first screen, or null (none, or not readable by this version). */
export function readFirstScreen(): Library | null {
  try {
    const text = storage()?.getItem(KEY);
    if (!text) return null;
    const rows: unknown = JSON.parse(text);
    if (!Array.isArray(rows) || rows.length === 0 || !rows.every(isRow)) return null;
    return { ...indexLibrary(rows), partial: true };
  } catch {
    return null;
  }
}

/** Keep the most recently worked-on rows of `lib` for the next opening. Never throws. */
export function writeFirstScreen(lib: Library): void {
  const s = storage();
  if (!s) return;
  try {
    const rows = [...lib.papers].sort((a, b) => b.lastActivity - a.lastActivity).slice(0, ROWS);
    if (rows.length === 0) s.removeItem(KEY);
    else s.setItem(KEY, JSON.stringify(rows));
  } catch {
    // A full disk: the next opening waits for the database instead.
  }
}
