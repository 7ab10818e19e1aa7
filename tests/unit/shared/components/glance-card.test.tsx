import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { GlanceCard, glanceLine, sampleLine } from '../../../../lib/shared/components/GlanceCard';
import { Overlay } from '../../../../lib/page/components/Overlay';
import { glance } from '../../../../lib/shared/glance';
import type { PaperIdentity } from '../../../../lib/shared/identify/types';
import type { SummaryHit } from '../../../../lib/shared/summaries/schema';
import { expectAccessible } from '../../../support/a11y';

const ABSTRACT =
  'BACKGROUND: Falls are common in care homes. METHODS: In this single-centre, open-label trial, 44 residents were randomly assigned to a balance class or usual care and followed for 6 weeks. RESULTS: Falls were fewer with the class (rate ratio 0.7). CONCLUSIONS: A weekly balance class may reduce falls in care-home residents.';

const reviewed: SummaryHit = {
  summary: {
    pmid: '1',
    title: 'A reviewed paper',
    study_type: 'meta-analysis',
    evidence_level: 1,
    key_takeaway: 'Reviewed takeaway.',
    caveats: [],
    key_findings: [],
    concepts: [],
    source: { name: 'Editors' },
  },
  origin: 'bundled',
  related: [],
  edition: { name: 'Test edition', built: '2026-11-21T00:00:00Z' },
};

const g = glance({
  title: 'A balance class for care-home residents: a randomised trial',
  abstract: ABSTRACT,
  publicationTypes: ['Randomized Controlled Trial'],
  meshTerms: ['Accidental Falls', 'Nursing Homes'],
  keywords: ['balance'],
  url: 'https://pubmed.ncbi.nlm.nih.gov/1/',
});

const paper: PaperIdentity = {
  doi: null,
  pmid: { value: '1', display: '1', via: 'citation_pmid' },
  pmcid: null,
  title: null,
  adapter: 'pubmed',
};

describe('the glance card', () => {
  it('says it is an automatic reading, quotes the authors, and gives each caveat its reason and words', async () => {
    const show = vi.fn();
    const { container } = render(<GlanceCard glance={g} canShow onShowEvidence={show} />);
    expect(screen.getByTestId('takeaway-glance').textContent).toContain(
      'automatic reading, not a reviewed summary',
    );
    expect(screen.getByTestId('takeaway-glance-design').textContent).toMatch(
      /Randomized controlled trial.*publication type: Randomized Controlled Trial/,
    );
    expect(screen.getByTestId('takeaway-glance-sample').textContent).toContain('44 participants');
    expect(screen.getByTestId('takeaway-glance-conclusion').textContent).toContain(
      'A weekly balance class may reduce falls in care-home residents.',
    );
    const caveats = screen.getByTestId('takeaway-glance-caveats');
    expect(caveats.textContent).toContain('Open label');
    expect(caveats.textContent).toContain('Small study');
    // Every caveat names the words it rests on, and those words are the abstract's own.
    const evidence = [...caveats.querySelectorAll('.tw-caveat-evidence')].map(
      (e) => e.textContent?.match(/Based on: “(.*)”/)?.[1] ?? '',
    );
    expect(evidence.length).toBe(g.caveats.length);
    for (const e of evidence) expect(ABSTRACT.includes(e) || e === 'Randomized Controlled Trial').toBe(true);
    fireEvent.click(screen.getAllByRole('button', { name: /^Show “/ })[0] as HTMLElement);
    expect(show).toHaveBeenCalledWith(g.caveats[0]?.evidence);
    await expectAccessible(container);
  });

  it('offers no "show on page" when the abstract came from a meta tag', () => {
    render(<GlanceCard glance={g} canShow={false} onShowEvidence={() => {}} />);
    expect(screen.queryAllByRole('button', { name: /show/i })).toEqual([]);
  });

  it('says "not stated clearly" rather than guessing', () => {
    const empty = glance({
      abstract: 'We describe our experience with a new ward layout over several years.',
    });
    render(<GlanceCard glance={empty} />);
    expect(screen.getByTestId('takeaway-glance-sample').textContent).toContain('not stated clearly');
    expect(sampleLine(empty)).toBeNull();
  });

  it('gives the popup one line: design and sample', () => {
    expect(glanceLine(g)).toBe('Randomized controlled trial · 44 participants');
  });
});

describe('the panel with a glance', () => {
  it('shows the glance instead of the publication-type hint when there is no summary', () => {
    render(
      <Overlay
        paper={paper}
        hit={null}
        glance={g}
        glanceOnPage
        noteFrameUrl="about:blank"
        collapsed={false}
        onToggle={() => {}}
      />,
    );
    expect(screen.getByTestId('takeaway-glance')).toBeTruthy();
    expect(screen.queryByTestId('takeaway-page-hint')).toBeNull();
    expect(screen.getByTestId('takeaway-no-summary').textContent).toContain('No reviewed summary');
  });

  it('keeps the row of a reading still to come while the page is parsed, unseen and out of reach', async () => {
    const overlay = (reading: boolean, withGlance: boolean) => (
      <Overlay
        paper={paper}
        hit={reviewed}
        {...(withGlance ? { glance: g } : {})}
        noteFrameUrl={reading ? '' : 'about:blank'}
        reading={reading}
        collapsed={false}
        onToggle={() => {}}
      />
    );
    // Mounted from <head>: no reading yet, its row kept with the same button, hidden from all.
    const { container, rerender } = render(overlay(true, false));
    const kept = container.querySelector('.tw-reserved');
    expect(kept?.getAttribute('aria-hidden')).toBe('true');
    const button = kept?.querySelector('button');
    expect(button?.textContent).toBe('From the abstract');
    expect(button?.disabled).toBe(true);
    expect(button?.tabIndex).toBe(-1);
    expect(screen.queryByTestId('takeaway-glance-toggle')).toBeNull();
    expect(screen.getByTestId('takeaway-overlay').getAttribute('aria-busy')).toBe('true');
    await expectAccessible(container);
    // The page is parsed and has an abstract: the real toggle takes the row.
    rerender(overlay(false, true));
    expect(container.querySelector('.tw-reserved')).toBeNull();
    expect(screen.getByTestId('takeaway-glance-toggle').textContent).toBe('From the abstract');
    expect(screen.getByTestId('takeaway-overlay').hasAttribute('aria-busy')).toBe(false);
    // Parsed, with no abstract: the row goes.
    rerender(overlay(false, false));
    expect(container.querySelector('.tw-reserved')).toBeNull();
    expect(screen.queryByTestId('takeaway-glance-toggle')).toBeNull();
  });

  it('keeps a reviewed summary first, with the glance behind "From the abstract"', () => {
    render(
      <Overlay
        paper={paper}
        hit={reviewed}
        glance={g}
        noteFrameUrl="about:blank"
        collapsed={false}
        onToggle={() => {}}
      />,
    );
    expect(screen.queryByTestId('takeaway-glance')).toBeNull();
    const toggle = screen.getByTestId('takeaway-glance-toggle');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('takeaway-glance').textContent).toContain('From the abstract');
  });
});
