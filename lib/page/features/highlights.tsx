/**
 * Highlights on the article page: draw the reader's highlights of this paper again, offer a small
 * toolbar on a selection, and handle the keyboard shortcuts. Runs in the content script; it never
 * opens the database (the background owns it) and never puts a comment in the page: comments are
 * written and shown in the note frame, an extension-origin document the page cannot read.
 *
 * Nor does it put the highlights themselves in the page's tree: they are boxes on a layer of our
 * own (./highlight-layer), so the page's scripts cannot tell which words are highlighted. The
 * page's text is never touched, and a click on a highlight is found by hit-testing the boxes.
 */
import { render } from 'preact';
import { HighlightToolbar, TOOLBAR_CSS, type ToolbarMode } from '../components/HighlightToolbar';
import { mountShadow, type ShadowMount } from '../shadow';
import type { HighlightColor, PaperSighting } from '../../shared/model';
import { sendMessage } from '../../shared/messaging';
import { MAX_QUOTE } from '../../shared/limits';
import { storageErrorMessage } from '../../shared/storage-errors';
import type { PageHighlight } from '../../shared/model';
import { anchor, describe, isOwnUi, segments, textMap } from '../anchoring/index';
import { createHighlightLayer, type DrawnHighlight } from './highlight-layer';

export interface HighlightFeatureOptions {
  /** Aborted when the content script is invalidated or the panel goes: everything is undone. */
  signal: AbortSignal;
  sighting: PaperSighting;
  /** The part of the page whose text can be highlighted (the body by default). */
  root?: () => HTMLElement;
  /** For tests: how messages reach the background. */
  send?: typeof sendMessage;
  /** The reader asked to comment on a highlight: show the note frame, where comments are written. */
  onCommentRequested?: () => void;
}

export interface HighlightFeature {
  /** Highlight the current selection; true when there was one to highlight. */
  highlightSelection(color?: HighlightColor, comment?: boolean): Promise<boolean>;
  /** Ids of this paper's highlights that could not be found on the page. */
  missing(): string[];
  /** Settles once the stored highlights have been drawn (or found missing). */
  ready: Promise<void>;
  /** What is drawn now: for tests, as nothing of it is in the page's DOM. */
  drawn(): DrawnHighlight[];
}

/** Shortcuts, matched on the physical key so that Alt+Shift on any layout works. */
function shortcut(e: KeyboardEvent): 'highlight' | 'comment' | null {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
  if (e.code === 'KeyH') return 'highlight';
  if (e.code === 'KeyM') return 'comment';
  return null;
}

function nothingFocused(): boolean {
  const a = document.activeElement;
  return a === null || a === document.body || a === document.documentElement;
}

function isEditable(node: Node | null): boolean {
  const el = node instanceof Element ? node : node?.parentElement;
  return !!el?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

const MAX_RETRIES = 20;

/**
 * Start highlights on this page (toolbar on a selection, Alt+Shift+H / Alt+Shift+M) for the
 * paper of `sighting`, until `signal` aborts or the returned function is called.
 */
export function startHighlights(o: {
  signal: AbortSignal;
  sighting: PaperSighting;
  onCommentRequested?: () => void;
}): () => void {
  const own = new AbortController();
  o.signal.addEventListener('abort', () => own.abort(), { once: true });
  initHighlights({
    signal: own.signal,
    sighting: o.sighting,
    ...(o.onCommentRequested ? { onCommentRequested: o.onCommentRequested } : {}),
  });
  return () => own.abort();
}

export function initHighlights(o: HighlightFeatureOptions): HighlightFeature {
  const send = o.send ?? sendMessage;
  const root = o.root ?? (() => document.body);
  const { signal } = o;
  const known = new Map<string, PageHighlight>();
  const drawn = new Set<string>();
  const removed = new Map<string, PageHighlight>();
  let missing: string[] = [];
  // Made on every article page, highlights or none, so that its presence tells the page nothing.
  const layer = createHighlightLayer({ signal });

  // The toolbar: a host element with a closed shadow root, created on first use.
  let bar: ShadowMount | null = null;
  let toolbarFor: Range | null = null;
  let shown: { mode: ToolbarMode; at: DOMRect } | null = null;

  const hideToolbar = () => {
    if (bar) render(null, bar.container);
    bar?.remove();
    bar = null;
    toolbarFor = null;
    shown = null;
  };

  const showToolbar = (mode: ToolbarMode, at: DOMRect, autoFocus = false) => {
    shown = { mode, at };
    bar ??= mountShadow({
      tag: 'takeaway-toolbar',
      mode: 'closed',
      css: TOOLBAR_CSS,
      parent: document.documentElement,
      signal,
    });
    // Where it goes is given as custom properties, which TOOLBAR_CSS places with !important from
    // inside the shadow root (where a page's own !important rules cannot override them).
    bar.host.style.setProperty('--tw-top', `${Math.max(0, at.bottom + window.scrollY + 6)}px`);
    bar.host.style.setProperty('--tw-left', `${Math.max(0, at.left + window.scrollX)}px`);
    const mount = bar.container;
    render(
      <HighlightToolbar
        mode={mode}
        autoFocus={autoFocus}
        onHighlight={(c) => void highlightSelection(c, false)}
        onHighlightAndComment={() => void highlightSelection('yellow', true)}
        onComment={(id) => void comment(id)}
        onRemove={(id) => void remove(id)}
        onUndoRemove={(id) => void undoRemove(id)}
        onClose={hideToolbar}
      />,
      mount,
    );
    // At once, not after the component's effects run: the next key pressed must land in the bar.
    if (autoFocus) mount.querySelector<HTMLButtonElement>('button')?.focus();
  };

  const report = (text: string, at?: DOMRect) => {
    showToolbar({ kind: 'message', text }, at ?? new DOMRect(16, 16, 0, 0), true);
  };

  /** Draw what can be anchored; remember the rest as missing and tell the note frame. */
  const drawAll = async () => {
    const map = textMap(root());
    const { text } = map;
    const nowMissing: string[] = [];
    for (const h of known.values()) {
      if (drawn.has(h.id)) continue;
      const a = anchor(text, h.quote, h.position);
      if (!a) {
        nowMissing.push(h.id);
        continue;
      }
      layer.add(h.id, segments(map, a.start, a.end), h.color);
      drawn.add(h.id);
    }
    // Measured once for all of them, not once each.
    layer.relayout();
    const changed = nowMissing.join() !== missing.join();
    missing = nowMissing;
    if (changed || nowMissing.length > 0) await send('highlightsMissing', { ids: nowMissing });
  };

  const load = async () => {
    const res = await send('highlightsGet', { sighting: o.sighting });
    if (signal.aborted) return;
    if (!res.ok) {
      console.warn('Takeaway: highlights not loaded:', res.error);
      return;
    }
    for (const h of res.value) known.set(h.id, h);
    await drawAll();
  };

  /** The selection as a range over the page's own text, or null when there is none to highlight. */
  const currentRange = (): Range | null => {
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    const el = root();
    if (!el.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== el) return null;
    if (isEditable(range.startContainer) || isEditable(range.endContainer)) return null;
    let n: Node | null = range.commonAncestorContainer;
    for (; n; n = n.parentNode) if (n instanceof Element && isOwnUi(n)) return null;
    return range;
  };

  async function highlightSelection(color: HighlightColor = 'yellow', withComment = false): Promise<boolean> {
    const range = toolbarFor ?? currentRange();
    if (!range) return false;
    const rect = range.getBoundingClientRect();
    const map = textMap(root());
    const sel = describe(map, range);
    hideToolbar();
    if (!sel) return false;
    if (sel.quote.exact.length > MAX_QUOTE) {
      report('That selection is too long to highlight; select a few sentences at most.', rect);
      return false;
    }
    const h: PageHighlight = {
      id: crypto.randomUUID(),
      quote: sel.quote,
      position: sel.position,
      color,
      hasComment: false,
    };
    // Drawn at once (not at the next frame) so the reader sees it; taken back if the save is refused.
    layer.add(h.id, segments(map, sel.position.start, sel.position.end), color);
    layer.relayout();
    drawn.add(h.id);
    known.set(h.id, h);
    document.getSelection()?.removeAllRanges();
    if (withComment) o.onCommentRequested?.();
    const res = await send('highlightSave', {
      sighting: o.sighting,
      highlight: { id: h.id, quote: h.quote, position: sel.position, color },
      ...(withComment ? { comment: true } : {}),
    });
    if (!res.ok) {
      layer.delete(h.id);
      drawn.delete(h.id);
      known.delete(h.id);
      report(
        `Highlight not saved: ${storageErrorMessage(res.error, 'Free some disk space, then highlight again.')}`,
        rect,
      );
      return false;
    }
    return true;
  }

  const comment = async (id: string) => {
    hideToolbar();
    const h = known.get(id);
    if (!h) return;
    // Saving again with `comment` asks the note frame of this tab to open its comment field.
    o.onCommentRequested?.();
    const { hasComment: _, ...stored } = h;
    const res = await send('highlightSave', { sighting: o.sighting, highlight: stored, comment: true });
    if (!res.ok) report(`Could not open the comment: ${res.error}`);
  };

  const remove = async (id: string) => {
    // Where the reader clicked (the page saw that click anyway), else where the highlight is.
    const at = shown?.at ?? layer.rectOf(id) ?? undefined;
    hideToolbar();
    const res = await send('highlightDelete', { id });
    if (!res.ok) {
      report(`Highlight not removed: ${res.error}`);
      return;
    }
    layer.delete(id);
    drawn.delete(id);
    // Kept aside so that Undo can draw it again.
    const h = known.get(id);
    if (h) removed.set(id, h);
    known.delete(id);
    showToolbar({ kind: 'removed', id }, at ?? new DOMRect(16, 16, 0, 0));
  };

  const undoRemove = async (id: string) => {
    hideToolbar();
    const h = removed.get(id);
    const res = await send('highlightDelete', { id, trashed: false });
    if (!res.ok || !h) {
      report(`Highlight not restored: ${res.ok ? 'it is no longer known here' : res.error}`);
      return;
    }
    removed.delete(id);
    known.set(id, h);
    await drawAll();
  };

  // A selection made with the mouse or the keyboard offers the toolbar once it is finished.
  const onSelectionDone = (e: Event) => {
    if (e.target instanceof Element && isOwnUi(e.target)) return;
    setTimeout(() => {
      if (signal.aborted) return;
      const range = currentRange();
      // A selection holding none of the article's text (inside our own panel, say) offers nothing.
      if (!range || !describe(textMap(root()), range)) {
        if (toolbarFor) hideToolbar();
        return;
      }
      toolbarFor = null;
      showToolbar({ kind: 'selection' }, range.getBoundingClientRect());
      toolbarFor = range.cloneRange();
    }, 0);
  };
  document.addEventListener('mouseup', onSelectionDone, { signal });
  document.addEventListener(
    'keyup',
    (e) => {
      if (e.shiftKey || e.key === 'Shift') onSelectionDone(e);
    },
    { signal },
  );

  document.addEventListener(
    'keydown',
    (e) => {
      const action = shortcut(e);
      if (action) {
        if (!currentRange() && !toolbarFor) return;
        e.preventDefault();
        e.stopPropagation();
        void highlightSelection('yellow', action === 'comment');
      } else if (e.key === 'Escape' && bar) {
        hideToolbar();
      } else if (
        e.key === 'Tab' &&
        !e.shiftKey &&
        !e.altKey &&
        !e.ctrlKey &&
        !e.metaKey &&
        shown &&
        nothingFocused()
      ) {
        // The bar is open and the reader is in the text, not in a field: Tab enters the bar, so it
        // can be used without a mouse. Elsewhere Tab is left to the page.
        e.preventDefault();
        showToolbar(shown.mode, shown.at, true);
      }
    },
    { signal, capture: true },
  );

  // A click on a highlight offers to comment on it or remove it. The boxes let the pointer
  // through, so the click lands on the page's text and is hit-tested against them here. The bar
  // opens at the point clicked, not at the highlight, so its position says nothing of where the
  // highlight starts or ends.
  document.addEventListener(
    'click',
    (e) => {
      if (e.button !== 0 || (e.target instanceof Element && isOwnUi(e.target))) return;
      if (!document.getSelection()?.isCollapsed) return;
      const id = layer.hitTest(e.clientX, e.clientY);
      if (!id || !known.has(id)) return;
      showToolbar({ kind: 'highlight', id }, new DOMRect(e.clientX, e.clientY, 0, 0));
    },
    { signal },
  );
  window.addEventListener('resize', hideToolbar, { signal });

  // Pages that render their text late (or change it): a drawn highlight whose words the page
  // replaced is anchored again, and the missing ones are tried again, a bounded number of times,
  // since a page that ticks a clock would otherwise keep us searching.
  let retry: ReturnType<typeof setTimeout> | null = null;
  let retries = 0;
  const observer = new MutationObserver((records) => {
    if (known.size === 0) return;
    const ours = records.every((r) =>
      [...r.addedNodes, ...r.removedNodes].every(
        (n) => n instanceof Element && n.localName.startsWith('takeaway-'),
      ),
    );
    if (ours) return;
    if (retry) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = null;
      if (signal.aborted) return;
      const stale = layer.stale();
      for (const id of stale) {
        layer.delete(id);
        drawn.delete(id);
      }
      if (stale.length === 0 && (missing.length === 0 || retries >= MAX_RETRIES)) return;
      if (stale.length === 0) retries++;
      void drawAll();
    }, 400);
  });
  observer.observe(root(), { childList: true, subtree: true, characterData: true });

  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (retry) clearTimeout(retry);
    hideToolbar();
  });

  const ready = load().catch((e: unknown) => console.warn('Takeaway: highlights failed:', e));
  return { highlightSelection, missing: () => [...missing], ready, drawn: () => layer.drawn() };
}
