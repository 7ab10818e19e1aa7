/**
 * The layer highlights are drawn on: coloured boxes laid over the page's text, never anything in
 * the page's own tree. The page's scripts (analytics, session recorders, ad tags) would otherwise
 * learn which sentences the reader marked from the DOM, from mutation records or from computed
 * styles (issue 19). What the page can see is one empty `<takeaway-highlights>` element, added to
 * every article page whether it has no highlight or hundreds, with a closed shadow root and no
 * attributes; its size and position never change.
 *
 * The host is `display: contents`: it has no box, so its `scrollWidth`/`scrollHeight` and rects
 * stay 0 (a box of its own would grow to hold the highlights and tell the page how far down the
 * last one is). Its shadow root's boxes are absolutely positioned against the document, so they
 * scroll with it at no cost, and painted as the last of the page's positioned elements: above the
 * article's text, below anything with a z-index (the page's sticky headers, menus and dialogs, our
 * own panel). Each box is blended with the page under it (`multiply` on a light ground, `screen`
 * on a dark one), box by box: blending the whole layer at once makes every scrolled frame
 * composite a viewport-sized surface, which costs frames without a GPU. Boxes are clipped to the
 * scrollers their text is in. Positions are given as transforms, which the Layout Instability API
 * does not report. Highlights far from the viewport are measured in idle time.
 *
 * The boxes come from `Range.getClientRects()` of each highlighted piece of text (the geometry is
 * a pure function in ../anchoring/geometry), measured again when anything can move the text:
 * window resize and zoom, fonts loading, images loading, the page's DOM changing, an inner
 * scroller scrolling. All of that is observed from the content script's isolated world, which
 * writes nothing the page can read. They ignore the pointer: a click on the page is hit-tested
 * against the boxes by the feature instead (`hitTest`).
 */
import { HIGHLIGHT_SWATCHES, type HighlightColor } from '../../shared/model';
import { bounds, clipBoxes, highlightBoxes, hitTest, luminance, snap, type Box } from '../anchoring/geometry';
import { mountShadow, type ShadowMount } from '../shadow';

/** The one element the page can see. */
export const LAYER_TAG = 'takeaway-highlights';

/**
 * Box colours on a dark background. There the boxes are blended with `screen`, which keeps light
 * text light and turns the dark ground under it into these: the same hues, dark enough for light
 * text to read on (the light swatches are blended with `multiply` on a light ground).
 */
export const DARK_SWATCHES: Record<HighlightColor, string> = {
  yellow: '#6b5800',
  green: '#1d5a33',
  blue: '#1f4379',
  pink: '#6d2350',
};

/** A piece of one text node: [start, end) of its data. */
export interface TextPiece {
  node: Text;
  start: number;
  end: number;
}

export interface DrawnHighlight {
  id: string;
  color: HighlightColor;
  /** The text under it now, piece by piece joined (what was highlighted, unless the page changed it). */
  text: string;
  boxes: Box[];
}

export interface HighlightLayer {
  /**
   * Draw (or draw again) highlight `id` over these pieces of text: placed at the next frame, or
   * at once by `relayout()` (adding many, then one relayout, measures the page once).
   */
  add(id: string, pieces: readonly TextPiece[], color: HighlightColor): void;
  delete(id: string): void;
  has(id: string): boolean;
  /** Ids of highlights whose text the page has changed or taken away since they were drawn. */
  stale(): string[];
  /** The highlight under a point of the viewport, or null. */
  hitTest(clientX: number, clientY: number): string | null;
  /** Where a highlight is, in the viewport, or null when it has no box. */
  rectOf(id: string): DOMRect | null;
  /** Measure and place every box now. */
  relayout(): void;
  /** Measure and place every box before the next frame (calls in one frame are one relayout). */
  schedule(): void;
  /** What is drawn, for tests (the content script's own objects are out of the page's reach). */
  drawn(): DrawnHighlight[];
  host: HTMLElement;
}

const CSS = `
:host { display: contents !important; pointer-events: none !important; }
.tw-layer {
  position: absolute; top: 0; left: 0; width: 0; height: 0; margin: 0; padding: 0; border: 0;
  overflow: visible; pointer-events: none; visibility: visible;
}
.tw-light .tw-box { mix-blend-mode: multiply; }
.tw-dark .tw-box { mix-blend-mode: screen; }
.tw-box { position: absolute; top: 0; left: 0; border-radius: 2px; pointer-events: none; }
@media print { .tw-layer { display: none !important; } }
`;

interface Entry {
  id: string;
  color: HighlightColor;
  pieces: { range: Range; text: string }[];
  dark: boolean | null;
  /** Its text is in a fixed or sticky element: it moves when the document scrolls. */
  pinned: boolean;
  boxes: Box[];
  group: HTMLElement;
}

function makeLayer(doc: Document, className: string): HTMLElement {
  const el = doc.createElement('div');
  el.className = `tw-layer ${className}`;
  return el;
}

/** What the ancestors of some text do to its boxes: the area they clip it to, whether it is pinned. */
interface Context {
  clip: Box | null;
  pinned: boolean;
  /** Not shown: `visibility: hidden` here, or `opacity: 0` here or above. */
  hidden: boolean;
  faded: boolean;
}

/**
 * The clip of an element's content (the intersection of its own and its ancestors' scrollers'
 * padding boxes, in the layer's coordinates), cached for one relayout. `body`'s overflow belongs
 * to the viewport when the root's is visible, and the viewport clips nothing a document scroll
 * would not show.
 */
function contextOf(el: Element | null, origin: DOMRect, win: Window, cache: Map<Element, Context>): Context {
  if (!el || el === el.ownerDocument.documentElement)
    return { clip: null, pinned: false, hidden: false, faded: false };
  const known = cache.get(el);
  if (known) return known;
  const cs = win.getComputedStyle(el);
  const parent = contextOf(el.parentElement, origin, win, cache);
  const doc = el.ownerDocument;
  const propagated = el === doc.body && win.getComputedStyle(doc.documentElement).overflowX === 'visible';
  let clip = parent.clip;
  if (!propagated && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible')) {
    const r = el.getBoundingClientRect();
    const own: Box = {
      x: cs.overflowX === 'visible' ? -1e9 : r.left + el.clientLeft - origin.left,
      y: cs.overflowY === 'visible' ? -1e9 : r.top + el.clientTop - origin.top,
      w: cs.overflowX === 'visible' ? 2e9 : el.clientWidth,
      h: cs.overflowY === 'visible' ? 2e9 : el.clientHeight,
    };
    clip = clip ? (clipBoxes([own], clip)[0] ?? { x: 0, y: 0, w: 0, h: 0 }) : own;
  }
  const faded = parent.faded || cs.opacity === '0';
  const out = {
    clip,
    pinned: parent.pinned || cs.position === 'fixed' || cs.position === 'sticky',
    faded,
    hidden: faded || cs.visibility !== 'visible',
  };
  cache.set(el, out);
  return out;
}

/** Is the ground behind `el` dark? The first opaque background up its ancestors decides. */
function onDarkGround(el: Element | null, win: Window): boolean {
  for (let e = el; e; e = e.parentElement) {
    const l = luminance(win.getComputedStyle(e).backgroundColor);
    if (l !== null) return l < 0.18;
  }
  // Nothing opaque: the canvas, which is dark only when the page opts in to a dark colour scheme.
  const scheme = win.getComputedStyle(
    el?.ownerDocument.documentElement ?? win.document.documentElement,
  ).colorScheme;
  return (
    /dark/.test(scheme) && !/light/.test(scheme) && win.matchMedia('(prefers-color-scheme: dark)').matches
  );
}

export function createHighlightLayer(o: { signal: AbortSignal; doc?: Document }): HighlightLayer {
  const doc = o.doc ?? document;
  const win = doc.defaultView ?? window;
  const { signal } = o;
  const mount: ShadowMount = mountShadow({
    tag: LAYER_TAG,
    mode: 'closed',
    css: CSS,
    parent: doc.documentElement,
    signal,
    doc,
  });
  const light = makeLayer(doc, 'tw-light');
  const dark = makeLayer(doc, 'tw-dark');
  mount.container.append(light, dark);
  const entries = new Map<string, Entry>();
  let frame: number | null = null;
  let themeChanged = false;

  const measure = (e: Entry, origin: DOMRect, cache: Map<Element, Context>): Box[] => {
    const out: Box[] = [];
    e.pinned = false;
    for (const p of e.pieces) {
      if (p.range.collapsed) continue;
      let rects: DOMRect[];
      try {
        rects = Array.from(p.range.getClientRects());
      } catch {
        continue; // A DOM without layout (tests): no boxes.
      }
      if (rects.length === 0) continue;
      const ctx = contextOf(p.range.startContainer.parentElement, origin, win, cache);
      if (ctx.pinned) e.pinned = true;
      if (ctx.hidden) continue;
      const boxes = highlightBoxes(rects, { x: origin.left, y: origin.top });
      out.push(...(ctx.clip ? clipBoxes(boxes, ctx.clip) : boxes));
    }
    // Pieces of one line in different text nodes (a word in italics) join as well.
    return highlightBoxes(out.map((b) => ({ left: b.x, top: b.y, width: b.w, height: b.h })));
  };

  // What each box was last given, so that a relayout where nothing moved writes nothing.
  const written = new WeakMap<HTMLElement, string>();
  const place = (e: Entry, dpr: number) => {
    const target = e.dark ? dark : light;
    if (e.group.parentNode !== target) target.append(e.group);
    const background = (e.dark ? DARK_SWATCHES : HIGHLIGHT_SWATCHES)[e.color];
    const children = e.group.children;
    while (children.length > e.boxes.length) e.group.lastElementChild?.remove();
    e.boxes.forEach((raw, i) => {
      const b = snap(raw, dpr);
      let el = children[i] as HTMLElement | undefined;
      if (!el) {
        el = doc.createElement('div');
        el.className = 'tw-box';
        el.dataset.testid = 'takeaway-highlight-box';
        el.dataset.id = e.id;
        el.dataset.color = e.color;
        e.group.append(el);
      }
      const key = `${b.x} ${b.y} ${b.w} ${b.h} ${background}`;
      if (written.get(el) === key) return;
      written.set(el, key);
      const s = el.style;
      s.transform = `translate(${b.x}px, ${b.y}px)`;
      s.width = `${b.w}px`;
      s.height = `${b.h}px`;
      s.background = background;
    });
  };

  /**
   * Measure and place `list`, every read first (one layout), then every write. With `near`, only
   * those whose text is within a screen of the viewport; the others are left in `stale`.
   */
  const measureAll = (list: Iterable<Entry>, near: boolean, until = Infinity) => {
    const origin = light.getBoundingClientRect();
    const cache = new Map<Element, Context>();
    const height = win.innerHeight;
    const done: Entry[] = [];
    for (const e of list) {
      if (performance.now() > until) break;
      if (near) {
        const first = e.pieces[0]?.range.startContainer.parentElement?.getBoundingClientRect();
        const last =
          e.pieces[e.pieces.length - 1]?.range.startContainer.parentElement?.getBoundingClientRect();
        const top = Math.min(first?.top ?? 0, last?.top ?? 0);
        const bottom = Math.max(first?.bottom ?? 0, last?.bottom ?? 0);
        if (bottom < -height || top > 2 * height) continue;
      }
      if (e.dark === null)
        e.dark = onDarkGround(e.pieces[0]?.range.startContainer.parentElement ?? null, win);
      e.boxes = measure(e, origin, cache);
      done.push(e);
    }
    const dpr = win.devicePixelRatio || 1;
    for (const e of done) {
      place(e, dpr);
      stale.delete(e);
    }
  };

  // Highlights far from the viewport are measured when the browser is idle, or when a scroll
  // brings them near, so that a relayout costs about what is on screen, not what is on the page.
  const stale = new Set<Entry>();
  let idle: number | null = null;
  const whenIdle = (cb: (deadline: { timeRemaining(): number }) => void): number =>
    typeof win.requestIdleCallback === 'function'
      ? win.requestIdleCallback(cb, { timeout: 1000 })
      : win.setTimeout(() => cb({ timeRemaining: () => 8 }), 50);
  const measureIdle = () => {
    if (idle !== null || stale.size === 0 || signal.aborted) return;
    idle = whenIdle((deadline) => {
      idle = null;
      if (signal.aborted) return;
      measureAll([...stale], false, performance.now() + Math.max(4, deadline.timeRemaining() - 1));
      measureIdle();
    });
  };

  const relayout = () => {
    if (frame !== null) {
      win.cancelAnimationFrame(frame);
      frame = null;
    }
    if (signal.aborted) return;
    for (const e of entries.values()) {
      if (themeChanged) e.dark = null;
      stale.add(e);
    }
    themeChanged = false;
    measureAll([...stale], true);
    measureIdle();
  };

  // A scroll brought stale highlights near: measure those (and only those) before the frame.
  let nearFrame: number | null = null;
  const measureNear = () => {
    nearFrame = null;
    if (!signal.aborted) measureAll([...stale], true);
  };

  const schedule = () => {
    if (frame !== null || signal.aborted) return;
    frame = win.requestAnimationFrame(() => {
      frame = null;
      relayout();
    });
  };

  const add = (id: string, pieces: readonly TextPiece[], color: HighlightColor) => {
    remove(id);
    const group = doc.createElement('div');
    group.className = 'tw-hl';
    const entry: Entry = {
      id,
      color,
      pieces: pieces
        .filter((p) => p.node.data.slice(p.start, p.end).trim() !== '')
        .map((p) => {
          const range = doc.createRange();
          range.setStart(p.node, p.start);
          range.setEnd(p.node, p.end);
          return { range, text: p.node.data.slice(p.start, p.end) };
        }),
      dark: null,
      pinned: false,
      boxes: [],
      group,
    };
    entries.set(id, entry);
    schedule();
  };

  const remove = (id: string) => {
    const e = entries.get(id);
    if (!e) return;
    stale.delete(e);
    for (const p of e.pieces) p.range.detach();
    e.group.remove();
    entries.delete(id);
  };

  const layout = () => new Map([...entries].map(([id, e]) => [id, e.boxes] as const));

  const layer: HighlightLayer = {
    add,
    delete: remove,
    has: (id) => entries.has(id),
    stale: () =>
      [...entries.values()]
        .filter((e) =>
          e.pieces.some((p) => !p.range.startContainer.isConnected || p.range.toString() !== p.text),
        )
        .map((e) => e.id),
    hitTest(x, y) {
      if (frame !== null) relayout();
      else if (stale.size > 0) measureAll([...stale], true);
      const origin = light.getBoundingClientRect();
      return hitTest(layout(), x - origin.left, y - origin.top);
    },
    rectOf(id) {
      const b = bounds(entries.get(id)?.boxes ?? []);
      if (!b) return null;
      const origin = light.getBoundingClientRect();
      return new DOMRect(b.x + origin.left, b.y + origin.top, b.w, b.h);
    },
    relayout,
    schedule,
    drawn: () =>
      [...entries.values()].map((e) => ({
        id: e.id,
        color: e.color,
        text: e.pieces.map((p) => p.range.toString()).join(''),
        boxes: e.boxes.map((b) => ({ ...b })),
      })),
    host: mount.host,
  };

  // What can move the text. Each only observes the page; none writes to it.
  const opts = { signal, passive: true } as const;
  win.addEventListener('resize', schedule, opts);
  win.addEventListener('load', schedule, opts);
  // The document's own scrolling moves the boxes with it; an inner scroller's does not, nor does
  // it move text in a fixed or sticky element.
  doc.addEventListener(
    'scroll',
    (e) => {
      if (entries.size === 0) return;
      if (e.target !== doc || [...entries.values()].some((x) => x.pinned)) schedule();
      else if (stale.size > 0) nearFrame ??= win.requestAnimationFrame(measureNear);
    },
    { ...opts, capture: true },
  );
  doc.fonts?.addEventListener?.('loadingdone', schedule, opts);
  const scheme = win.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener?.(
    'change',
    () => {
      themeChanged = true;
      schedule();
    },
    opts,
  );
  const mutations = new MutationObserver((records) => {
    if (entries.size === 0) return;
    let relevant = false;
    for (const r of records) {
      const t = r.target;
      if (t instanceof Element && t.localName.startsWith('takeaway-')) continue;
      const ours = [...r.addedNodes, ...r.removedNodes].every(
        (n) => n instanceof Element && n.localName.startsWith('takeaway-'),
      );
      if (r.type === 'childList' && ours) continue;
      relevant = true;
      // A class or style on the root elements is how sites switch to a dark theme.
      if (r.type === 'attributes' && (t === doc.documentElement || t === doc.body)) themeChanged = true;
    }
    if (relevant) schedule();
  });
  mutations.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
  const resizes =
    typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => entries.size && schedule());
  resizes?.observe(doc.documentElement);
  if (doc.body) resizes?.observe(doc.body);

  signal.addEventListener(
    'abort',
    () => {
      mutations.disconnect();
      resizes?.disconnect();
      if (frame !== null) win.cancelAnimationFrame(frame);
      if (nearFrame !== null) win.cancelAnimationFrame(nearFrame);
      if (idle !== null) (win.cancelIdleCallback ?? win.clearTimeout)(idle);
      for (const id of [...entries.keys()]) remove(id);
    },
    { once: true },
  );
  return layer;
}
