/**
 * Find in the document: matches are counted in each text run (one pdf.js text item, one span of
 * the text layer), case-insensitively, so that each match maps to one span and can be marked
 * there. A phrase broken across two runs is not found (a known limit, as in simple viewers).
 */

export interface Match {
  page: number;
  /** Index of the text item (and of its span in the text layer). */
  item: number;
  start: number;
}

const MAX_MATCHES = 10_000;

export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase();
}

/** Matches of `query` in the text items of each page, in document order. */
export function findMatches(pages: { page: number; items: string[] }[], query: string): Match[] {
  const q = normaliseQuery(query);
  const out: Match[] = [];
  if (!q) return out;
  for (const { page, items } of pages) {
    items.forEach((str, item) => {
      const s = str.toLowerCase();
      for (let i = s.indexOf(q); i >= 0 && out.length < MAX_MATCHES; i = s.indexOf(q, i + q.length)) {
        out.push({ page, item, start: i });
      }
    });
  }
  return out;
}

/**
 * Marks the matches in a rendered text layer: each span whose text contains the query gets its
 * text split into text nodes and `<mark>`s (DOM nodes, never markup). The span's text is
 * unchanged, so pdf.js's measured width still fits. Returns the mark of `current`, if on this
 * page.
 */
export function markMatches(
  spans: HTMLElement[],
  texts: string[],
  query: string,
  current: { item: number; start: number } | null,
): HTMLElement | null {
  const q = normaliseQuery(query);
  let currentMark: HTMLElement | null = null;
  spans.forEach((span, i) => {
    const text = texts[i] ?? '';
    const had = span.dataset.twMarked === '1';
    const s = text.toLowerCase();
    if (!q || !s.includes(q)) {
      if (had) {
        span.replaceChildren(document.createTextNode(text));
        delete span.dataset.twMarked;
      }
      return;
    }
    const parts: Node[] = [];
    let at = 0;
    for (let k = s.indexOf(q); k >= 0; k = s.indexOf(q, k + q.length)) {
      if (k > at) parts.push(document.createTextNode(text.slice(at, k)));
      const mark = document.createElement('mark');
      mark.className = 'tw-pdf-match';
      mark.textContent = text.slice(k, k + q.length);
      if (current && current.item === i && current.start === k) {
        mark.classList.add('tw-pdf-match-current');
        currentMark = mark;
      }
      parts.push(mark);
      at = k + q.length;
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    span.replaceChildren(...parts);
    span.dataset.twMarked = '1';
  });
  return currentMark;
}

/**
 * Scrolls the viewer's page area (only it, never the document around it) so that `mark` is in
 * the middle of the view, unless it is already in view.
 */
export function revealMark(mark: HTMLElement): void {
  const scroller = mark.closest<HTMLElement>('.tw-pdf-scroller');
  if (!scroller) return;
  const view = scroller.getBoundingClientRect();
  const box = mark.getBoundingClientRect();
  if (box.top >= view.top && box.bottom <= view.bottom && box.left >= view.left && box.right <= view.right)
    return;
  scroller.scrollTop += box.top - view.top - (view.height - box.height) / 2;
  if (box.left < view.left || box.right > view.right) {
    scroller.scrollLeft += box.left - view.left - (view.width - box.width) / 2;
  }
}
