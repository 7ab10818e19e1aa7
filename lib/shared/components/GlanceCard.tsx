import type { Glance } from '../glance/types';
import { studyTypeLabel } from './EvidenceBadge';

export interface GlanceCardProps {
  glance: Glance;
  /** The abstract is on this page: a caveat's or the conclusion's words can be shown in it. */
  canShow?: boolean;
  /** Scroll to and mark these words of the page's abstract. */
  onShowEvidence?: (words: string) => void;
  onConcept?: (name: string) => void;
  /** Shown behind a reviewed summary ("From the abstract"): no heading of its own is needed. */
  secondary?: boolean;
  /** Where the abstract was read: the web page (default) or a PDF. */
  from?: 'page' | 'pdf';
}

const SIGNAL_LABEL: Record<string, string> = {
  randomised: 'randomised',
  'double-blind': 'double-blind',
  'single-blind': 'single-blind',
  'triple-blind': 'triple-blind',
  'open-label': 'open label',
  'placebo-controlled': 'placebo-controlled',
  'non-inferiority': 'non-inferiority',
  multicentre: 'multicentre',
  'single-centre': 'single centre',
  'in vitro': 'in vitro',
  'post hoc': 'post hoc',
};

function signalLabel(s: string): string {
  return SIGNAL_LABEL[s] ?? s;
}

/** "1,204 participants" as the abstract states the count. */
export function sampleLine(g: Glance): string | null {
  const parts: string[] = [];
  if (g.sample_size !== null) parts.push(`${g.sample_size.toLocaleString('en')} participants`);
  // The follow-up is the abstract's own words: "followed for 9 months" needs no label of ours.
  if (g.follow_up) parts.push(/follow/i.test(g.follow_up) ? g.follow_up : `follow-up: ${g.follow_up}`);
  return parts.length ? parts.join(' · ') : null;
}

/** One line for the popup: design and sample, or null when the glance found neither. */
export function glanceLine(g: Glance): string | null {
  const design = g.study_type ? studyTypeLabel(g.study_type) : null;
  const sample = g.sample_size !== null ? `${g.sample_size.toLocaleString('en')} participants` : null;
  const line = [design, sample].filter(Boolean).join(' · ');
  return line || null;
}

/**
 * The automatic reading of the page's abstract, drawn so that no reader takes it for a reviewed
 * summary: headed as such, in a neutral frame with no evidence-level colour, the conclusion quoted
 * and given to the authors, and every caveat with the words of the abstract it rests on.
 */
export function GlanceCard({
  glance: g,
  canShow,
  onShowEvidence,
  onConcept,
  secondary,
  from,
}: GlanceCardProps) {
  const sample = sampleLine(g);
  const show = canShow && onShowEvidence;
  return (
    <section class="tw-glance" data-testid="takeaway-glance" aria-labelledby="tw-glance-h">
      <h3 id="tw-glance-h" class="tw-glance-title">
        {secondary
          ? 'From the abstract'
          : from === 'pdf'
            ? 'From this PDF’s abstract'
            : 'From this page’s abstract'}
        <span class="tw-auto">automatic reading, not a reviewed summary</span>
      </h3>
      <div class="tw-glance-row" data-testid="takeaway-glance-design">
        <span class="tw-glance-key">Design</span>
        <span>
          {g.study_type ? (
            <>
              <strong>{studyTypeLabel(g.study_type)}</strong>{' '}
              <span class="tw-glance-from">
                {g.study_type_from === 'publication type'
                  ? `(the page’s publication type: ${g.study_type_evidence ?? ''})`
                  : `(from the words “${g.study_type_evidence ?? ''}”)`}
              </span>
            </>
          ) : (
            <span class="tw-glance-from">not stated clearly in the abstract</span>
          )}
          {g.design_signals.length > 0 && (
            <ul class="tw-signals" aria-label="Design features named in the abstract">
              {g.design_signals.map((s) => (
                <li key={s} title={`From “${g.design_evidence[s] ?? s}”`}>
                  {signalLabel(s)}
                </li>
              ))}
            </ul>
          )}
        </span>
      </div>
      <div class="tw-glance-row" data-testid="takeaway-glance-sample">
        <span class="tw-glance-key">Sample</span>
        {sample ? (
          <span title={g.sample_size_evidence ? `From “${g.sample_size_evidence}”` : undefined}>
            {sample}
          </span>
        ) : (
          <span class="tw-glance-from">not stated clearly in the abstract</span>
        )}
      </div>
      {g.conclusion && (
        <figure class="tw-glance-conclusion" data-testid="takeaway-glance-conclusion">
          <blockquote>
            <p>{g.conclusion}</p>
          </blockquote>
          <figcaption>
            The authors’ conclusion, quoted from the abstract
            {show && (
              <>
                {' · '}
                <button
                  type="button"
                  class="tw-link-button"
                  onClick={() => g.conclusion && onShowEvidence(g.conclusion)}
                >
                  show on page
                </button>
              </>
            )}
          </figcaption>
        </figure>
      )}
      {g.caveats.length > 0 && (
        <div class="tw-glance-caveats-block">
          <h4 class="tw-label" id="tw-glance-caveats-h">
            Read with care
          </h4>
          <ul
            class="tw-glance-caveats"
            data-testid="takeaway-glance-caveats"
            aria-labelledby="tw-glance-caveats-h"
          >
            {g.caveats.map((c) => (
              // The evidence words show on hover and on focus (tabbing through the caveats), and
              // are read out as the caveat's description.
              <li key={c.id} data-caveat={c.id} tabIndex={0} aria-describedby={`tw-ev-${c.id}`}>
                <strong class="tw-caveat-text">{c.text}</strong>
                <span class="tw-caveat-reason">{c.reason}</span>
                <span class="tw-caveat-evidence" id={`tw-ev-${c.id}`} role="note">
                  Based on: “{c.evidence}”
                  {show && (
                    <>
                      {' '}
                      <button
                        type="button"
                        class="tw-link-button"
                        onClick={() => onShowEvidence(c.evidence)}
                        aria-label={`Show “${c.evidence}” on the page`}
                      >
                        show on page
                      </button>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {g.concepts.length > 0 && (
        <div>
          <h4 class="tw-label" id="tw-glance-concepts-h">
            The page’s subject terms
          </h4>
          <ul class="tw-chips" data-testid="takeaway-glance-concepts" aria-labelledby="tw-glance-concepts-h">
            {g.concepts.slice(0, 16).map((c) => (
              <li key={c}>
                <button
                  type="button"
                  class="tw-chip"
                  onClick={() => onConcept?.(c)}
                  title={`Every summary and note on ${c}`}
                >
                  {c}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
