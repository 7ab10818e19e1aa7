/**
 * What the viewer found out about the open PDF: a simple block in the panel slot until the
 * article panel is mounted there.
 */
import type { PdfIdentification } from '../../../shared/identify/pdf';
import type { Signal } from '../../../shared/identify/types';

const SOURCE: Partial<Record<Signal, string>> = {
  xmp: 'the XMP metadata',
  'pdf-info': 'the document properties',
  'pdf-text': 'the text of the first pages',
  'pdf-largest-text': 'the largest text on page 1',
};

const from = (via: Signal): string => SOURCE[via] ?? via;

export function PdfIdentity({ identity }: { identity: PdfIdentification | null }) {
  if (!identity) {
    return (
      <section class="tw-pdf-identity" data-testid="pdf-identity" aria-busy="true">
        <p class="tw-muted">Reading the document…</p>
      </section>
    );
  }
  const paper = identity.paper;
  const id = paper?.doi ?? paper?.pmid ?? paper?.pmcid ?? null;
  return (
    <section class="tw-pdf-identity" data-testid="pdf-identity" aria-labelledby="tw-pdf-identity-h">
      <h2 id="tw-pdf-identity-h">This paper</h2>
      {paper?.title ? (
        <p class="tw-pdf-identity-title" data-testid="pdf-identity-title">
          {paper.title.display}
        </p>
      ) : (
        <p class="tw-muted">No title found.</p>
      )}
      <dl>
        {paper?.doi && (
          <>
            <dt>DOI</dt>
            <dd data-testid="pdf-identity-doi">{paper.doi.display}</dd>
          </>
        )}
        {paper?.pmid && (
          <>
            <dt>PMID</dt>
            <dd data-testid="pdf-identity-pmid">{paper.pmid.display}</dd>
          </>
        )}
        {paper?.pmcid && (
          <>
            <dt>PMCID</dt>
            <dd data-testid="pdf-identity-pmcid">{paper.pmcid.display}</dd>
          </>
        )}
      </dl>
      <p class="tw-muted" data-testid="pdf-identity-via">
        {id
          ? `Identified from ${from(id.via)}.`
          : 'No DOI, PMID or PMCID in this file: it is known by its fingerprint.'}
        {paper?.title && id?.via !== paper.title.via ? ` Title from ${from(paper.title.via)}.` : ''}
      </p>
    </section>
  );
}
