/**
 * Highlights in a PDF, as W3C Web Annotation selectors over the text of one page: the text of
 * the page's text layer (its runs joined in content order, as pdf.js lays them out), a
 * TextQuoteSelector (the words and a little context) and a TextPositionSelector (offsets in that
 * text), with the page number beside them. Pure functions of strings; the viewer maps offsets to
 * the text layer's nodes (viewer/text-layer.ts).
 */
import type { TextPositionSelector, TextQuoteSelector } from '../../shared/model';

/** Context kept on each side of a quote: enough to tell repeats apart. */
export const CONTEXT = 32;
const MAX_CANDIDATES = 500;

export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** The selectors of text[start, end), trimmed of white space at both ends; null when nothing is left. */
export function describeRange(text: string, start: number, end: number): Selectors | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e <= s) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(Math.max(0, s - CONTEXT), s),
      suffix: text.slice(e, e + CONTEXT),
    },
    position: { type: 'TextPositionSelector', start: s, end: e },
  };
}

/** Length of the common suffix of `a` and `b`. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where a stored highlight is in a page's text now: at its old position when the words are still
 * there, else the occurrence of its words whose context agrees best (the old position breaking
 * ties), else, white space aside, the same. Null when the words are not on the page.
 */
export function anchorQuote(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
): { start: number; end: number } | null {
  const exact = quote.exact;
  if (!exact) return null;
  if (position && text.slice(position.start, position.end) === exact)
    return { start: position.start, end: position.end };
  let best: { start: number; score: number } | null = null;
  let n = 0;
  for (let i = text.indexOf(exact); i >= 0 && n < MAX_CANDIDATES; i = text.indexOf(exact, i + 1), n++) {
    const before = text.slice(Math.max(0, i - quote.prefix.length), i);
    const after = text.slice(i + exact.length, i + exact.length + quote.suffix.length);
    const near = position ? 1 / (1 + Math.abs(i - position.start)) : 0;
    const score = commonSuffix(before, quote.prefix) + commonPrefix(after, quote.suffix) + near;
    if (!best || score > best.score) best = { start: i, score };
  }
  if (best) return { start: best.start, end: best.start + exact.length };
  return looseMatch(text, exact);
}

/** The words of `exact` in `text`, with any run of white space (or none) between them. */
function looseMatch(text: string, exact: string): { start: number; end: number } | null {
  const words = exact.split(/\s+/).filter(Boolean).slice(0, 200);
  if (words.length === 0) return null;
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}
