/**
 * A DOI printed with a label in the article's own header or citation line: `DOI: 10.1109/…`,
 * `Digital Object Identifier: …`, `doi: 10.1016/…. [Epub ahead of print]`, a `DOI` table cell next
 * to its value, or a printed `https://doi.org/…` link. Unlabelled DOIs in body text are never
 * taken: they are citations.
 *
 * The page-wide search runs inside the single document walk of scan.ts (document order, reference
 * lists and page chrome skipped, stopping at a "References" heading); this module reads a DOI
 * after a label in one string.
 */
import { doiAtStart, stripDoiPrefixes, toArticleDoi, type Doi } from './doi';

const LABEL_RE = /\b(?:doi|digital object identifier)\b/gi;
const QUICK_RE = /doi|digital object identifier/i;
/** Labels tried per string: `doi:doi:doi:…` on a hostile page must not mean thousands of tries. */
const MAX_LABELS_PER_TEXT = 20;

/** Reads a DOI right after a label: `: 10.…`, ` https://doi.org/10.…`, `.org/10.…`. */
export function doiAfterLabel(after: string): Doi | null {
  let s = after.length > 420 ? after.slice(0, 420) : after;
  s = s.replace(/^\s*(?:name|number|link|no\.)?\s*[:：]?\s*/i, '');
  if (s.startsWith('.org/')) s = s.slice(5);
  s = stripDoiPrefixes(s);
  return s.startsWith('10.') ? toArticleDoi(doiAtStart(s)) : null;
}

/**
 * `(doi:10.…)` or `[DOI: 10.…]` is a parenthetical citation of another work in running text, not
 * the page's own label.
 */
function parenthetical(text: string, labelIndex: number): boolean {
  for (let i = labelIndex - 1; i >= 0 && i >= labelIndex - 3; i--) {
    const c = text[i];
    if (c === '(' || c === '[') return true;
    if (c !== ' ' && c !== '\u00A0') return false;
  }
  return false;
}

/** First labelled DOI in one string (a citation line). */
export function labelledDoiInText(text: string): Doi | null {
  const s = text.length > 100_000 ? text.slice(0, 100_000) : text;
  if (!QUICK_RE.test(s)) return null;
  LABEL_RE.lastIndex = 0;
  let tries = 0;
  for (let m = LABEL_RE.exec(s); m && tries < MAX_LABELS_PER_TEXT; m = LABEL_RE.exec(s), tries++) {
    if (parenthetical(s, m.index)) continue;
    const doi = doiAfterLabel(s.slice(m.index + m[0].length, m.index + m[0].length + 420));
    if (doi) return doi;
  }
  return null;
}

/** A label that ended the previous text node: strong, or inside an opening parenthesis. */
export type PendingLabel = false | 'strong' | 'weak';

export interface NodeLabels {
  /** A labelled DOI: the page's own. */
  doi: Doi | null;
  /** A parenthetical one, `(doi: 10.…)`: a citation, unless its block cites the page itself. */
  weak: Doi | null;
  pending: PendingLabel;
}

/**
 * Labelled DOIs in one text node of a document walk. `pending` carries a label that ended the
 * previous node (`DOI` in one table cell, the value in the next); the result says whether this
 * node ends with a label in turn.
 */
export function labelledInNode(text: string, pending: PendingLabel): NodeLabels {
  let weak: Doi | null = null;
  if (pending) {
    const trimmed = text.trimStart();
    if (trimmed) {
      const doi = doiAfterLabel(trimmed);
      if (doi && pending === 'strong') return { doi, weak: null, pending: false };
      if (doi) weak = doi;
      pending = false;
    }
  }
  if (!QUICK_RE.test(text)) return { doi: null, weak, pending };
  LABEL_RE.lastIndex = 0;
  let tries = 0;
  for (let m = LABEL_RE.exec(text); m && tries < MAX_LABELS_PER_TEXT; m = LABEL_RE.exec(text), tries++) {
    const isWeak = parenthetical(text, m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 420);
    const doi = doiAfterLabel(after);
    if (doi && !isWeak) return { doi, weak, pending: false };
    if (doi) weak ??= doi;
    else if (/^\s*[:：]?\s*$/.test(after)) pending = isWeak ? 'weak' : 'strong';
  }
  return { doi: null, weak, pending };
}
