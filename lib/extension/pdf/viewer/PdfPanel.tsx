/**
 * The panel beside the document: the same parts, and the same test ids, as the panel on article
 * pages (lib/page/components/Overlay.tsx), composed here from the shared cards because extension
 * pages may not import the content script's code. The paper as identified, its reviewed summary
 * (`lookup` in the background, which answers extension pages too) or, without one, the glance of
 * the abstract read from the first page, and the reader's note in the note frame (the same
 * extension page as on article pages, so a note is one note wherever the paper is read).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { GlanceCard } from '../../../shared/components/GlanceCard';
import { SummaryCard } from '../../../shared/components/SummaryCard';
import { frameParams } from '../../../shared/frame-params';
import { glance } from '../../../shared/glance';
import type { Glance } from '../../../shared/glance/types';
import type { PdfIdentification, PdfPageText } from '../../../shared/identify/pdf';
import { toPaperIds, type PaperIdentity } from '../../../shared/identify/types';
import { sendMessage } from '../../../shared/messaging';
import type { PaperSighting } from '../../../shared/model';
import type { SummaryHit } from '../../../shared/summaries/schema';
import { pdfAbstract } from '../abstract';
import { PdfIdentity } from './Identity';

/** What the note frame and the database are told about the open file's paper. */
export function sightingOf(identity: PdfIdentification, url?: string | null): PaperSighting | null {
  const s: PaperSighting = identity.paper ? toPaperIds(identity.paper) : {};
  if (identity.fingerprint && /^[0-9a-f]{16,64}$/i.test(identity.fingerprint))
    s.fingerprint = identity.fingerprint.toLowerCase();
  if (url?.startsWith('https:')) s.url = url;
  return s.doi || s.pmid || s.pmcid || s.title || s.fingerprint ? s : null;
}

/** The glance of the PDF's abstract, or null when its first page has none. */
export function pdfGlance(pages: readonly PdfPageText[], title?: string): Glance | null {
  const abs = pdfAbstract(pages);
  if (!abs) return null;
  return glance({ abstract: abs.text, sections: abs.sections, ...(title ? { title } : {}) });
}

function paperLabel(p: PaperIdentity | null): string {
  if (p?.doi) return `DOI ${p.doi.display}`;
  if (p?.pmid) return `PMID ${p.pmid.display}`;
  if (p?.pmcid) return p.pmcid.display;
  return p?.title?.display ?? 'this PDF';
}

export interface KeepCopy {
  checked: boolean;
  busy: boolean;
  error: string | null;
  onChange: (keep: boolean) => void;
}

export interface PdfPanelProps {
  identity: PdfIdentification | null;
  /** The text read for identification (first pages): the abstract is read from page 1. */
  pages: readonly PdfPageText[] | null;
  sighting: PaperSighting | null;
  /** Offered for a local file and a kept one; absent for a document read from a site. */
  keep?: KeepCopy;
}

type Lookup = { state: 'loading' } | { state: 'done'; hit: SummaryHit | null };

export function PdfPanel({ identity, pages, sighting, keep }: PdfPanelProps) {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' });
  const [glanceOpen, setGlanceOpen] = useState(false);
  const ids = identity?.paper ? toPaperIds(identity.paper) : null;
  const idsKey = JSON.stringify(ids);

  useEffect(() => {
    if (!identity) return;
    if (!ids || Object.keys(ids).length === 0) {
      setLookup({ state: 'done', hit: null });
      return;
    }
    let live = true;
    setLookup({ state: 'loading' });
    void sendMessage('lookup', ids).then((r) => {
      if (!live) return;
      if (!r.ok) console.warn('Takeaway: lookup failed:', r.error);
      setLookup({ state: 'done', hit: r.ok ? r.value : null });
    });
    return () => {
      live = false;
    };
  }, [identity, idsKey]);

  const g = useMemo(
    () => (pages ? pdfGlance(pages, identity?.paper?.title?.display) : null),
    [pages, identity],
  );
  const noteFrameUrl = useMemo(
    () => (sighting ? browser.runtime.getURL('/note-frame.html') + frameParams(sighting) : null),
    [sighting],
  );
  const onConcept = (name: string) => {
    window.open(`${browser.runtime.getURL('/concept.html')}#${encodeURIComponent(name)}`, '_blank');
  };
  const glanceCard = (secondary: boolean) =>
    g ? (
      <GlanceCard glance={g} canShow={false} secondary={secondary} onConcept={onConcept} from="pdf" />
    ) : null;

  return (
    <div class="tw-pdf-panel" data-testid="takeaway-overlay">
      <PdfIdentity identity={identity} />
      {identity && lookup.state === 'loading' && (
        <p class="tw-muted" aria-busy="true">
          Looking the paper up…
        </p>
      )}
      {identity && lookup.state === 'done' && (
        <div class="tw-pdf-summary">
          {lookup.hit ? (
            <>
              <SummaryCard hit={lookup.hit} onConcept={onConcept} />
              {g && (
                <div class="tw-glance-toggle">
                  <button
                    type="button"
                    class="tw-text-button"
                    aria-expanded={glanceOpen}
                    data-testid="takeaway-glance-toggle"
                    onClick={() => setGlanceOpen(!glanceOpen)}
                  >
                    {glanceOpen ? 'Hide the reading of the abstract' : 'From the abstract'}
                  </button>
                  {glanceOpen && glanceCard(true)}
                </div>
              )}
            </>
          ) : (
            <div class="tw-empty" data-testid="takeaway-no-summary">
              <p>
                No reviewed summary for <strong>{paperLabel(identity.paper)}</strong> in your index yet.
                {g ? '' : ' You can still keep a note on it.'}
              </p>
              {glanceCard(false)}
            </div>
          )}
        </div>
      )}
      {keep && (
        <div class="tw-pdf-keep">
          <label>
            <input
              type="checkbox"
              data-testid="pdf-keep-copy"
              checked={keep.checked}
              disabled={keep.busy}
              onChange={(e) => keep.onChange(e.currentTarget.checked)}
            />{' '}
            Keep a copy in this browser
          </label>
          <p class="tw-muted" id="tw-pdf-keep-help">
            {keep.checked
              ? 'Kept here: it opens again from the library. Untick to delete the copy.'
              : 'Not stored: only your note and highlights are kept.'}
          </p>
          {keep.error && (
            <p class="tw-pdf-error-inline" role="alert">
              {keep.error}
            </p>
          )}
        </div>
      )}
      {noteFrameUrl && (
        <section class="tw-note" aria-labelledby="tw-note-h">
          <h3 id="tw-note-h" class="tw-label">
            Your note <span class="tw-private">private, stays in this browser</span>
          </h3>
          <iframe class="tw-note-frame" src={noteFrameUrl} title="Your private note on this paper" />
        </section>
      )}
    </div>
  );
}
