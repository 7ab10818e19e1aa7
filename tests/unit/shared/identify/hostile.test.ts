/**
 * Pages built to hurt: huge, deep, repetitive, full of strings that look like identifiers. No
 * timing assertions (those live in `npm run bench:detect`); these check that identification still
 * answers, and answers right, when every budget is hit.
 */
import { describe, expect, it } from 'vitest';
import { identify } from '../../../../lib/shared/identify';
import { parseWithLinkedom } from './fixture-pages';

const wrap = (head: string, body: string) =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('hostile pages', () => {
  it('finds citation_doi after 20 000 junk meta tags', () => {
    const junk = Array.from(
      { length: 20_000 },
      (_, i) => `<meta name="citation_reference" content="citation_doi=10.${1000 + (i % 9000)}/ref${i}">`,
    ).join('');
    const { paper } = identify(
      parseWithLinkedom(wrap(`${junk}<meta name="citation_doi" content="10.1000/real">`, '')),
      '',
    );
    expect(paper?.doi?.value).toBe('10.1000/real');
  });

  it('walks 5 000 levels of nesting without recursion', () => {
    const body = `${'<div>'.repeat(5000)}<p>DOI: 10.1000/deep</p>${'</div>'.repeat(5000)}`;
    expect(identify(parseWithLinkedom(wrap('', body)), '').paper?.doi?.value).toBe('10.1000/deep');
  });

  it('skips a 50 000-item reference list as one subtree', () => {
    const refs = Array.from({ length: 50_000 }, (_, i) => `<li>doi: 10.1000/ref${i}</li>`).join('');
    const body = `<ol class="references">${refs}</ol><p>DOI: 10.1000/after-refs</p>`;
    expect(identify(parseWithLinkedom(wrap('', body)), '').paper?.doi?.value).toBe('10.1000/after-refs');
  });

  it('gives up on labels past its text budget instead of reading the whole page', () => {
    const filler = `<p>${'lorem ipsum '.repeat(1000)}</p>`.repeat(100);
    const body = `${filler}<p>DOI: 10.1000/too-late</p>`;
    expect(identify(parseWithLinkedom(wrap('', body)), '').paper).toBeNull();
  });

  it.each([
    ['runs of 10.', '10.'.repeat(50_000)],
    ['unbalanced brackets', `10.1234/${'('.repeat(50_000)}`],
    ['repeated labels', 'doi:'.repeat(50_000)],
    ['dotted registrants', `DOI ${'10.1234.'.repeat(20_000)}`],
    ['escaped markup', `Digital Object Identifier: ${'&lt;'.repeat(50_000)}`],
    ['percent escapes', `https://doi.org/${'%E2%80'.repeat(20_000)}`],
  ])('answers on %s', (_why, text) => {
    const doc = parseWithLinkedom(
      wrap(
        `<meta name="citation_doi" content="${text.slice(0, 100_000)}"><link rel="canonical" href="${text.slice(0, 5000)}">`,
        `<p>${text}</p><div data-doi="${text.slice(0, 5000)}"></div>`,
      ),
    );
    const { paper } = identify(doc, `https://example.org/${text.slice(0, 3000)}`);
    expect(paper?.doi ?? null).toBeNull();
  });

  it('answers on unparseable, deeply nested JSON-LD and IEEE metadata', () => {
    const head = `<script type="application/ld+json">${'['.repeat(100_000)}</script><script>xplGlobal.document.metadata=${'{"a":'.repeat(50_000)}</script>`;
    const { paper } = identify(
      parseWithLinkedom(wrap(head, '<p>nothing</p>')),
      'https://ieeexplore.ieee.org/document/1',
    );
    expect(paper).toBeNull();
  });
});
