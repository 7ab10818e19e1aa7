/**
 * The abstract of a PDF, read from the text of its first page in reading order (identify/pdf.ts's
 * `readingOrder`, so a two-column page gives its left column first): from an "Abstract" or
 * "Summary" heading, or from the first heading of a structured abstract (Background, Objective…),
 * up to the Introduction, the keywords or the first numbered section. Standalone headings become
 * inline ones ("Background: …") so the glance reads the sections as on an article page. Pure: the
 * viewer and the unit tests run the same code.
 */
import { abstractFromText } from '../../shared/glance/abstract';
import { headingRole } from '../../shared/glance/headings';
import type { Abstract } from '../../shared/glance/types';
import { readingOrder, type PdfLine, type PdfPageText } from '../../shared/identify/pdf';
import { STOP_HEADING_RE } from '../../shared/identify/scan';

/** Where an abstract starts: its block title alone, or followed by the first words. */
const BLOCK_TITLE = /^(?:abstract|summary|structured abstract)\s*[:.\u2014\u2013-]?\s*(.*)$/i;
/** Where it ends: the body's first heading, the keywords, a numbered section. */
const END =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:introduction|keywords?|key\s+words|abbreviations|index terms|mesh terms)\b|^(?:1|I)\.?\s+[A-Z]/i;
/** Roles a structured abstract can begin with when it has no "Abstract" title. */
const OPENING_ROLES = new Set(['background', 'objective']);
const MAX_LINES = 150;
const MAX_CHARS = 12_000;

/** A short line that is only a heading ("Methods", "Conclusions:"). */
function headingOf(text: string): string | null {
  if (text.length > 60) return null;
  const label = text.replace(/[\s:.\u2014\u2013-]+$/, '');
  return headingRole(label) ? label : null;
}

const isEnd = (text: string): boolean => END.test(text) || (text.length < 80 && STOP_HEADING_RE.test(text));

/** The first page's abstract as plain text with inline headings, or null when none is found. */
export function pdfAbstractText(page: PdfPageText): string | null {
  const lines = readingOrder(page).filter((l) => !l.band);
  let start = -1;
  let lead = '';
  for (let i = 0; i < lines.length && start < 0; i++) {
    const text = (lines[i] as PdfLine).text;
    const m = BLOCK_TITLE.exec(text);
    if (m) {
      start = i + 1;
      lead = m[1] ?? '';
    } else {
      const label = headingOf(text);
      if (label && !/^introduction$/i.test(label) && OPENING_ROLES.has(headingRole(label) ?? '')) start = i;
    }
  }
  if (start < 0) return null;
  let out = lead;
  for (let i = start; i < Math.min(lines.length, start + MAX_LINES) && out.length < MAX_CHARS; i++) {
    const text = (lines[i] as PdfLine).text;
    if (isEnd(text)) break;
    const label = headingOf(text);
    if (label) {
      out = `${out.trimEnd()}${out ? '\n' : ''}${label}: `;
      continue;
    }
    // A word cut at the line's end ("mobili-" / "sation") is joined again.
    if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(text)) out = out.slice(0, -1) + text;
    else out = out && !/[\s]$/.test(out) ? `${out} ${text}` : out + text;
  }
  const text = out.trim();
  return text || null;
}

/** The abstract of a PDF from its first page's text, as the glance reads it. */
export function pdfAbstract(pages: readonly PdfPageText[]): Abstract | null {
  const first = pages.find((p) => p.page === 1);
  if (!first) return null;
  try {
    const text = pdfAbstractText(first);
    return text ? abstractFromText(text, 'pdf first page', null) : null;
  } catch {
    return null;
  }
}
