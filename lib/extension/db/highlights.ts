import { isColor, isPdfPage, isPosition, isQuote } from '../../shared/checks';
import { MAX_COMMENT } from '../../shared/limits';
import type { HighlightDraft, PaperSighting } from '../../shared/model';
import type { Highlight, TakeawayDB } from './index';
import { explainWriteError, reopenAfterFailure } from './notes';
import { findPaper, upsertPaper } from './papers';

export { HIGHLIGHT_COLORS, type HighlightColor, type HighlightDraft } from '../../shared/model';

function checkComment(comment: string | undefined): void {
  if (comment !== undefined && comment.length > MAX_COMMENT)
    throw new RangeError(
      `A highlight's comment holds at most ${MAX_COMMENT.toLocaleString('en')} characters.`,
    );
}

/** The highlights of the paper a sighting is of (none when the paper is unknown). */
export async function highlightsOf(db: TakeawayDB, s: PaperSighting): Promise<Highlight[]> {
  const paper = await findPaper(db, s);
  return paper ? highlightsOfPaper(db, paper.id) : [];
}

/**
 * The highlights of a paper that are not in the trash, in reading order where known: a PDF's by
 * page, then place in the page; a web page's by place in the page.
 */
export async function highlightsOfPaper(db: TakeawayDB, paperId: number): Promise<Highlight[]> {
  const all = await db.highlights.where('paperId').equals(paperId).toArray();
  return all
    .filter((h) => h.deletedAt === undefined)
    .sort(
      (a, b) =>
        (a.page ?? 0) - (b.page ?? 0) ||
        (a.position?.start ?? Infinity) - (b.position?.start ?? Infinity) ||
        a.createdAt - b.createdAt,
    );
}

/** Create or update a highlight on a paper (creating the paper on first use), in one transaction. */
export async function saveHighlight(
  db: TakeawayDB,
  s: PaperSighting,
  draft: HighlightDraft,
  url: string,
): Promise<Highlight> {
  // As a note's save: a database that failed to open (a full disk) is opened again once there is
  // room, and a refused write says "disk full" when that is why.
  try {
    await reopenAfterFailure(db);
    return await writeHighlight(db, s, draft, url);
  } catch (e) {
    throw await explainWriteError(e);
  }
}

async function writeHighlight(
  db: TakeawayDB,
  s: PaperSighting,
  draft: HighlightDraft,
  url: string,
): Promise<Highlight> {
  if (!isQuote(draft.quote))
    throw new RangeError('A highlight needs its quote, of at most a few paragraphs.');
  if (draft.position !== undefined && !isPosition(draft.position))
    throw new RangeError("A highlight's position is not a text range.");
  if (!isColor(draft.color)) throw new RangeError(`No highlight colour "${String(draft.color)}".`);
  if (draft.page !== undefined && !isPdfPage(draft.page))
    throw new RangeError("A highlight's page is not a page number.");
  checkComment(draft.comment);
  return db.transaction('rw', db.papers, db.notes, db.highlights, async () => {
    const paper = await upsertPaper(db, s);
    const prev = await db.highlights.get(draft.id);
    const now = Date.now();
    // A draft without a comment (a re-save after re-anchoring) keeps the one written earlier.
    const comment = draft.comment ?? prev?.comment;
    // A PDF highlight re-saved from a web page (its comment asked for there) keeps its page and
    // its place in that page's text: the web page's offsets are of another text.
    const page = draft.page ?? prev?.page;
    const position = draft.page === undefined && prev?.page !== undefined ? prev.position : draft.position;
    const h: Highlight = {
      id: draft.id,
      paperId: paper.id,
      quote: draft.quote,
      ...(position ? { position } : {}),
      ...(page !== undefined ? { page } : {}),
      color: draft.color,
      ...(comment ? { comment } : {}),
      url: prev?.url ?? url,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    await db.highlights.put(h);
    return h;
  });
}

/** Change the comment of a highlight; an empty comment removes it. */
export async function setHighlightComment(db: TakeawayDB, id: string, comment: string): Promise<Highlight> {
  checkComment(comment);
  return db.transaction('rw', db.highlights, async () => {
    const h = await db.highlights.get(id);
    if (!h) throw new Error('no such highlight');
    const next: Highlight = { ...h, updatedAt: Date.now() };
    if (comment.trim()) next.comment = comment;
    else delete next.comment;
    await db.highlights.put(next);
    return next;
  });
}

/** Move a highlight to the trash (or back out of it, for undo). */
export async function trashHighlight(db: TakeawayDB, id: string, trashed = true): Promise<void> {
  await db.transaction('rw', db.highlights, async () => {
    const h = await db.highlights.get(id);
    if (!h) return;
    const next: Highlight = { ...h, updatedAt: Date.now() };
    if (trashed) next.deletedAt = Date.now();
    else delete next.deletedAt;
    await db.highlights.put(next);
  });
}
