import type { RelatedSummary, SummaryHit } from '../summaries/schema';
import { EvidenceBadge } from './EvidenceBadge';

/** Whole years since a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date, or null when it cannot be read. */
export function yearsSince(date: string | undefined, now = new Date()): number | null {
  if (!date) return null;
  const [y, m = '1', d = '1'] = date.split('-');
  const then = new Date(Number(y), Number(m) - 1, Number(d));
  if (Number.isNaN(then.getTime())) return null;
  const years = (now.getTime() - then.getTime()) / (365.25 * 24 * 3600 * 1000);
  return Math.max(0, Math.floor(years));
}

function relatedHref(r: RelatedSummary): string | null {
  if (r.doi) return `https://doi.org/${encodeURI(r.doi)}`;
  if (r.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(r.pmid)}/`;
  return null;
}

export interface SummaryCardProps {
  hit: SummaryHit;
  /** Open the concept page (all summaries and notes sharing it). */
  onConcept?: (name: string) => void;
  now?: Date;
}

/** The public part of the panel: what the index says about the paper. No reader data here. */
export function SummaryCard({ hit, onConcept, now }: SummaryCardProps) {
  const s = hit.summary;
  const age = yearsSince(s.updated ?? s.published, now);
  const hasDetails = s.key_findings.length > 0 || !!s.practice_relevance;
  return (
    <div class="tw-summary">
      <EvidenceBadge studyType={s.study_type} level={s.evidence_level} testid="takeaway-evidence" />
      <section aria-labelledby="tw-takeaway-h">
        <h3 id="tw-takeaway-h" class="tw-label">
          Key takeaway
        </h3>
        <p class="tw-takeaway" data-testid="takeaway-key-takeaway">
          {s.key_takeaway}
        </p>
      </section>
      {s.caveats.length > 0 && (
        <section aria-labelledby="tw-caveats-h" data-testid="takeaway-caveats">
          <h3 id="tw-caveats-h" class="tw-label">
            Caveats
          </h3>
          <ul class="tw-caveats">
            {s.caveats.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}
      {hasDetails && (
        <details class="tw-details" data-testid="takeaway-details">
          <summary>Key findings and practice relevance</summary>
          {s.key_findings.length > 0 && (
            <ul class="tw-findings">
              {s.key_findings.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
          {s.practice_relevance && <p class="tw-relevance">{s.practice_relevance}</p>}
        </details>
      )}
      {s.concepts.length > 0 && (
        <section aria-labelledby="tw-concepts-h">
          <h3 id="tw-concepts-h" class="tw-label">
            Concepts
          </h3>
          <ul class="tw-chips" data-testid="takeaway-concepts">
            {s.concepts.map((c) => (
              <li key={c.name}>
                <button
                  type="button"
                  class="tw-chip"
                  onClick={() => onConcept?.(c.name)}
                  title={`Every summary and note on ${c.name}`}
                >
                  {c.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {hit.related.length > 0 && (
        <section aria-labelledby="tw-related-h" data-testid="takeaway-related">
          <h3 id="tw-related-h" class="tw-label">
            Related papers
          </h3>
          <ul class="tw-related">
            {hit.related.map((r) => {
              const href = relatedHref(r);
              return (
                <li key={r.title}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {r.title}
                    </a>
                  ) : (
                    r.title
                  )}{' '}
                  <span class={`tw-mini-level tw-level-${r.evidence_level}`}>L{r.evidence_level}</span>
                  {r.pmid && r.doi && (
                    <a
                      class="tw-pubmed-link"
                      href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(r.pmid)}/`}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      PubMed
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <footer class="tw-provenance" data-testid="takeaway-provenance">
        {hit.written ? (
          // The reader's own summary ("Your summaries"): theirs, not a reviewed edition's.
          <p>
            Written by {hit.written.author ? `${hit.written.author} (you)` : 'you'},{' '}
            {hit.written.at.slice(0, 10)}
            {s.updated ? `, checked ${s.updated}` : ''}. Kept in this browser.
          </p>
        ) : (
          <p>
            Summary by {s.source?.name ?? 'an unnamed source'}
            {hit.origin !== 'bundled' ? ` (imported pack: ${hit.origin})` : ''}
            {s.updated ? `, checked ${s.updated}` : ''}.
          </p>
        )}
        {s.source?.review && <p>{s.source.review}</p>}
        {!hit.written && (
          <p>
            {hit.edition.name}, {hit.origin === 'bundled' ? 'built' : 'imported'}{' '}
            {hit.edition.built.slice(0, 10)}.
          </p>
        )}
        {age !== null && age >= 2 && (
          <p class="tw-age" data-testid="takeaway-age">
            This summary is {age} years old: newer evidence may exist.
          </p>
        )}
      </footer>
    </div>
  );
}
