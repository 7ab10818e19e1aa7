import type { Highlight, TakeawayDB, TextPositionSelector, TextQuoteSelector } from './index';
import { findPaper, upsertPaper, type PaperSighting } from './papers';

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** What the page side knows of a new highlight: where it is, not which paper record it belongs to. */
export interface HighlightDraft {
  id: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  color: HighlightColor;
  comment?: string;
}

/** The highlights of the paper a sighting is of (none when the paper is unknown). */
export async function highlightsOf(db: TakeawayDB, s: PaperSighting): Promise<Highlight[]> {
  const paper = await findPaper(db, s);
  return paper ? highlightsOfPaper(db, paper.id) : [];
}

/** The highlights of a paper that are not in the trash, in reading order where known. */
export async function highlightsOfPaper(db: TakeawayDB, paperId: number): Promise<Highlight[]> {
  const all = await db.highlights.where('paperId').equals(paperId).toArray();
  return all
    .filter((h) => h.deletedAt === undefined)
    .sort(
      (a, b) =>
        (a.position?.start ?? Infinity) - (b.position?.start ?? Infinity) || a.createdAt - b.createdAt,
    );
}

/** Create or update a highlight on a paper (creating the paper on first use), in one transaction. */
export async function saveHighlight(
  db: TakeawayDB,
  s: PaperSighting,
  draft: HighlightDraft,
  url: string,
): Promise<Highlight> {
  return db.transaction('rw', db.papers, db.notes, db.highlights, async () => {
    const paper = await upsertPaper(db, s);
    const prev = await db.highlights.get(draft.id);
    const now = Date.now();
    // A draft without a comment (a re-save after re-anchoring) keeps the one written earlier.
    const comment = draft.comment ?? prev?.comment;
    const h: Highlight = {
      id: draft.id,
      paperId: paper.id,
      quote: draft.quote,
      ...(draft.position ? { position: draft.position } : {}),
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
