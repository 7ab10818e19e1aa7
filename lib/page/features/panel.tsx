import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Overlay } from '../components/Overlay';
import { frameParams } from '../../shared/frame-params';
import type { PaperSighting } from '../../shared/model';
import type { PaperIdentity } from '../../shared/identify';
import { articleTextBoxes, intersects, reserveRightSpace } from '../layout';
import { mountShadow } from '../shadow';
import { showWords } from './evidence';
import type { Glance } from '../../shared/glance/types';
import { sendMessage } from '../../shared/messaging';
import { prefillOf } from '../../shared/editor-params';
import { publishedOf } from '../../shared/identify/published';
import type { PageHints } from '../../shared/identify/hints';
import type { Command } from '../../shared/protocol';
import type { SummaryHit } from '../../shared/summaries/schema';
import overlayCss from '../components/overlay.css?inline';
import themeCss from '../../shared/components/theme.css?inline';
import glanceCss from '../../shared/components/glance.css?inline';

/** Panel width plus its gap from the window edge. */
export const PANEL_ROOM = 340 + 12 + 16;

/** Below this much room for the article, the panel starts as a tab (a small window, 200% zoom). */
const MIN_TEXT_WIDTH = 520;

export interface PanelOptions {
  /** The panel is taken off the page when this aborts. */
  signal: AbortSignal;
  paper: PaperIdentity;
  /** What the note frame is told about the paper (identifiers, address, journal). */
  sighting: PaperSighting;
  hit: SummaryHit | null;
  hints: PageHints;
  /** The automatic reading of the page's abstract, and the element holding it (null from a meta tag). */
  glance: Glance | null;
  abstractElement: Element | null;
  collapsed: boolean;
  /** Mounted while the page is still being parsed; `update` follows with the full sighting. */
  partial?: boolean;
  /** `collapsed` is the reader's remembered choice for the site, not a default. */
  collapsedChosen?: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  onDisableSite: () => void;
}

export interface PanelHandle {
  command(c: Command): void;
  /**
   * What the page tells once it is parsed (the panel may be mounted while only <head> is): the
   * hints, the glance, the full sighting; `open` opens a panel still collapsed by default.
   */
  update(next: PanelUpdate): void;
  remove(): void;
}

export type PanelUpdate = Partial<
  Pick<PanelOptions, 'paper' | 'hit' | 'hints' | 'glance' | 'abstractElement' | 'sighting'>
> & { open?: boolean };

/** Mount the panel in a shadow root at the end of <body>; the note editor is an extension iframe inside it. */
export function startPanel(o: PanelOptions): PanelHandle {
  const frameUrl = (sighting: PaperSighting) =>
    browser.runtime.getURL('/note-frame.html') + frameParams(sighting);
  // Mounted while the page is still being parsed: the note frame waits for the full sighting.
  let noteFrameUrl = o.partial ? '' : frameUrl(o.sighting);
  // Whether the reader (or a remembered choice) has set the panel open or closed: then a later
  // update never overrides it.
  let chosen = o.collapsedChosen ?? false;
  let restoreLayout: (() => void) | null = null;
  // A narrow window starts with a tab; once the reader opens the panel, it stays open.
  let collapsed = o.collapsed || window.innerWidth - PANEL_ROOM < MIN_TEXT_WIDTH;
  let container: HTMLElement | null = null;

  const layout = () => {
    restoreLayout?.();
    restoreLayout = collapsed ? null : reserveRightSpace(document, window, PANEL_ROOM);
    // A window too narrow to make room: collapse rather than cover the text.
    if (!collapsed && stillCovered()) {
      restoreLayout?.();
      restoreLayout = null;
      collapsed = true;
    }
  };

  const setCollapsed = (next: boolean, remember: boolean) => {
    collapsed = next;
    chosen = true;
    layout();
    draw();
    if (remember) o.onCollapsedChange(collapsed);
  };

  const draw = () => {
    if (!container) return;
    render(
      <Overlay
        paper={o.paper}
        hit={o.hit}
        hints={o.hints}
        glance={o.glance}
        glanceOnPage={!!o.abstractElement}
        onShowEvidence={(words) => void showWords(o.abstractElement, words)}
        noteFrameUrl={noteFrameUrl}
        reading={noteFrameUrl === ''}
        collapsed={collapsed}
        onToggle={() => setCollapsed(!collapsed, true)}
        onConcept={(concept) => void sendMessage('openPage', { page: 'concept', concept })}
        onDisableSite={o.onDisableSite}
        onWriteSummary={() =>
          void sendMessage('openSummaryEditor', {
            paper: prefillOf(o.sighting, o.hints, o.glance, publishedOf(document)),
          })
        }
      />,
      container,
    );
  };

  const own = new AbortController();
  o.signal.addEventListener('abort', () => own.abort(), { once: true });
  const ui = mountShadow({
    tag: 'takeaway-panel',
    // After <body>, not in it: mounted while the parser is still filling <body>, the panel never
    // changes the place of the page's own elements (nor anything a page script sees of them).
    parent: document.documentElement,
    mode: 'open',
    css: `${themeCss.replaceAll(':root', ':host')}\n${overlayCss}\n${glanceCss}`,
    signal: own.signal,
  });
  container = ui.container;
  // Esc inside the panel collapses it; keys typed in the page are never intercepted.
  container.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !collapsed) {
      e.stopPropagation();
      setCollapsed(true, false);
      container?.querySelector<HTMLButtonElement>('.tw-tab')?.focus();
    }
  });
  own.signal.addEventListener(
    'abort',
    () => {
      restoreLayout?.();
      restoreLayout = null;
      if (container) render(null, container);
      container = null;
    },
    { once: true },
  );
  layout();
  draw();

  return {
    command(c) {
      if (c === 'toggle-panel') setCollapsed(!collapsed, true);
      else if (c === 'focus-note') {
        if (collapsed) setCollapsed(false, true);
        container?.querySelector<HTMLIFrameElement>('iframe.tw-note-frame')?.focus();
      }
    },
    update(next) {
      const { open, ...rest } = next;
      Object.assign(o, rest);
      // The page is parsed: the note frame loads now, once, for the full sighting.
      if (rest.sighting) noteFrameUrl = frameUrl(rest.sighting);
      if (open && collapsed && !chosen && window.innerWidth - PANEL_ROOM >= MIN_TEXT_WIDTH) collapsed = false;
      layout();
      draw();
    },
    remove: () => own.abort(),
  };
}

function stillCovered(): boolean {
  const panel = {
    left: window.innerWidth - PANEL_ROOM,
    right: window.innerWidth,
    top: 0,
    bottom: window.innerHeight,
  };
  return articleTextBoxes(document).some((b) => intersects(b, panel));
}
