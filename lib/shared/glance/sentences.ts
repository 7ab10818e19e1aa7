/**
 * Sentences as spans of the original text, so that whatever the glance quotes is a verbatim slice
 * of its input. Linear in the text; the text is bounded before it gets here (MAX_TEXT).
 */

/** The glance reads at most this many characters of an abstract. */
export const MAX_TEXT = 20_000;

export interface Span {
  start: number;
  end: number;
}

/** Words after which a full stop does not end a sentence (lower case, without the stop). */
const ABBREVIATIONS = new Set([
  'al',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'vs',
  'v',
  'cf',
  'approx',
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'inc',
  'ltd',
  'co',
  'resp',
  'spp',
  'sp',
  'var',
]);

/** Abbreviations that end no sentence when a number follows ("Fig. 2", "No. 4", "ca. 30"). */
const BEFORE_NUMBER = new Set(['no', 'nos', 'fig', 'figs', 'ref', 'refs', 'ca', 'vol', 'p', 'pp']);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** The word that ends at `end` (exclusive), lower case. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && i > end - 12 && !isSpace(text.charCodeAt(i - 1)) && text[i - 1] !== '(') i--;
  return text.slice(i, end).toLowerCase();
}

/**
 * Splits text[from, to) into sentences. A sentence ends at `.`, `!` or `?` (with any closing
 * quotes or brackets) followed by white space and a character that can start a sentence, unless
 * the word before the stop is a known abbreviation or the next word starts in lower case.
 */
export function sentenceSpans(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let start = from;
  const push = (s: number, e: number): void => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (
      j < to &&
      (text[j] === ')' || text[j] === ']' || text[j] === '"' || text[j] === '\u201d' || text[j] === "'")
    )
      j++;
    if (j >= to || !isSpace(text.charCodeAt(j))) continue;
    let k = j;
    while (k < to && isSpace(text.charCodeAt(k))) k++;
    if (k >= to) break;
    const next = text[k] as string;
    if (isLower(next)) continue;
    if (!isUpper(next) && !/[\d("'\u201c[]/.test(next)) continue;
    if (ch === '.') {
      const w = wordBefore(text, i);
      const bare = w.replace(/^[("[]+/, '');
      if (ABBREVIATIONS.has(bare)) continue;
      if (BEFORE_NUMBER.has(bare) && /\d/.test(next)) continue;
      // Initials in a name ("J. A. Smith").
      if (w.length === 1 && /[A-Z]/.test(w.toUpperCase()) && /^[A-Z]\.\s/.test(text.slice(k, k + 3)))
        continue;
    }
    push(start, j);
    start = k;
    i = k - 1;
  }
  push(start, to);
  return out;
}

/** The text of a span. */
export function sliceOf(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

/** Folds runs of white space to one space and trims. */
export function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
