import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Overlay } from '../../../lib/page/components/Overlay';
import type { PaperIdentity } from '../../../lib/shared/identify/types';
import type { SummaryHit } from '../../../lib/shared/summaries/schema';
import { expectAccessible } from '../../support/a11y';

const paper: PaperIdentity = {
  doi: null,
  pmid: { value: '42393435', display: '42393435', via: 'citation_pmid' },
  pmcid: null,
  title: null,
  adapter: 'pubmed',
};

const hit: SummaryHit = {
  summary: {
    pmid: '42393435',
    title: 'Cytokine networks in bone metastasis',
    study_type: 'narrative review',
    evidence_level: 5,
    key_takeaway: 'A framework, not yet tested in patients.',
    caveats: ['No systematic search.', 'No pooled analysis.'],
    key_findings: [],
    concepts: [{ name: 'bone metastasis' }, { name: 'cytokines' }],
    source: { name: 'Takeaway editors' },
    updated: '2026-11-01',
  },
  origin: 'bundled',
  related: [],
  edition: { name: 'Test edition', built: '2026-11-21T00:00:00Z' },
};

describe('Overlay', () => {
  it('shows the takeaway, the evidence as text, caveats and concepts', async () => {
    const { container } = render(
      <Overlay paper={paper} hit={hit} noteFrameUrl="about:blank" collapsed={false} onToggle={() => {}} />,
    );
    expect(screen.getByTestId('takeaway-key-takeaway').textContent).toBe(
      'A framework, not yet tested in patients.',
    );
    const evidence = screen.getByTestId('takeaway-evidence');
    expect(evidence.textContent).toContain('Narrative review');
    expect(evidence.textContent).toContain('Level 5/5');
    expect(evidence.getAttribute('title')).toMatch(/1 strongest to 5 weakest/);
    expect(screen.getByTestId('takeaway-caveats').querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByTestId('takeaway-concepts').textContent).toContain('cytokines');
    expect(screen.getByTitle('Your private note on this paper')).toBeTruthy();
    await expectAccessible(container);
  });

  it('renders summary text as text, never as markup', () => {
    const hostile: SummaryHit = {
      ...hit,
      summary: { ...hit.summary, key_takeaway: '<img src=x onerror="alert(1)">', caveats: ['<b>bold</b>'] },
    };
    const { container } = render(
      <Overlay
        paper={paper}
        hit={hostile}
        noteFrameUrl="about:blank"
        collapsed={false}
        onToggle={() => {}}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByTestId('takeaway-key-takeaway').textContent).toBe('<img src=x onerror="alert(1)">');
  });

  it('names the paper and still offers a note when there is no summary', async () => {
    const { container } = render(
      <Overlay paper={paper} hit={null} noteFrameUrl="about:blank" collapsed={false} onToggle={() => {}} />,
    );
    expect(screen.queryByTestId('takeaway-key-takeaway')).toBeNull();
    expect(screen.getByTestId('takeaway-no-summary').textContent).toContain('PMID 42393435');
    expect(screen.getByTitle('Your private note on this paper')).toBeTruthy();
    await expectAccessible(container);
  });

  it('collapses to a tab that keeps the evidence level and can be opened again', async () => {
    const onToggle = vi.fn();
    const { container } = render(
      <Overlay paper={paper} hit={hit} noteFrameUrl="about:blank" collapsed={true} onToggle={onToggle} />,
    );
    expect(screen.queryByTestId('takeaway-key-takeaway')).toBeNull();
    const tab = screen.getByRole('button', { name: /Takeaway/ });
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(tab.textContent).toContain('L5');
    fireEvent.click(tab);
    expect(onToggle).toHaveBeenCalledOnce();
    await expectAccessible(container);
  });
});

describe('Overlay without a summary', () => {
  const hints = {
    publicationTypes: ['Randomized Controlled Trial'],
    studyType: 'randomized controlled trial' as const,
    retracted: false,
    expressionOfConcern: false,
  };

  it("gives the page's own publication type as a labelled hint", () => {
    render(
      <Overlay
        paper={paper}
        hit={null}
        hints={hints}
        noteFrameUrl="about:blank"
        collapsed={false}
        onToggle={() => {}}
      />,
    );
    const hint = screen.getByTestId('takeaway-page-hint');
    expect(hint.textContent).toContain('Randomized controlled trial');
    expect(hint.textContent).toContain("page's own publication type");
  });

  it('shows a retraction in red and drops the strength hint', async () => {
    const { container } = render(
      <Overlay
        paper={paper}
        hit={null}
        hints={{
          ...hints,
          publicationTypes: ['Randomized Controlled Trial', 'Retracted Publication'],
          retracted: true,
        }}
        noteFrameUrl="about:blank"
        collapsed={false}
        onToggle={() => {}}
      />,
    );
    expect(screen.getByTestId('takeaway-retracted').textContent).toMatch(/retracted/);
    expect(screen.queryByTestId('takeaway-page-hint')).toBeNull();
    await expectAccessible(container);
  });
});
