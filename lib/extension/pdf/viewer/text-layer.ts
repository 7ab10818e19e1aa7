/**
 * The text of a page's text layer and the way between its offsets and the layer's DOM: where a
 * selection starts and ends in the page's text, and the boxes a stored highlight covers. The text
 * is the layer's text nodes joined in order (pdf.js writes one run per span; the find marks split
 * nodes but never change the text), so it is the same every time the file is opened.
 */

export interface LayerText {
  text: string;
  nodes: Text[];
  starts: number[];
}

export function layerText(layer: Element): LayerText {
  const walker = layer.ownerDocument.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!t.data) continue;
    nodes.push(t);
    starts.push(text.length);
    text += t.data;
  }
  return { text, nodes, starts };
}

/** The offset in the layer's text of a DOM point inside the layer. */
export function offsetIn(layer: Element, node: Node, offset: number): number {
  const r = layer.ownerDocument.createRange();
  r.setStart(layer, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

/** The DOM point of a text offset. */
function pointAt(map: LayerText, offset: number): [Text, number] | null {
  let lo = 0;
  let hi = map.starts.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = map.nodes[lo] as Text;
  return [node, Math.min(node.data.length, offset - (map.starts[lo] as number))];
}

export function rangeOf(layer: Element, map: LayerText, start: number, end: number): Range | null {
  const a = pointAt(map, start);
  const b = pointAt(map, end);
  if (!a || !b) return null;
  const r = layer.ownerDocument.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The boxes of a range, relative to `frame` (the page), without empty ones. */
export function boxesOf(range: Range, frame: Element): Box[] {
  const origin = frame.getBoundingClientRect();
  const out: Box[] = [];
  for (const r of Array.from(range.getClientRects())) {
    if (r.width < 0.5 || r.height < 0.5) continue;
    out.push({ left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height });
  }
  return out;
}

/** The page's text layer holding a DOM node, or null. */
export function layerOf(node: Node | null): Element | null {
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  return el?.closest('.textLayer') ?? null;
}
