/**
 * What the content script does on an article site: identify the paper, look it up and start the
 * page features (the panel, highlights, or badges on a result list) for it; again whenever the
 * page changes article. A page that is not an article gets no DOM writes at all.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { identify, looksLikeArticle, toPaperIds, watchForChanges } from '../shared/identify';
import { journalOf, readPageHints } from '../shared/identify/hints';
import { listenForTabMessages, sendMessage } from '../shared/messaging';
import { MAX_CONCEPT, MAX_CONCEPTS } from '../shared/limits';
import type { TabState } from '../shared/protocol';
import { getSiteSetting, onYourSummariesChanged, updateSiteSetting } from '../shared/settings';
import { startBadges } from './features/badges';
import { readGlance } from './features/glance';
import { startHighlights } from './features/highlights';
import { startPanel, type PanelHandle } from './features/panel';

/** Run Takeaway on this page until the content script's context is invalidated. */
export async function startTakeaway(ctx: ContentScriptContext): Promise<void> {
  const host = location.hostname;
  let state: TabState = { host, disabled: false, paper: null, hit: null, hints: null, glance: null };
  let panel: PanelHandle | null = null;
  let generation = 0;

  let removeBadges: (() => void) | null = null;
  let stopHighlights: (() => void) | null = null;
  // What the page shows now (the article's ids, or the listed papers' ids): the watcher fires on
  // every <head> change, and an unchanged page must cost no storage read, message or DOM write.
  let shown: string | null = null;
  const teardown = () => {
    shown = null;
    panel?.remove();
    panel = null;
    stopHighlights?.();
    stopHighlights = null;
    removeBadges?.();
    removeBadges = null;
  };

  const run = async () => {
    const gen = ++generation;
    if (!panel && !removeBadges && !looksLikeArticle(document, location.href)) return;
    const { paper, list } = identify(document, location.href);
    const key = JSON.stringify(paper ? toPaperIds(paper) : list.map(toPaperIds));
    if (shown === key) return;
    if (!paper) {
      teardown();
      state = { ...state, paper: null, hit: null, hints: null, glance: null };
      if (list.length > 0 && !(await getSiteSetting(host)).disabled && gen === generation) {
        removeBadges = await startBadges({ signal: ctx.signal, list });
        shown = key;
      }
      return;
    }
    const ids = toPaperIds(paper);
    const setting = await getSiteSetting(host);
    state.disabled = !!setting.disabled;
    if (setting.disabled || gen !== generation || ctx.isInvalid) return;
    const res = await sendMessage('lookup', ids);
    if (gen !== generation || ctx.isInvalid) return;
    if (!res.ok) console.warn('Takeaway: lookup failed:', res.error);
    const hit = res.ok ? res.value : null;
    const hints = readPageHints(document);
    const reading = readGlance(document, location.href, paper.title?.display, hints.publicationTypes);
    state = { host, disabled: false, paper: ids, hit, hints, glance: reading?.glance ?? null };
    teardown();
    // One description of the paper for the note frame and the highlights: identifiers, address, journal.
    const journal = journalOf(document);
    // The page's subject terms go with the paper's record, so the concept page finds its notes.
    const concepts = (reading?.glance.concepts ?? [])
      .filter((c) => c.trim() !== '' && c.length <= MAX_CONCEPT)
      .slice(0, MAX_CONCEPTS);
    const sighting = {
      ...ids,
      url: location.href,
      ...(journal ? { journal } : {}),
      ...(concepts.length ? { concepts } : {}),
    };
    panel = startPanel({
      signal: ctx.signal,
      paper,
      sighting,
      hit,
      hints,
      glance: reading?.glance ?? null,
      abstractElement: reading?.element ?? null,
      // With neither a summary nor an abstract to read, the panel starts as a small tab, unless the
      // page shows a retraction.
      collapsed:
        setting.collapsed ?? (hit === null && !reading && !hints.retracted && !hints.expressionOfConcern),
      onCollapsedChange: (collapsed) => void updateSiteSetting(host, { collapsed }),
      onDisableSite: () => {
        void updateSiteSetting(host, { disabled: true });
        state.disabled = true;
        teardown();
      },
    });
    // Highlights (toolbar on a selection, Alt+Shift+H / Alt+Shift+M) follow the panel's paper.
    stopHighlights = startHighlights({
      signal: ctx.signal,
      sighting,
      onCommentRequested: () => panel?.command('focus-note'),
    });
    shown = key;
  };

  listenForTabMessages(
    {
      tabState: () => state,
      command: ({ command }) => {
        panel?.command(command);
        return panel !== null;
      },
      siteToggled: async ({ disabled }) => {
        state.disabled = disabled;
        if (disabled) teardown();
        else await run();
        return true;
      },
    },
    ctx.signal,
  );

  await run();
  // A summary the reader just wrote (or removed) in the editor shows on this page at once.
  onYourSummariesChanged(ctx.signal, () => {
    if (!state.paper) return;
    shown = null;
    void run();
  });
  // Single-page sites change article without a page load: identify again, debounced.
  watchForChanges(window, ctx.signal, () => void run());
}
