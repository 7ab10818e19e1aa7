import type { PaperIdentity } from '../lib/identify/types';
import type { SummaryHit } from '../lib/summaries/schema';
import { SummaryCard } from './SummaryCard';

export interface OverlayProps {
  paper: PaperIdentity;
  hit: SummaryHit | null;
  /** URL of the extension-origin note editor for this paper (an iframe: the page cannot read it). */
  noteFrameUrl: string;
  collapsed: boolean;
  onToggle: () => void;
}

function paperLabel(p: PaperIdentity): string {
  if (p.doi) return `DOI ${p.doi.display}`;
  if (p.pmid) return `PMID ${p.pmid.display}`;
  if (p.pmcid) return p.pmcid.display;
  return p.title?.display ?? 'this paper';
}

/** The panel docked at the window's edge: summary first, then the reader's private note. */
export function Overlay({ paper, hit, noteFrameUrl, collapsed, onToggle }: OverlayProps) {
  if (collapsed) {
    return (
      <aside class="tw-root tw-collapsed" data-testid="takeaway-overlay" aria-label="Takeaway">
        <button type="button" class="tw-tab" onClick={onToggle} aria-expanded="false" title="Show Takeaway">
          <span class="tw-brand">Takeaway</span>
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
    >
      <header class="tw-header">
        <span class="tw-brand">Takeaway</span>
        <button
          type="button"
          class="tw-icon-button"
          onClick={onToggle}
          aria-expanded="true"
          aria-label="Collapse Takeaway panel"
          title="Collapse"
        >
          ›
        </button>
      </header>
      <div class="tw-body">
        {hit ? (
          <SummaryCard hit={hit} />
        ) : (
          <p class="tw-empty" data-testid="takeaway-no-summary">
            No summary for {paperLabel(paper)} in your index yet. You can still keep a note on it.
          </p>
        )}
        <section class="tw-note" aria-labelledby="tw-note-h">
          <h3 id="tw-note-h" class="tw-label">
            Your note <span class="tw-private">private, stays in this browser</span>
          </h3>
          <iframe class="tw-note-frame" src={noteFrameUrl} title="Your private note on this paper" />
        </section>
      </div>
    </aside>
  );
}
