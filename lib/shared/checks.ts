/**
 * Shapes and checks of the highlight messages (see lib/protocol.ts). Highlights are made on the
 * page side, so these requests come from a content script, a context a hostile page sits next to:
 * every field is checked for type and size before the background touches the database.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../extension/db/index';
import type { HighlightColor } from '../extension/db/highlights';
import type { PaperSighting } from '../extension/db/papers';
import { isSighting } from './protocol';

/** A highlight as the page side sees it: where it is and how it looks, never its comment. */
export interface PageHighlight {
  id: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  color: HighlightColor;
  hasComment: boolean;
}

export interface HighlightSaveRequest {
  sighting: PaperSighting;
  highlight: Omit<PageHighlight, 'hasComment'>;
  /** Ask the panel's note frame (in the same tab) to open the comment field of this highlight. */
  comment?: boolean;
}

/** Longest quote kept: a few paragraphs. A longer selection is refused rather than cut. */
export const MAX_QUOTE = 5000;
/** Context kept on each side of a quote; anchoring needs a few words, not a page. */
export const MAX_CONTEXT = 64;
export const MAX_COMMENT = 20_000;
const MAX_OFFSET = 50_000_000;

export const ID_RE = /^[0-9a-f-]{8,64}$/i;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(d: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(d).every((k) => keys.includes(k));
}

function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_OFFSET;
}

export function isQuote(d: unknown): d is TextQuoteSelector {
  return (
    isRecord(d) &&
    onlyKeys(d, ['type', 'exact', 'prefix', 'suffix']) &&
    d.type === 'TextQuoteSelector' &&
    typeof d.exact === 'string' &&
    d.exact.trim().length > 0 &&
    d.exact.length <= MAX_QUOTE &&
    typeof d.prefix === 'string' &&
    d.prefix.length <= MAX_CONTEXT &&
    typeof d.suffix === 'string' &&
    d.suffix.length <= MAX_CONTEXT
  );
}

export function isPosition(d: unknown): d is TextPositionSelector {
  return (
    isRecord(d) &&
    onlyKeys(d, ['type', 'start', 'end']) &&
    d.type === 'TextPositionSelector' &&
    isOffset(d.start) &&
    isOffset(d.end) &&
    d.start < d.end
  );
}

export function isColor(v: unknown): v is HighlightColor {
  return v === 'yellow' || v === 'green' || v === 'blue' || v === 'pink';
}

export function isHighlightSave(d: unknown): d is HighlightSaveRequest {
  if (!isRecord(d) || !onlyKeys(d, ['sighting', 'highlight', 'comment'])) return false;
  const h = d.highlight;
  return (
    isSighting(d.sighting) &&
    (d.comment === undefined || typeof d.comment === 'boolean') &&
    isRecord(h) &&
    onlyKeys(h, ['id', 'quote', 'position', 'color']) &&
    typeof h.id === 'string' &&
    ID_RE.test(h.id) &&
    isQuote(h.quote) &&
    (h.position === undefined || isPosition(h.position)) &&
    isColor(h.color)
  );
}

export function isHighlightsGet(d: unknown): d is { sighting: PaperSighting } {
  return isRecord(d) && onlyKeys(d, ['sighting']) && isSighting(d.sighting);
}

export function isHighlightTrash(d: unknown): d is { id: string; trashed?: boolean } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['id', 'trashed']) &&
    typeof d.id === 'string' &&
    ID_RE.test(d.id) &&
    (d.trashed === undefined || typeof d.trashed === 'boolean')
  );
}

export function isHighlightComment(d: unknown): d is { id: string; comment: string } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['id', 'comment']) &&
    typeof d.id === 'string' &&
    ID_RE.test(d.id) &&
    typeof d.comment === 'string' &&
    d.comment.length <= MAX_COMMENT
  );
}

/** Longest tag and most tags on one note: tags are labels, not text. */
export const MAX_TAGS = 30;
export const MAX_TAG = 40;

export function isTags(v: unknown): v is string[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_TAGS &&
    v.every((t) => typeof t === 'string' && t.length > 0 && t.length <= MAX_TAG)
  );
}

/** Most highlights reported at once; a paper with more is not one a person highlighted. */
export const MAX_IDS = 2000;

export function isHighlightIds(d: unknown): d is { ids: string[] } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['ids']) &&
    Array.isArray(d.ids) &&
    d.ids.length <= MAX_IDS &&
    d.ids.every((id) => typeof id === 'string' && ID_RE.test(id))
  );
}

export function isNoteTrash(d: unknown): d is { noteId: string; trashed: boolean } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['noteId', 'trashed']) &&
    typeof d.noteId === 'string' &&
    ID_RE.test(d.noteId) &&
    typeof d.trashed === 'boolean'
  );
}
