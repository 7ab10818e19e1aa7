import type { PaperIdentity } from '../../shared/identify/types';
import type { PageHints } from '../../shared/identify/hints';
import { DEFAULT_LEVEL, type SummaryHit } from '../../shared/summaries/schema';
import { EvidenceBadge } from '../../shared/components/EvidenceBadge';
import { SummaryCard } from '../../shared/components/SummaryCard';
import { GlanceCard } from '../../shared/components/GlanceCard';
import type { Glance } from '../../shared/glance/types';
import { useState } from 'preact/hooks';
import { WriteButton, YoursToggle } from './YourSummary';

export interface OverlayProps {
  paper: PaperIdentity;
  hit: SummaryHit | null;
  /** What the page itself says (publication types, retraction), used when there is no summary. */
  hints?: PageHints | null;
  /** URL of the extension-origin note editor for this paper (an iframe: the page cannot read it). */
  noteFrameUrl: string;
  collapsed: boolean;
  onToggle: () => void;
  onConcept?: (name: string) => void;
  onDisableSite?: () => void;
  /** The automatic reading of the page's abstract, when the page has one. */
  glance?: Glance | null;
  /** The abstract is on the page (not only in a meta tag): its words can be shown there. */
  glanceOnPage?: boolean;
  /**
   * The page is still being parsed: the reading of its abstract may still come. Beside a summary,
   * its row is kept (empty) until then, so that the note below does not move when it comes; the
   * panel says it is busy (`aria-busy`).
   */
  reading?: boolean;
  onShowEvidence?: (words: string) => void;
  /** Open the summary editor for this paper (an extension page: the site never sees the draft). */
  onWriteSummary?: () => void;
}

export function paperLabel(p: PaperIdentity): string {
  if (p.doi) return `DOI ${p.doi.display}`;
  if (p.pmid) return `PMID ${p.pmid.display}`;
  if (p.pmcid) return p.pmcid.display;
  return p.title?.display ?? 'this paper';
}

function Warnings({ hints }: { hints: PageHints }) {
  if (!hints.retracted && !hints.expressionOfConcern) return null;
  return (
    <p class="tw-warning" role="alert" data-testid="takeaway-retracted">
      {hints.retracted
        ? 'This paper has been retracted. Do not rely on its findings.'
        : 'This paper is under an expression of concern: treat its findings with caution.'}
    </p>
  );
}

/** The panel docked at the window's edge: summary first, then the reader's private note. */
export function Overlay(props: OverlayProps) {
  const { paper, hit, hints, noteFrameUrl, collapsed, onToggle, glance } = props;
  const [glanceOpen, setGlanceOpen] = useState(false);
  const [showYours, setShowYours] = useState(false);
  const glanceCard = (secondary: boolean) =>
    glance ? (
      <GlanceCard
        glance={glance}
        canShow={!!props.glanceOnPage}
        secondary={secondary}
        {...(props.onShowEvidence ? { onShowEvidence: props.onShowEvidence } : {})}
        {...(props.onConcept ? { onConcept: props.onConcept } : {})}
      />
    ) : null;
  const warn = !!hints && (hints.retracted || hints.expressionOfConcern);
  if (collapsed) {
    return (
      <aside
        class="tw-root tw-collapsed"
        data-testid="takeaway-overlay"
        aria-label="Takeaway"
        aria-busy={props.reading ? 'true' : undefined}
      >
        <button
          type="button"
          class={`tw-tab${warn ? ' tw-tab-warn' : ''}`}
          onClick={onToggle}
          aria-expanded="false"
          title="Show Takeaway (Alt+Shift+T)"
        >
          <span class="tw-brand">Takeaway</span>
          {warn ? <span class="tw-tab-level tw-level-5">Retracted</span> : null}
          {hit ? (
            <span class={`tw-tab-level tw-level-${hit.summary.evidence_level}`}>
              L{hit.summary.evidence_level}
            </span>
          ) : null}
        </button>
      </aside>
    );
  }
  return (
    <aside
      class="tw-root"
      data-testid="takeaway-overlay"
      aria-label="Takeaway: evidence summary and your note"
      // Still filled in from the page as it is parsed: it may open, or gain the abstract's reading.
      aria-busy={props.reading ? 'true' : undefined}
    >
      <header class="tw-header">
        <span class="tw-brand">Takeaway</span>
        <span class="tw-header-actions">
          {props.onDisableSite && (
            <button
              type="button"
              class="tw-text-button"
              onClick={props.onDisableSite}
              data-testid="takeaway-disable-site"
              title="Switch Takeaway off on this site (turn it back on from the toolbar button)"
            >
              Off here
            </button>
          )}
          <button
            type="button"
            class="tw-icon-button"
            onClick={onToggle}
            aria-expanded="true"
            aria-label="Collapse Takeaway panel"
            title="Collapse (Esc)"
          >
            ›
          </button>
        </span>
      </header>
      <div class="tw-body">
        {hints && <Warnings hints={hints} />}
        {hit ? (
          <>
            <SummaryCard hit={showYours && hit.yours ? hit.yours : hit} onConcept={props.onConcept} />
            {hit.yours && <YoursToggle showing={showYours} onToggle={() => setShowYours(!showYours)} />}
            {glance && (
              // The reviewed summary stays first; the reading of the abstract is one click away, so a
              // reader can check that the two agree.
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
            {!glance && props.reading && (
              // The same button, unseen and out of reach, so that the row has its exact height.
              <div class="tw-glance-toggle tw-reserved" aria-hidden="true">
                <button type="button" class="tw-text-button" tabIndex={-1} disabled>
                  From the abstract
                </button>
              </div>
            )}
          </>
        ) : (
          <div class="tw-empty" data-testid="takeaway-no-summary">
            <p>
              No reviewed summary for <strong>{paperLabel(paper)}</strong> in your index yet.
              {glance ? '' : ' You can still keep a note on it.'}
            </p>
            {glance
              ? glanceCard(false)
              : /* A retracted paper gets no strength badge: its design no longer vouches for anything. */
                hints?.studyType &&
                !hints.retracted && (
                  <div data-testid="takeaway-page-hint">
                    <EvidenceBadge studyType={hints.studyType} level={DEFAULT_LEVEL[hints.studyType]} />
                    <p class="tw-hint-source">
                      From the page's own publication type ({hints.publicationTypes.join(', ')}), not from a
                      reviewed summary.
                    </p>
                  </div>
                )}
          </div>
        )}
        {props.onWriteSummary && (
          <WriteButton mine={!!(hit?.written || hit?.yours)} onWrite={props.onWriteSummary} />
        )}
        <section class="tw-note" aria-labelledby="tw-note-h">
          <h3 id="tw-note-h" class="tw-label">
            Your note <span class="tw-private">private, stays in this browser</span>
          </h3>
          {noteFrameUrl ? (
            <iframe class="tw-note-frame" src={noteFrameUrl} title="Your private note on this paper" />
          ) : (
            // The page is still loading: the note frame comes once the paper is fully known, so it
            // loads once (its address carries the paper's subject terms) and keeps its place.
            <div class="tw-note-frame" aria-busy="true" />
          )}
        </section>
      </div>
    </aside>
  );
}
