import { describe, expect, it } from 'vitest';
import { readPageHints } from '../../../../lib/shared/identify/hints';

function doc(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('evidence hints read from the page', () => {
  it.each([
    ['Meta-Analysis; Systematic Review', 'meta-analysis'],
    ['Randomized Controlled Trial', 'randomized controlled trial'],
    ['Review', 'narrative review'],
    ['Case Reports', 'case report'],
    ['Observational Study', 'cohort study'],
    ['Practice Guideline', 'guideline'],
  ])('PubMed type "%s" is a %s', (types, expected) => {
    const d = doc(`<main id="article-details"><div class="publication-type">${types}</div></main>`);
    expect(readPageHints(d).studyType).toBe(expected);
  });

  it('finds a retraction from the publication type, the title or a banner', () => {
    expect(
      readPageHints(
        doc('<div class="heading"><div class="publication-type">Retracted Publication</div></div>'),
      ).retracted,
    ).toBe(true);
    expect(
      readPageHints(doc('<meta name="citation_title" content="RETRACTED: A trial of X">')).retracted,
    ).toBe(true);
    expect(
      readPageHints(doc('<div class="retraction-banner">This article has been retracted.</div>')).retracted,
    ).toBe(true);
    expect(
      readPageHints(doc('<div role="alert">Expression of Concern: data under review</div>'))
        .expressionOfConcern,
    ).toBe(true);
  });

  it('reads nothing from the similar-articles or reference lists of other papers', () => {
    const d = doc(`
      <h1>A sound cohort study</h1>
      <div id="similar"><div class="heading"><div class="publication-type">Retracted Publication</div></div>
        <p class="retracted-notice">This article has been retracted.</p></div>
      <div class="references"><div role="alert">Expression of concern</div></div>`);
    const h = readPageHints(d);
    expect(h.retracted).toBe(false);
    expect(h.expressionOfConcern).toBe(false);
    expect(h.publicationTypes).toEqual([]);
  });

  it('does not mistake a retraction notice about another paper for a retracted paper', () => {
    const d = doc(
      '<div class="heading"><div class="publication-type">Retraction of Publication</div></div><h1>Retraction: A trial of X</h1>',
    );
    expect(readPageHints(d).retracted).toBe(false);
  });
});
