/**
 * Checks of single fields that cross between contexts (identifiers, selectors, colours, tags), for
 * the background's request checks and the backup reader: the one place a field's shape and size
 * are decided. Pure; the limits come from ./limits.
 */
import {
  MAX_CONCEPT,
  MAX_CONCEPTS,
  MAX_CONTEXT,
  MAX_FINGERPRINT,
  MAX_ID,
  MAX_OFFSET,
  MAX_PDF_PAGE,
  MAX_QUOTE,
  MAX_SHORT_ID,
  MAX_TAG,
  MAX_TAGS,
  MAX_TITLE,
  MAX_URL,
} from './limits';
import {
  HIGHLIGHT_COLORS,
  type HighlightColor,
  type PaperSighting,
  type TextPositionSelector,
  type TextQuoteSelector,
} from './model';
import type { PaperIds } from './identify/types';

/** A note's or a highlight's id: a UUID, or any run of hex digits and dashes of that order. */
export const ID_RE = /^[0-9a-f-]{8,64}$/i;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function onlyKeys(d: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(d).every((k) => keys.includes(k));
}

/** Absent, or a non-empty string of at most `max` characters. */
export function optString(v: unknown, max: number): boolean {
  return v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= max);
}

export function isId(v: unknown): v is string {
  return typeof v === 'string' && ID_RE.test(v);
}

export function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_OFFSET;
}

/** A paper's identifiers as a lookup sends them: at least one, each of its size. */
export function isPaperIds(d: unknown): d is PaperIds {
  return (
    isRecord(d) &&
    onlyKeys(d, ['doi', 'pmid', 'pmcid', 'title']) &&
    optString(d.doi, MAX_ID) &&
    optString(d.pmid, MAX_SHORT_ID) &&
    optString(d.pmcid, MAX_SHORT_ID) &&
    optString(d.title, MAX_TITLE) &&
    Object.keys(d).length > 0
  );
}

/** A PDF's fingerprint: hex digits, at least 16 and at most MAX_FINGERPRINT. */
export function isFingerprint(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 16 && v.length <= MAX_FINGERPRINT && /^[0-9a-f]+$/i.test(v);
}

/** A 1-based PDF page number. */
export function isPdfPage(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_PDF_PAGE;
}

export function isSighting(d: unknown): d is PaperSighting {
  return (
    isRecord(d) &&
    onlyKeys(d, ['doi', 'pmid', 'pmcid', 'title', 'journal', 'url', 'concepts', 'fingerprint']) &&
    (d.concepts === undefined || isConcepts(d.concepts)) &&
    (d.fingerprint === undefined || isFingerprint(d.fingerprint)) &&
    optString(d.doi, MAX_ID) &&
    optString(d.pmid, MAX_SHORT_ID) &&
    optString(d.pmcid, MAX_SHORT_ID) &&
    optString(d.title, MAX_TITLE) &&
    optString(d.journal, MAX_TITLE) &&
    optString(d.url, MAX_URL) &&
    (d.doi !== undefined ||
      d.pmid !== undefined ||
      d.pmcid !== undefined ||
      d.title !== undefined ||
      d.fingerprint !== undefined)
  );
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
  return (HIGHLIGHT_COLORS as readonly unknown[]).includes(v);
}

export function isConcepts(v: unknown): v is string[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_CONCEPTS &&
    v.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= MAX_CONCEPT)
  );
}

export function isTags(v: unknown): v is string[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_TAGS &&
    v.every((t) => typeof t === 'string' && t.length > 0 && t.length <= MAX_TAG)
  );
}
