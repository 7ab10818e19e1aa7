import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TakeawayDB } from '../db';
import { findDoi } from '../../shared/identify/doi';
import { parsePmcid, parsePmid } from '../../shared/identify/ids';
import type { PaperIds } from '../../shared/identify/types';
import { sendMessage, sendTabMessage } from '../../shared/messaging';
import { updateSiteSetting } from '../../shared/settings';
import type { ConceptSummaries } from '../../shared/index/service';
import type { TabState } from '../../shared/protocol';
import { enableOnSite, isArticleHost, runOnce } from '../site-access';
import type { SummaryHit } from '../../shared/summaries/schema';
import { useLiveQuery } from './use-live-query';
import { glanceLine } from '../../shared/components/GlanceCard';
import { EvidenceBadge } from '../../shared/components/EvidenceBadge';
import { openTabPdf, pdfViewerUrl, tabPdf, type TabPdf } from '../pdf/open';

/** Read what a reader pasted: a DOI (bare, doi: or resolver URL), a PMID, a PMCID, or else a title. */
export function parseQuery(q: string): PaperIds | null {
  const t = q.trim();
  if (!t) return null;
  // The same parsers as page identification, with all their clean-up (prefixes, escapes, junk).
  const doi = findDoi(t);
  if (doi) return { doi: doi.display };
  const pmcid = parsePmcid(t);
  if (pmcid) return { pmcid };
  const pmid = parsePmid(t) ?? /pubmed\.ncbi\.nlm\.nih\.gov\/(\d{1,9})/.exec(t)?.[1];
  if (pmid) return { pmid };
  return t.length >= 8 ? { title: t.slice(0, 1000) } : null;
}

function HitView({ hit }: { hit: SummaryHit }) {
  return (
    <div class="tw-popup-hit" data-testid="popup-hit">
      {hit.summary.title && <p class="tw-popup-title">{hit.summary.title}</p>}
      <EvidenceBadge studyType={hit.summary.study_type} level={hit.summary.evidence_level} />
      <p class="tw-popup-takeaway">{hit.summary.key_takeaway}</p>
    </div>
  );
}

type TabInfo = {
  id: number;
  url: string;
  state: TabState | null;
  error: string | null;
  /** The tab shows a PDF that the viewer can open. */
  pdf: TabPdf | null;
};

export function Popup({ db }: { db: TakeawayDB }) {
  const [edition, setEdition] = useState('');
  const [tab, setTab] = useState<TabInfo | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<SummaryHit | null | 'none' | 'invalid'>(null);
  const [conceptHits, setConceptHits] = useState<ConceptSummaries | null>(null);
  const [message, setMessage] = useState('');
  const [pdfMessage, setPdfMessage] = useState('');
  const noteCount = useLiveQuery(() => db.notes.filter((n) => n.deletedAt === undefined).count(), []);

  const refreshTab = async () => {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.id === undefined) return;
    const url = active.url ?? '';
    const [r, pdf] = await Promise.all([sendTabMessage(active.id, 'tabState', {}), tabPdf(active.id, url)]);
    setTab({
      id: active.id,
      url,
      state: r.ok ? r.value : null,
      error: r.ok ? null : r.error,
      pdf,
    });
  };

  useEffect(() => {
    void sendMessage('indexInfo', {}).then((r) => {
      setEdition(
        r.ok ? `${r.value.edition}: ${r.value.count} summaries` : `Summary index unavailable: ${r.error}`,
      );
    });
    void refreshTab();
  }, []);

  const search = async (e: Event) => {
    e.preventDefault();
    const ids = parseQuery(query);
    setConceptHits(null);
    if (!ids) return setFound('invalid');
    const r = await sendMessage('lookup', ids);
    setFound(r.ok ? (r.value ?? 'none') : 'none');
    // Words that are not one paper's title may name a concept: list the summaries that carry it.
    if (ids.title && !(r.ok && r.value)) {
      const c = await sendMessage('concept', { name: query.trim().slice(0, 200) });
      if (c.ok && c.value) {
        setConceptHits(c.value);
        setFound(null);
      }
    }
  };

  const setSiteDisabled = async (disabled: boolean) => {
    if (!tab?.state) return;
    await updateSiteSetting(tab.state.host, { disabled });
    await sendTabMessage(tab.id, 'siteToggled', { disabled });
    await refreshTab();
  };

  const state = tab?.state;
  return (
    <main class="tw-page tw-popup">
      <h1 class="tw-page-title">Takeaway</h1>
      <section aria-label="This page" data-testid="popup-tab">
        {!tab ? (
          <p class="tw-muted">Looking at this tab…</p>
        ) : state?.disabled ? (
          <>
            <p>Takeaway is switched off on {state.host}.</p>
            <button type="button" class="tw-button" onClick={() => void setSiteDisabled(false)}>
              Switch on for {state.host}
            </button>
          </>
        ) : state?.paper ? (
          <>
            {state.hints?.retracted && <p class="tw-warning-inline">This paper has been retracted.</p>}
            {state.hit ? (
              <HitView hit={state.hit} />
            ) : (
              <p>
                No summary for this paper ({Object.values(state.paper).filter(Boolean)[0]}) in your index.
              </p>
            )}
            {state.glance && glanceLine(state.glance) && (
              <p class="tw-muted" data-testid="popup-glance">
                From the abstract (automatic reading): {glanceLine(state.glance)}
              </p>
            )}
            <button type="button" class="tw-link-button" onClick={() => void setSiteDisabled(true)}>
              Switch off on {state.host}
            </button>
          </>
        ) : state ? (
          <p class="tw-muted">No paper found on this page. Paste a DOI, PMID or title below.</p>
        ) : tab.url.startsWith('https:') ? (
          <>
            <p class="tw-muted">Takeaway does not run on this site yet.</p>
            <div class="tw-row">
              <button
                type="button"
                class="tw-button"
                onClick={() =>
                  void enableOnSite(tab.url, tab.id).then((ok) => {
                    setMessage(ok ? 'Enabled on this site.' : 'Not enabled: permission was not granted.');
                    setTimeout(() => void refreshTab(), 500);
                  })
                }
              >
                Enable on this site
              </button>
              {!isArticleHost(tab.url) && (
                <button
                  type="button"
                  class="tw-link-button"
                  onClick={() => void runOnce(tab.id).then(() => setTimeout(() => void refreshTab(), 500))}
                >
                  Just this once
                </button>
              )}
            </div>
            {message && <p role="status">{message}</p>}
          </>
        ) : (
          <p class="tw-muted">Open an article page to see its summary.</p>
        )}
        {tab?.pdf && (
          <div class="tw-row">
            <button
              type="button"
              class="tw-button"
              data-testid="popup-open-in-takeaway"
              onClick={() =>
                void openTabPdf(tab.pdf!).then((ok) => {
                  if (!ok) setPdfMessage('Not opened: permission to read this site was not granted.');
                })
              }
            >
              Open in Takeaway
            </button>
            {pdfMessage && <p role="status">{pdfMessage}</p>}
          </div>
        )}
      </section>

      <form class="tw-search" onSubmit={(e) => void search(e)} role="search">
        <label for="tw-q">Look up a paper or a concept</label>
        <div class="tw-row">
          <input
            id="tw-q"
            type="search"
            data-testid="popup-search"
            placeholder="DOI, PMID, PMCID, title or concept"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button type="submit" class="tw-button">
            Find
          </button>
        </div>
      </form>
      <div aria-live="polite" data-testid="popup-result">
        {found === 'invalid' && <p class="tw-muted">Paste a DOI, a PubMed id, a PMC id or a title.</p>}
        {found === 'none' && <p class="tw-muted">No summary for that paper in your index.</p>}
        {found && typeof found === 'object' && <HitView hit={found} />}
        {conceptHits && (
          <div data-testid="popup-concept">
            <p>
              {conceptHits.total} summar{conceptHits.total === 1 ? 'y' : 'ies'} on{' '}
              <strong>{conceptHits.name}</strong>
            </p>
            <ul class="tw-popup-list">
              {conceptHits.summaries.slice(0, 8).map((s) => (
                <li key={s.title}>
                  <span class={`tw-mini-level tw-level-${s.evidence_level}`}>L{s.evidence_level}</span>{' '}
                  {s.title}
                </li>
              ))}
            </ul>
            <button
              type="button"
              class="tw-link-button"
              onClick={() => void sendMessage('openPage', { page: 'concept', concept: conceptHits.name })}
            >
              Open the concept page
            </button>
          </div>
        )}
      </div>

      <footer class="tw-popup-footer">
        <div class="tw-row">
          <button
            type="button"
            class="tw-button"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/review.html') })}
          >
            Open notes library
          </button>
          <button
            type="button"
            class="tw-link-button"
            data-testid="popup-open-pdf"
            onClick={() => void browser.tabs.create({ url: pdfViewerUrl() })}
          >
            Open a PDF
          </button>
        </div>
        <p class="tw-muted" data-testid="popup-note-count">
          {noteCount === undefined ? '' : `${noteCount} note${noteCount === 1 ? '' : 's'} in this browser. `}
          <span data-testid="popup-index">{edition || 'Loading index…'}</span>
        </p>
      </footer>
    </main>
  );
}
