import type { SummaryHit } from '../lib/summaries/schema';
import { EvidenceBadge } from './EvidenceBadge';

/** The public part of the panel: what the index says about the paper. No reader data here. */
export function SummaryCard({ hit }: { hit: SummaryHit }) {
  const s = hit.summary;
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
      {s.concepts.length > 0 && (
        <section aria-labelledby="tw-concepts-h">
          <h3 id="tw-concepts-h" class="tw-label">
            Concepts
          </h3>
          <ul class="tw-chips" data-testid="takeaway-concepts">
            {s.concepts.map((c) => (
              <li key={c.name} class="tw-chip">
                {c.name}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="tw-provenance">
        Summary by {s.source?.name ?? 'unknown source'}
        {s.updated ? `, checked ${s.updated}` : ''} · {hit.edition.name}
      </p>
    </div>
  );
}
