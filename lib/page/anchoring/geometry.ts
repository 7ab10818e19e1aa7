/**
 * Where a highlight's boxes go, as pure functions of rectangles: the browser measures
 * (`Range.getClientRects()`), these decide. Kept free of the DOM so the merging and hit-testing
 * are tested without layout (happy-dom has none).
 */

/** A rectangle in CSS pixels, as `DOMRect` has it (only these four fields are read). */
export interface RectLike {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Rectangles thinner than this are collapsed white space or caret positions, not text. */
const MIN_SIZE = 0.5;

/** Two rectangles are on one line when they overlap vertically by at least this much of the shorter. */
const SAME_LINE = 0.5;

/** A gap of up to this fraction of the line's height between two pieces on a line is closed. */
const GAP = 0.5;

function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return overlap >= SAME_LINE * Math.min(a.h, b.h);
}

/**
 * The boxes of one highlight: its text's client rectangles moved by `origin` (the layer's own
 * position in the viewport, so the result is in the layer's coordinates), with empty ones dropped
 * and the pieces of one line (text nodes, inline elements) joined into one box per run of text.
 * Pieces on one line further apart than half a line's height (columns, table cells) stay apart.
 */
export function highlightBoxes(
  rects: readonly RectLike[],
  origin: { x: number; y: number } = { x: 0, y: 0 },
): Box[] {
  const boxes: Box[] = [];
  for (const r of rects) {
    if (!(r.width >= MIN_SIZE && r.height >= MIN_SIZE)) continue;
    boxes.push({ x: r.left - origin.x, y: r.top - origin.y, w: r.width, h: r.height });
  }
  // Top to bottom, then left to right: pieces of a line end up next to each other.
  boxes.sort((a, b) => (sameLine(a, b) ? a.x - b.x : a.y - b.y));
  const out: Box[] = [];
  for (const b of boxes) {
    const last = out[out.length - 1];
    if (last && sameLine(last, b) && b.x <= last.x + last.w + GAP * Math.min(last.h, b.h)) {
      const right = Math.max(last.x + last.w, b.x + b.w);
      const bottom = Math.max(last.y + last.h, b.y + b.h);
      last.x = Math.min(last.x, b.x);
      last.y = Math.min(last.y, b.y);
      last.w = right - last.x;
      last.h = bottom - last.y;
    } else {
      out.push({ ...b });
    }
  }
  return out;
}

/** The parts of boxes inside `clip` (a scroller's visible area); boxes left empty are dropped. */
export function clipBoxes(boxes: readonly Box[], clip: Box): Box[] {
  const out: Box[] = [];
  for (const b of boxes) {
    const x = Math.max(b.x, clip.x);
    const y = Math.max(b.y, clip.y);
    const w = Math.min(b.x + b.w, clip.x + clip.w) - x;
    const h = Math.min(b.y + b.h, clip.y + clip.h) - y;
    if (w >= MIN_SIZE && h >= MIN_SIZE) out.push({ x, y, w, h });
  }
  return out;
}

/** Round to device pixels so that boxes do not blur or leave hairline gaps between lines. */
export function snap(b: Box, dpr = 1): Box {
  const r = (v: number) => Math.round(v * dpr) / dpr;
  const x = r(b.x);
  const y = r(b.y);
  return { x, y, w: r(b.x + b.w) - x, h: r(b.y + b.h) - y };
}

/**
 * The highlight under a point (in the same coordinates as the boxes), or null. Where highlights
 * overlap, the one drawn last (on top) wins, as it would for elements.
 */
export function hitTest(
  layout: ReadonlyMap<string, readonly Box[]> | readonly (readonly [string, readonly Box[]])[],
  x: number,
  y: number,
): string | null {
  let hit: string | null = null;
  for (const [id, boxes] of layout) {
    for (const b of boxes) {
      if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) {
        hit = id;
        break;
      }
    }
  }
  return hit;
}

/** The rectangle around a highlight's boxes (for placing the toolbar), or null when it has none. */
export function bounds(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Relative luminance (WCAG) of an `rgb()`/`rgba()` colour, or null when transparent or unreadable. */
export function luminance(color: string): number | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
    color.trim(),
  );
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return null;
  const lin = (c: string) => {
    const v = parseFloat(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1] as string) + 0.7152 * lin(m[2] as string) + 0.0722 * lin(m[3] as string);
}
