import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../../components/Overlay';
import { frameParams } from '../../lib/frame-params';
import { ARTICLE_HOSTS } from '../../lib/hosts';
import { identify, toPaperIds, type PaperIdentity } from '../../lib/identify';
import { intersects, articleTextBoxes, reserveRightSpace } from '../../lib/layout';
import { sendMessage } from '../../lib/messaging';
import type { SummaryHit } from '../../lib/summaries/schema';
import '../../components/theme.css';
import '../../components/overlay.css';

/** Panel width plus its gap from the window edge. */
const PANEL_ROOM = 340 + 12 + 16;

export default defineContentScript({
  matches: ARTICLE_HOSTS,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const { paper } = identify(document, location.href);
    // Not an article: nothing is written to the page.
    if (!paper) return;
    const ids = toPaperIds(paper);
    const res = await sendMessage('lookup', ids);
    if (ctx.isInvalid) return;
    if (!res.ok) console.warn('Takeaway: lookup failed:', res.error);
    await mountPanel(ctx, paper, res.ok ? res.value : null);
  },
});

async function mountPanel(ctx: ContentScriptContext, paper: PaperIdentity, hit: SummaryHit | null) {
  const sighting = { ...toPaperIds(paper), url: location.href };
  const noteFrameUrl = browser.runtime.getURL('/note-frame.html') + frameParams(sighting);
  let restoreLayout: (() => void) | null = null;
  // A paper with no summary starts as a small tab: it offers a note without taking room.
  let collapsed = hit === null;

  const ui = await createShadowRootUi(ctx, {
    name: 'takeaway-panel',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const draw = () =>
        render(
          <Overlay
            paper={paper}
            hit={hit}
            noteFrameUrl={noteFrameUrl}
            collapsed={collapsed}
            onToggle={() => {
              collapsed = !collapsed;
              layout();
              draw();
            }}
          />,
          container,
        );
      const layout = () => {
        restoreLayout?.();
        restoreLayout = collapsed ? null : reserveRightSpace(document, window, PANEL_ROOM);
        // A page too narrow to make room: start collapsed rather than cover the text.
        if (!collapsed && stillCovered()) {
          restoreLayout?.();
          restoreLayout = null;
          collapsed = true;
        }
      };
      layout();
      draw();
      return container;
    },
    onRemove(container) {
      restoreLayout?.();
      if (container) render(null, container);
    },
  });
  ui.mount();
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
