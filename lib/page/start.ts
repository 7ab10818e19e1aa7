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
import type { PaperIds } from '../shared/identify/types';
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
  // The panel was mounted while the page was still being parsed: the full run fills it in.
  let partial = false;
  // The lookup sent from the address alone, before <head> was read (reused when the page names
  // the same paper).
  let prefetch: { ids: PaperIds; answer: ReturnType<typeof sendMessage<'lookup'>> } | null = null;
  const lookup = async (ids: PaperIds) => {
    // A hit for identifiers the page repeats is this paper's: no second round trip.
    if (prefetch && within(prefetch.ids, ids)) {
      const res = await prefetch.answer;
      if (res.ok && res.value) return res;
    }
    return sendMessage('lookup', ids);
  };
  // The site's setting, asked of the background while the page loads, alongside the lookup from
  // the address: the content script's own read of extension storage took 28-34 ms in Firefox
  // (waiting behind the loading page), longer than the lookup, which the early run then waited for.
  let settingAtStart: ReturnType<typeof getSiteSetting> | null = null;
  // The identifiers the panel was mounted for while the page was being parsed.
  let shownIds: PaperIds | null = null;
  const teardown = () => {
    shown = null;
    partial = false;
    shownIds = null;
    panel?.remove();
    panel = null;
    stopHighlights?.();
    stopHighlights = null;
    removeBadges?.();
    removeBadges = null;
  };

  /**
   * What the reader's paper is and what the index says of it. `early` runs as soon as <body>
   * exists, while the page is still being parsed: it identifies from the address and <head>, looks
   * the paper up and mounts the panel before the page's first paint. The full run, once the page is
   * parsed, reads what only the body says (publication types, the abstract for the glance, the
   * retraction banner) and starts highlights; for the same paper it updates the panel in place.
   */
  const run = async (early = false) => {
    const gen = ++generation;
    if (!panel && !removeBadges && !looksLikeArticle(document, location.href)) return;
    const { paper, list } = identify(document, location.href);
    const key = JSON.stringify(paper ? toPaperIds(paper) : list.map(toPaperIds));
    if (shown === key && !(partial && !early)) return;
    const ids0 = paper ? toPaperIds(paper) : null;
    // The full run may find more identifiers than <head> gave (a PMID in the body): the same paper.
    const sameAsEarly = partial && !early && !!panel && !!ids0 && !!shownIds && within(shownIds, ids0);
    if (!paper) {
      // A result list is read once the page is parsed: its items are in the body.
      if (early) return;
      teardown();
      state = { ...state, paper: null, hit: null, hints: null, glance: null };
      if (list.length > 0 && !(await getSiteSetting(host)).disabled && gen === generation) {
        removeBadges = await startBadges({ signal: ctx.signal, list });
        shown = key;
      }
      return;
    }
    const ids = toPaperIds(paper);
    const setting = await (early && settingAtStart ? settingAtStart : getSiteSetting(host));
    state.disabled = !!setting.disabled;
    if (setting.disabled || gen !== generation || ctx.isInvalid) return;
    const res = await lookup(ids);
    if (gen !== generation || ctx.isInvalid) return;
    if (!res.ok) console.warn('Takeaway: lookup failed:', res.error);
    const hit = res.ok ? res.value : null;
    const hints = readPageHints(document);
    const reading = early
      ? null
      : readGlance(document, location.href, paper.title?.display, hints.publicationTypes);
    state = { host, disabled: false, paper: ids, hit, hints, glance: reading?.glance ?? null };
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
    const opens = hit !== null || !!reading || hints.retracted || hints.expressionOfConcern;
    if (sameAsEarly && panel) {
      // The same paper, now that the page is parsed: fill in what the body says.
      panel.update({
        paper,
        hit,
        hints,
        glance: reading?.glance ?? null,
        abstractElement: reading?.element ?? null,
        sighting,
        open: opens,
      });
    } else {
      teardown();
      panel = startPanel({
        signal: ctx.signal,
        paper,
        sighting,
        hit,
        hints,
        glance: reading?.glance ?? null,
        abstractElement: reading?.element ?? null,
        // With neither a summary nor an abstract to read, the panel starts as a small tab, unless
        // the page shows a retraction.
        collapsed: setting.collapsed ?? !opens,
        collapsedChosen: setting.collapsed !== undefined,
        partial: early,
        onCollapsedChange: (collapsed) => void updateSiteSetting(host, { collapsed }),
        onDisableSite: () => {
          void updateSiteSetting(host, { disabled: true });
          state.disabled = true;
          teardown();
        },
      });
    }
    shown = key;
    shownIds = ids;
    partial = early;
    if (early) return;
    // Highlights (toolbar on a selection, Alt+Shift+H / Alt+Shift+M) follow the panel's paper, on
    // the parsed page.
    stopHighlights?.();
    stopHighlights = startHighlights({
      signal: ctx.signal,
      sighting,
      onCommentRequested: () => panel?.command('focus-note'),
    });
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

  // Start early: the address alone often names the paper (PubMed, PMC, a /doi/ path); send its
  // lookup now, while the page loads. Nothing is written to the page before it is an article.
  if (document.readyState === 'loading') {
    const fromUrl = looksLikeArticle(document, location.href)
      ? identify(document, location.href).paper
      : null;
    if (fromUrl) {
      const ids = toPaperIds(fromUrl);
      prefetch = { ids, answer: sendMessage('lookup', ids) };
      settingAtStart = sendMessage('siteSetting', {}).then((res) =>
        res.ok ? res.value : getSiteSetting(host),
      );
    }
    await bodyStarted(ctx.signal);
    if (ctx.isInvalid) return;
    await run(true);
    settingAtStart = null;
    await parsed(ctx.signal);
    if (ctx.isInvalid) return;
    // The panel just mounted is painted before the full run reads the body (the abstract's
    // reading takes tens of milliseconds): in Firefox the page is often parsed by then, and the
    // full run would otherwise hold back the frame that shows the takeaway.
    if (panel) await painted(ctx.signal);
  }
  await run();
  prefetch = null;
  // A summary the reader just wrote (or removed) in the editor shows on this page at once.
  onYourSummariesChanged(ctx.signal, () => {
    if (!state.paper) return;
    shown = null;
    void run();
  });
  // Single-page sites change article without a page load: identify again, debounced.
  watchForChanges(window, ctx.signal, () => void run());
}

/**
 * `b` names the paper `a` does: every DOI, PMID and PMCID of `a` is in `b` (a title only counts
 * when `a` has nothing else, as the body may give a fuller one than <head>).
 */
function within(a: PaperIds, b: PaperIds): boolean {
  const strong = (['doi', 'pmid', 'pmcid'] as const).filter((k) => a[k] !== undefined);
  if (strong.length === 0) return a.title !== undefined && a.title === b.title;
  return strong.every((k) => b[k] === a[k]);
}

/** Resolves once <body> exists (the parser has read <head>), or at once if it does. */
function bodyStarted(signal: AbortSignal): Promise<void> {
  if (document.body) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      document.removeEventListener('DOMContentLoaded', done);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (document.body) done();
    });
    // The content script's own observer (the page cannot see it), dropped as soon as <body> comes.
    observer.observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Resolves once the next frame is painted: after its animation frame, the first task. A tab in the
 * background paints no frames: then after 100 ms.
 */
function painted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(done, 100);
    requestAnimationFrame(() => setTimeout(done, 0));
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves once the page is parsed (DOMContentLoaded), or at once if it is. */
function parsed(signal: AbortSignal): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
