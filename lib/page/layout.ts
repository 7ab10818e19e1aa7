/**
 * Keeping the panel off the article text. Runs in the page: measures, and when the text would sit
 * under the panel, narrows the page by a right margin on <html> (undone on teardown).
 */

/** Where the article's readable text usually lives, most specific first. */
const TEXT_SELECTORS = [
  '[role="main"] article',
  'main article',
  'article',
  'main',
  '[role="main"]',
  '#main-content',
  '.article-details',
  '#abstract',
  '.abstract',
  '#content',
];

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The boxes of the main text blocks of the page: headings and paragraphs of the article. */
export function articleTextBoxes(doc: Document): Box[] {
  for (const sel of TEXT_SELECTORS) {
    const root = doc.querySelector(sel);
    if (!root) continue;
    const boxes = [...root.querySelectorAll('h1, h2, h3, p, li, figcaption, td')]
      .slice(0, 400)
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    if (boxes.length > 0) return boxes;
  }
  return [];
}

/** Horizontal room the panel needs at the right edge, in CSS pixels. */
export function rightOverlap(boxes: Box[], panelLeft: number): number {
  let overlap = 0;
  for (const b of boxes) overlap = Math.max(overlap, b.right - panelLeft);
  return overlap;
}

/**
 * Make room for a panel of `width` at the right edge if the text would be covered. Returns a
 * function that restores the page, or null when the page already leaves room.
 */
export function reserveRightSpace(doc: Document, win: Window, width: number): (() => void) | null {
  const panelLeft = win.innerWidth - width;
  if (rightOverlap(articleTextBoxes(doc), panelLeft) <= 0) return null;
  const html = doc.documentElement;
  const prev = html.style.getPropertyValue('margin-right');
  const prevPriority = html.style.getPropertyPriority('margin-right');
  html.style.setProperty('margin-right', `${width}px`, 'important');
  return () => {
    if (prev) html.style.setProperty('margin-right', prev, prevPriority);
    else html.style.removeProperty('margin-right');
  };
}
