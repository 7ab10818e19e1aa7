import { browser } from 'wxt/browser';
import { MAX_NOTE } from '../../shared/limits';
import { normaliseTags, type PaperSighting } from '../../shared/model';
import { errorText, isNoRoom } from '../../shared/storage-errors';
import type { NoteBase } from '../note-store';
import type { Note, TakeawayDB } from './index';
import { upsertPaper } from './papers';

export { newNoteId, normaliseTags } from '../../shared/model';
export type { NoteBase };

/** The notes of a paper that are not in the trash, oldest first. */
export async function notesOfPaper(db: TakeawayDB, paperId: number): Promise<Note[]> {
  const notes = await db.notes.where('paperId').equals(paperId).toArray();
  return notes.filter((n) => n.deletedAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
}

/** Paragraphs of a note: text between blank lines, trailing blanks dropped, empty ones skipped. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+$/, '').replace(/^\n+/, ''))
    .filter((p) => p.trim() !== '');
}

/** Above this many cells the alignment gives up order and keeps everything (never loses text). */
const MAX_ALIGN_CELLS = 4_000_000;

/**
 * How `other` changed `base`: which base paragraphs it kept, and what it inserted before each base
 * paragraph (`inserts[k]` before `base[k]`, `inserts[base.length]` at the end). A longest common
 * subsequence of paragraphs, after the common head and tail.
 */
function alignParagraphs(base: string[], other: string[]): { kept: boolean[]; inserts: string[][] } {
  const kept = base.map(() => false);
  const inserts: string[][] = Array.from({ length: base.length + 1 }, () => []);
  let head = 0;
  while (head < base.length && head < other.length && base[head] === other[head]) kept[head++] = true;
  let tail = 0;
  while (
    tail < base.length - head &&
    tail < other.length - head &&
    base[base.length - 1 - tail] === other[other.length - 1 - tail]
  ) {
    kept[base.length - 1 - tail] = true;
    tail++;
  }
  const b = base.slice(head, base.length - tail);
  const o = other.slice(head, other.length - tail);
  const n = b.length;
  const m = o.length;
  if (n * m > MAX_ALIGN_CELLS) {
    // Too long to align: keep what both have, and put the rest where the middle was.
    const inOther = new Set(o);
    b.forEach((p, i) => (kept[head + i] = inOther.has(p)));
    const inBase = new Set(b);
    inserts[head + n]!.push(...o.filter((p) => !inBase.has(p)));
    return { kept, inserts };
  }
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of b[i:] and o[j:].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        b[i] === o[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && b[i] === o[j]) {
      kept[head + i] = true;
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
      inserts[head + i]!.push(o[j]!);
      j++;
    } else i++;
  }
  return { kept, inserts };
}

/**
 * Merge two editors' versions of a note that both started from `base`, paragraph by paragraph:
 * what either added is kept (both versions of a paragraph both changed), a paragraph one removed
 * and the other left alone goes. Nothing either writer typed is dropped. One rule for the store
 * (a save on a stale base) and for the editor (typing not yet sent when a merged save returns).
 */
export function mergeNoteText(base: string, theirs: string, mine: string): string {
  if (theirs === base || theirs === mine) return mine;
  if (mine === base) return theirs;
  const b = paragraphsOf(base);
  const t = alignParagraphs(b, paragraphsOf(theirs));
  const m = alignParagraphs(b, paragraphsOf(mine));
  const out: string[] = [];
  for (let k = 0; k <= b.length; k++) {
    const ours = t.inserts[k]!;
    out.push(...ours);
    for (const p of m.inserts[k]!) if (!ours.includes(p)) out.push(p);
    if (k < b.length && t.kept[k] && m.kept[k]) out.push(b[k]!);
  }
  return out.join('\n\n');
}

/** Tags merged as the text is: either side's additions kept, a removal by one side honoured. */
export function mergeNoteTags(
  base: readonly string[],
  theirs: readonly string[],
  mine: readonly string[],
): string[] {
  const key = (t: string) => t.toLowerCase();
  const inBase = new Set(base.map(key));
  const inTheirs = new Set(theirs.map(key));
  const inMine = new Set(mine.map(key));
  return normaliseTags([
    ...theirs.filter((t) => !inBase.has(key(t)) || inMine.has(key(t))),
    ...mine.filter((t) => !inBase.has(key(t)) || inTheirs.has(key(t))),
  ]);
}

export const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * What to store when an editor saves `body` (and `tags`, when given) edited from `base` over the
 * stored `prev`: the editor's text as it is when nothing changed meanwhile, or when the stored
 * version is this editor's own earlier save; otherwise both versions merged, paragraph by
 * paragraph (mergeNoteText). Without a base the text replaces the stored one, as before.
 *
 * `writer` is set (to the base's) only when what is stored is exactly this editor's text: a merged
 * version holds another editor's words too, so it is nobody's own earlier save. Otherwise a
 * second write of the same editor, sent before the first came back merged (a page being hidden
 * sends the latest text at once), would replace the merge and drop the other editor's words.
 */
export function textToStore(
  prev: Pick<Note, 'body' | 'tags' | 'writer'> | undefined,
  body: string,
  tags: string[] | undefined,
  base: NoteBase | undefined,
): { body: string; tags: string[]; writer?: string } {
  const nextTags = tags ? normaliseTags(tags) : (prev?.tags ?? []);
  const stored = (text: string, storedTags: string[]) =>
    base?.writer && text === body && sameTags(storedTags, nextTags)
      ? { body: text, tags: storedTags, writer: base.writer }
      : { body: text, tags: storedTags };
  const ownEarlierSave = !!base?.writer && prev?.writer === base.writer;
  const changedMeanwhile =
    !!prev && !!base && (prev.body !== base.body || (!!tags && !sameTags(prev.tags, base.tags)));
  if (!prev || !base || ownEarlierSave || !changedMeanwhile) return stored(body, nextTags);
  return stored(
    mergeNoteText(base.body, prev.body, body),
    tags ? mergeNoteTags(base.tags, prev.tags, nextTags) : nextTags,
  );
}

/**
 * Save the text of a note on a paper, creating the paper and the note on first save. One
 * transaction: either both are written or neither is. Saving a note that is in the trash (an
 * editor still open on a note that a merge folded into another) brings it back rather than
 * dropping what was typed. Tags are normalised (lib/shared/model) and a body beyond MAX_NOTE is
 * refused whole, never cut.
 *
 * `base` is the version the editor started from. When the stored note is no longer that version
 * (another tab or window saved in between), the two are merged (mergeNoteText) instead of the
 * last save silently replacing the other's words; the returned note is what was stored, so the
 * editor sees the merge. A save without a base replaces the text, as before.
 */
export async function saveNote(
  db: TakeawayDB,
  sighting: PaperSighting,
  noteId: string,
  body: string,
  tags?: string[],
  base?: NoteBase,
): Promise<Note> {
  const tooLong = (n: number) =>
    new RangeError(
      `A note holds at most ${MAX_NOTE.toLocaleString('en')} characters; this one has ${n.toLocaleString('en')}.`,
    );
  if (body.length > MAX_NOTE) throw tooLong(body.length);
  try {
    await reopenAfterFailure(db);
    return await writeNote(db, sighting, noteId, body, tags, base, tooLong);
  } catch (e) {
    throw await explainWriteError(e);
  }
}

function writeNote(
  db: TakeawayDB,
  sighting: PaperSighting,
  noteId: string,
  body: string,
  tags: string[] | undefined,
  base: NoteBase | undefined,
  tooLong: (n: number) => RangeError,
): Promise<Note> {
  return db.transaction('rw', db.papers, db.notes, db.highlights, async () => {
    const paper = await upsertPaper(db, sighting);
    const now = Date.now();
    const prev = await db.notes.get(noteId);
    const { body: text, tags: nextTags, writer } = textToStore(prev, body, tags, base);
    if (text.length > MAX_NOTE) throw tooLong(text.length);
    const note: Note = {
      id: noteId,
      paperId: paper.id,
      body: text,
      tags: nextTags,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
      ...(writer ? { writer } : {}),
    };
    await db.notes.put(note);
    return note;
  });
}

/**
 * Whether the profile's disk refuses a small write. The database's own errors often do not say
 * why (and the storage estimate does not follow the disk's free space), but extension storage, on
 * the same disk, names it: "IO error: …: FILE_ERROR_NO_SPACE". The probe is larger than a disk
 * page, or it could land in the unused end of a page its file already has.
 */
async function diskIsFull(): Promise<boolean> {
  try {
    await browser.storage.local.set({ [PROBE_KEY]: '0'.repeat(PROBE_BYTES) });
    await browser.storage.local.remove(PROBE_KEY);
    return false;
  } catch (e) {
    return isNoRoom(e);
  }
}
const PROBE_KEY = 'diskProbe';
const PROBE_BYTES = 64 * 1024;

/**
 * Dexie keeps a failed open failed: every later transaction is refused with the same error. A
 * worker whose database could not be opened on a full disk would then never save again, even
 * once there is room; so a save opens it again first (not after an explicit close).
 */
/** A database whose open failed (a full disk) is opened again: Dexie never retries by itself. */
export async function reopenAfterFailure(db: TakeawayDB): Promise<void> {
  if (!db.isOpen() && db.hasFailed() && !db.hasBeenClosed()) await db.open();
}

/**
 * A refused write, explained. The browser reports a full disk in more than one way: a quota
 * error, or, when the database cannot even be opened, "Internal error opening backing store".
 * When the error names the lack of room, or the disk refuses a small write elsewhere, the error
 * becomes a QuotaExceededError whose message starts "disk full", which the editor shows as such.
 */
export async function explainWriteError(e: unknown): Promise<unknown> {
  if (e instanceof RangeError) return e;
  const text = errorText(e);
  if (/^QuotaExceededError: disk full/.test(text)) return e;
  const full = isNoRoom(text) || (await diskIsFull());
  return full
    ? new DOMException(`disk full: no room left in browser storage (${text})`, 'QuotaExceededError')
    : e;
}

/**
 * Every tag the reader has used, for autocomplete, most used first. Read from the tags index
 * alone (no note is loaded), since every open editor runs this again after each save: with tens
 * of thousands of notes a table scan per keystroke would be felt. Tags of notes in the trash
 * count too; they are still the reader's words.
 */
export async function allTags(db: TakeawayDB): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const k of await db.notes.orderBy('tags').keys()) {
    if (typeof k === 'string') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

/** Move a note to the trash, or bring it back (undo). Nothing is erased. */
export async function trashNote(db: TakeawayDB, noteId: string, trashed: boolean): Promise<void> {
  await db.transaction('rw', db.notes, async () => {
    const n = await db.notes.get(noteId);
    if (!n) return;
    const next: Note = { ...n, updatedAt: Date.now() };
    if (trashed) next.deletedAt = Date.now();
    else {
      delete next.deletedAt;
      delete next.mergedInto;
    }
    await db.notes.put(next);
  });
}
