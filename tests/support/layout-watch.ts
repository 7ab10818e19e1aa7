/**
 * Whether the page's own elements move while the panel docks: an init script, run in the page
 * before its own scripts, notes at every animation frame the box of each element matching a
 * selector, and every change of an element's box after it was first laid out (the window's scroll
 * is subtracted); and every move of one of the panel's own parts (the panel is fixed in the
 * window). Where the browser reports layout shifts (Chromium), their sum too. Used by the
 * Chromium and Firefox tests alike.
 */
import { expect } from 'vitest';

/** One move seen: of the page's text or of a panel part, from boxes compared frame to frame or from a layout-shift entry. */
export interface LayoutMove {
  part: 'page' | 'panel';
  by: 'box' | 'layout shift';
  what: string;
  at: number;
  from: string;
  to: string;
}

export interface LayoutWatch {
  /** Frames watched. */
  frames: number;
  /** Page time of the first frame with the panel's takeaway laid out, if any. */
  panelAt?: number;
  /** Page time of the last frame watched. */
  lastAt: number;
  /** Each move of one of the watched elements: what it was, and its box before and after. */
  moves: LayoutMove[];
  /** Sum of layout-shift entries (Chromium only; null where the browser has none). */
  shift: number | null;
}

/** The Layout Instability API's entry (Chromium), which the DOM types do not have. */
interface LayoutShiftEntry {
  value: number;
  sources?: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
}

function watchLayout(selector: string, forMs: number): void {
  const rect = (r: DOMRectReadOnly, dx = 0, dy = 0): string =>
    `${Math.round(r.left + dx)},${Math.round(r.top + dy)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  const describe = (n: Node): string =>
    n instanceof Element ? `${n.localName}${n.id ? `#${n.id}` : ''}.${n.className}` : n.nodeName;
  const out: LayoutWatch = { frames: 0, lastAt: 0, moves: [], shift: null };
  (window as unknown as { __layout: LayoutWatch }).__layout = out;
  try {
    if (PerformanceObserver.supportedEntryTypes.includes('layout-shift')) {
      out.shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const shift = e as unknown as LayoutShiftEntry;
          out.shift = (out.shift ?? 0) + shift.value;
          // A node in the panel's shadow root is not named to the page: it reads as null.
          for (const src of shift.sources ?? [])
            out.moves.push({
              part: src.node ? 'page' : 'panel',
              by: 'layout shift',
              what: src.node ? describe(src.node) : 'a node the page cannot see',
              at: e.startTime,
              from: rect(src.previousRect),
              to: rect(src.currentRect),
            });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    }
  } catch {
    out.shift = null;
  }
  const seen = new Map<Element, string>();
  const tick = (): void => {
    const now = performance.now();
    out.frames++;
    out.lastAt = now;
    for (const el of document.querySelectorAll(selector)) {
      const b = rect(el.getBoundingClientRect(), scrollX, scrollY);
      const before = seen.get(el);
      // Only elements whose parsing is over: the last one may still be growing as text arrives.
      const complete = el.nextElementSibling !== null || document.readyState !== 'loading';
      if (before !== undefined && before !== b && complete)
        out.moves.push({ part: 'page', by: 'box', what: describe(el), at: now, from: before, to: b });
      if (complete) seen.set(el, b);
    }
    const panel = document.querySelector('takeaway-panel')?.shadowRoot;
    // The panel's own parts once drawn: where each is (a part may grow, as the note frame loads,
    // but none may be pushed down by one that comes later).
    for (const el of panel?.querySelectorAll('[data-testid], section, .tw-note-frame') ?? []) {
      const r = el.getBoundingClientRect();
      if (r.height === 0) continue;
      const at = `${Math.round(r.left)},${Math.round(r.top)}`;
      const before = seen.get(el);
      if (before !== undefined && before !== at)
        out.moves.push({
          part: 'panel',
          by: 'box',
          what: el.getAttribute('data-testid') ?? el.className,
          at: now,
          from: before,
          to: at,
        });
      seen.set(el, at);
    }
    const key = panel?.querySelector('[data-testid="takeaway-key-takeaway"]');
    if (out.panelAt === undefined && key && key.getBoundingClientRect().height > 0) out.panelAt = now;
    if (now < forMs) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** watchLayout as a script for addInitScript / evaluateOnNewDocument (no helper names needed). */
export function watchLayoutScript(selector: string, forMs = 1500): string {
  return `(() => { const __name = (f) => f; (${watchLayout.toString()})(${JSON.stringify(selector)}, ${forMs}); })()`;
}

/** An expression for the driver: the watch's result once its time is over, else null. */
export function layoutDone(forMs = 1500): string {
  return `window.__layout && window.__layout.lastAt >= ${forMs} ? window.__layout : null`;
}

/** The panel came while the page was watched, and the watch saw at least `minFrames` frames. */
export function expectDockedWhileWatched(watch: LayoutWatch, minFrames: number): void {
  expect(watch.panelAt).toBeGreaterThan(0);
  expect(watch.panelAt).toBeLessThan(watch.lastAt);
  expect(watch.frames).toBeGreaterThan(minFrames);
}

/**
 * Where the page must make room for the panel: none of the panel's parts moves, and the page's
 * text (its boxes, frame to frame) moves in one step, a single frame, none before the panel docked.
 */
export function expectRoomMadeInOneStep(watch: LayoutWatch): void {
  expect(watch.moves.filter((m) => m.part === 'panel')).toEqual([]);
  const page = watch.moves.filter((m) => m.by === 'box');
  expect(new Set(page.map((m) => m.at)).size, JSON.stringify(page)).toBeLessThanOrEqual(1);
  expect(page.filter((m) => m.at < (watch.panelAt ?? 0))).toEqual([]);
}
