/**
 * Anchoring highlights in a page's text. Pure functions of a DOM tree: they read text nodes and
 * build Ranges, and touch no browser API beyond the DOM, so they run the same in the content
 * script and in unit tests.
 *
 * A highlight is stored as W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors):
 * a TextQuoteSelector (the words, with a little context on each side) and a TextPositionSelector
 * (offsets in the page's text). On a later visit the quote is looked up exactly, the context and
 * the old position deciding between repeats; if the page's text changed, an approximate match
 * that allows a few edits is tried before the highlight is given up as not found.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../../shared/model';

/** The page's text as one string, and the text node each character came from. */
export interface TextMap {
  text: string;
  nodes: Text[];
  /** Offset in `text` of the first character of each node. */
  starts: number[];
}

/** Elements whose text is not part of what the reader reads (or is our own UI). */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'IFRAME']);

/** Our own elements (the panel, the toolbar, the highlight layer): `takeaway-…`, never page text. */
export function isOwnUi(el: Element): boolean {
  return el.localName.startsWith('takeaway-');
}

export function textMap(root: Node): TextMap {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        const el = node as Element;
        return SKIP.has(el.nodeName.toUpperCase()) || isOwnUi(el) ? 2 /* REJECT */ : 3; /* SKIP */
      }
      return 1; /* ACCEPT */
    },
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!t.data) continue;
    nodes.push(t);
    starts.push(offset);
    parts.push(t.data);
    offset += t.data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** Index of the node holding character `offset` (the last node starting at or before it). */
function nodeAt(map: TextMap, offset: number): number {
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset in the map's text of a DOM boundary point, or null when it is outside the mapped text. */
export function offsetOf(map: TextMap, container: Node, offset: number): number | null {
  if (container.nodeType === 3) {
    const i = map.nodes.indexOf(container as Text);
    return i < 0 ? null : (map.starts[i] ?? 0) + offset;
  }
  // An element boundary: the first mapped text at or after that point.
  const doc = container.ownerDocument ?? (container as Document);
  const probe = doc.createRange();
  probe.setStart(container, offset);
  for (let i = 0; i < map.nodes.length; i++) {
    const node = map.nodes[i] as Text;
    if (probe.comparePoint(node, 0) >= 0) return map.starts[i] ?? 0;
  }
  return map.text.length;
}

/** The text segments of [start, end): one per text node it touches. */
export function segments(
  map: TextMap,
  start: number,
  end: number,
): { node: Text; start: number; end: number }[] {
  const out: { node: Text; start: number; end: number }[] = [];
  if (end <= start || map.nodes.length === 0) return out;
  for (let i = nodeAt(map, start); i < map.nodes.length; i++) {
    const node = map.nodes[i] as Text;
    const s = map.starts[i] ?? 0;
    if (s >= end) break;
    const a = Math.max(start, s) - s;
    const b = Math.min(end, s + node.data.length) - s;
    if (b > a) out.push({ node, start: a, end: b });
  }
  return out;
}

/** A DOM Range over [start, end) of the map's text. */
export function rangeOf(map: TextMap, start: number, end: number): Range | null {
  const segs = segments(map, start, end);
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (!first || !last) return null;
  const range = first.node.ownerDocument.createRange();
  range.setStart(first.node, first.start);
  range.setEnd(last.node, last.end);
  return range;
}

/** Characters of context kept on each side of a quote. */
export const CONTEXT = 32;

export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Describe a selection as selectors, or null when it holds no page text (or is our own UI). */
export function describe(map: TextMap, range: Range): Selectors | null {
  let start = offsetOf(map, range.startContainer, range.startOffset);
  let end = offsetOf(map, range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  // White space at the edges of a selection is an accident of the mouse, not part of the quote.
  while (start < end && /\s/.test(map.text[start] ?? '')) start++;
  while (end > start && /\s/.test(map.text[end - 1] ?? '')) end--;
  if (end <= start) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: map.text.slice(start, end),
      prefix: map.text.slice(Math.max(0, start - CONTEXT), start),
      suffix: map.text.slice(end, end + CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

export interface Anchor {
  start: number;
  end: number;
  how: 'exact' | 'fuzzy';
}

/** Length of the common suffix of `a` and `b` (how much of the prefix context still matches). */
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

/** How well a candidate at [start, end) fits the stored context and position; higher is better. */
function contextScore(text: string, q: TextQuoteSelector, start: number, end: number, hint?: number): number {
  const before = text.slice(Math.max(0, start - q.prefix.length), start);
  const after = text.slice(end, end + q.suffix.length);
  const ctx = commonSuffix(before, q.prefix) + commonPrefix(after, q.suffix);
  // Position breaks ties between identical contexts; it never outweighs a matching character.
  const near = hint === undefined ? 0 : 1 / (1 + Math.abs(start - hint));
  return ctx + near;
}

/** Most repeats of a quote looked at: a one-letter highlight on a long page must not hang it. */
const MAX_CANDIDATES = 2000;

/** Find a quote again. Exact first; then an approximate match allowing a few edits. */
export function anchor(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
): Anchor | null {
  const { exact } = quote;
  if (!exact) return null;
  const hint = position?.start;
  // The page is as it was: the quote and all of its context are where they were. Nothing can score
  // higher (no candidate matches more context, none is nearer), so the search is skipped; on a
  // long page it costs two scans of the text per highlight.
  if (
    hint !== undefined &&
    text.startsWith(exact, hint) &&
    text.endsWith(quote.prefix, hint) &&
    text.startsWith(quote.suffix, hint + exact.length)
  ) {
    return { start: hint, end: hint + exact.length, how: 'exact' };
  }
  let best: { start: number; score: number } | null = null;
  let count = 0;
  for (
    let i = text.indexOf(exact);
    i >= 0 && count < MAX_CANDIDATES;
    i = text.indexOf(exact, i + 1), count++
  ) {
    const score = contextScore(text, quote, i, i + exact.length, hint);
    if (!best || score > best.score) best = { start: i, score };
  }
  if (best) return { start: best.start, end: best.start + exact.length, how: 'exact' };
  return fuzzyAnchor(text, quote, hint);
}

/** Edits allowed in an approximate match: about one character in six, none for very short quotes. */
export function maxErrors(length: number): number {
  if (length < 8) return 0;
  return Math.max(1, Math.floor(length / 6));
}

/** Work allowed for one approximate search (pattern length × text length). */
const MAX_WORK = 30_000_000;

/** Quotes longer than this are found by their two ends rather than as a whole. */
const LONG_QUOTE = 256;
const END_LENGTH = 64;

function fuzzyAnchor(text: string, quote: TextQuoteSelector, hint?: number): Anchor | null {
  const k = maxErrors(quote.exact.length);
  if (k === 0) return null;
  const m = quote.exact.length;
  if (m > LONG_QUOTE) return anchorByEnds(text, quote, hint);
  // Near where it was first, then (if the page is small enough for it) anywhere.
  const windows: [number, number][] = [];
  if (hint !== undefined) {
    const pad = m * 2 + 2000;
    windows.push([Math.max(0, hint - pad), Math.min(text.length, hint + m + pad)]);
  }
  if (m * text.length <= MAX_WORK) windows.push([0, text.length]);
  for (const [from, to] of windows) {
    if ((to - from) * m > MAX_WORK) continue;
    const found = approximateSearch(text, quote.exact, k, from, to, (s, e) =>
      contextScore(text, quote, s, e, hint),
    );
    if (found) return { start: found.start, end: found.end, how: 'fuzzy' };
  }
  return null;
}

/**
 * A long passage: find its first and last words (approximately, each with the context on its
 * outer side) and take what lies between, if that is about as long as the passage was. Edits in
 * the middle of a long highlight then cost nothing, and the search stays short.
 */
function anchorByEnds(text: string, quote: TextQuoteSelector, hint?: number): Anchor | null {
  const m = quote.exact.length;
  const head: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: quote.exact.slice(0, END_LENGTH),
    prefix: quote.prefix,
    suffix: quote.exact.slice(END_LENGTH, END_LENGTH * 2),
  };
  const start = anchor(
    text,
    head,
    hint === undefined ? undefined : { type: 'TextPositionSelector', start: hint, end: hint + END_LENGTH },
  );
  if (!start) return null;
  const tailHint = start.start + m - END_LENGTH;
  const tail: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: quote.exact.slice(-END_LENGTH),
    prefix: quote.exact.slice(-END_LENGTH * 2, -END_LENGTH),
    suffix: quote.suffix,
  };
  const end = anchor(text.slice(0, start.start + Math.ceil(m * 1.5)), tail, {
    type: 'TextPositionSelector',
    start: tailHint,
    end: tailHint + END_LENGTH,
  });
  if (!end || end.end <= start.start) return null;
  const length = end.end - start.start;
  if (length < m * 0.7 || length > m * 1.3) return null;
  return { start: start.start, end: end.end, how: 'fuzzy' };
}

export interface ApproxMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * Best approximate occurrence of `pattern` in `text[from, to)` with at most `k` edits
 * (insertions, deletions, substitutions), by dynamic programming over the text (Sellers 1980),
 * keeping for each cell where its match began. Fewest edits wins; `tie` decides between equals.
 */
export function approximateSearch(
  text: string,
  pattern: string,
  k: number,
  from = 0,
  to = text.length,
  tie: (start: number, end: number) => number = () => 0,
): ApproxMatch | null {
  const m = pattern.length;
  if (m === 0) return null;
  let cost = new Int32Array(m + 1);
  let begin = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextBegin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    begin[i] = from;
  }
  let best: (ApproxMatch & { tie: number }) | null = null;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    nextCost[0] = 0;
    nextBegin[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const sub = (cost[i - 1] as number) + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const skipText = (cost[i] as number) + 1;
      const skipPattern = (nextCost[i - 1] as number) + 1;
      if (sub <= skipText && sub <= skipPattern) {
        nextCost[i] = sub;
        nextBegin[i] = begin[i - 1] as number;
      } else if (skipText <= skipPattern) {
        nextCost[i] = skipText;
        nextBegin[i] = begin[i] as number;
      } else {
        nextCost[i] = skipPattern;
        nextBegin[i] = nextBegin[i - 1] as number;
      }
    }
    const errors = nextCost[m] as number;
    if (errors <= k) {
      const start = nextBegin[m] as number;
      const end = j + 1;
      if (!best || errors < best.errors || (errors === best.errors && tie(start, end) > best.tie)) {
        best = { start, end, errors, tie: tie(start, end) };
      }
    }
    [cost, nextCost] = [nextCost, cost];
    [begin, nextBegin] = [nextBegin, begin];
  }
  return best && { start: best.start, end: best.end, errors: best.errors };
}
