/**
 * identify() must never throw, whatever the page: arbitrary strings as markup, generated markup
 * built from the pieces every rule looks at, and arbitrary addresses. And every DOI it returns has
 * the normalised form lookups rely on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identify } from '../../../../lib/shared/identify';
import { doiFromUrl, findDoi, parseDoi } from '../../../../lib/shared/identify/doi';
import { parsePmcid, parsePmid } from '../../../../lib/shared/identify/ids';
import { parseWithDomParser, parseWithLinkedom } from './fixture-pages';
import { stayOffline } from './offline';

stayOffline();

const NORMALISED_DOI = /^10\.\d{4,9}(?:\.\d+)*\/[^\sA-Z]+$/;

/** Text pieces chosen to reach every parser branch: prefixes, brackets, entities, labels. */
const piece = fc.oneof(
  fc.constantFrom(
    '10.',
    '10.1234/',
    '10.1234/((((',
    '))))',
    'doi:',
    'DOI: ',
    'Digital Object Identifier:',
    'info:doi/',
    'https://doi.org/',
    '%2F',
    '%E2',
    '&lt;',
    '&amp;',
    '&#x2F;',
    '\\/',
    '<443::',
    ';subjmeta=',
    '?src=x',
    '#frag',
    '.g001',
    '/fig-1',
    'v3',
    'PMID: ',
    'PMC',
    '\u200e',
    '\u2013',
    ' ',
    '.',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 99999999 }).map(String),
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
const attr = text.map((t) => t.replace(/"/g, '&quot;'));

/** Elements identification reads, with generated contents, nested at random. */
const element: fc.Memo<string> = fc.memo((depth) =>
  fc.oneof(
    { depthSize: 'small' },
    attr.map((c) => `<meta name="citation_doi" content="${c}">`),
    fc
      .tuple(
        fc.constantFrom(
          'dc.identifier',
          'DC.Identifier',
          'prism.doi',
          'DOI',
          'citation_pmid',
          'citation_title',
        ),
        attr,
      )
      .map(([n, c]) => `<meta name="${n}" content="${c}">`),
    attr.map((c) => `<meta name="dc.Identifier" scheme="doi" content="${c}">`),
    attr.map((c) => `<div data-doi="${c}"></div>`),
    text.map(
      (t) =>
        `<script type="application/ld+json">{"@type":"ScholarlyArticle","doi":"${t.replace(/["\\]/g, '')}"}</script>`,
    ),
    text.map((t) => `<script type="application/ld+json">${t}</script>`),
    text.map((t) => `<script>SDM.doi = '${t.replace(/'/g, '')}'; xplGlobal.document.metadata=${t}</script>`),
    attr.map((c) => `<link rel="canonical" href="${c}">`),
    text.map((t) => `<p>${t}</p>`),
    text.map((t) => `<td class="labelName">DOI</td><td class="labelValue">${t}</td>`),
    depth > 0
      ? fc
          .tuple(
            fc.constantFrom(
              'div',
              'section',
              'ol class="references"',
              'ul id="full-view-identifiers"',
              'article class="issue-item"',
              'h2',
              'table',
            ),
            fc.array(element(depth - 1), { maxLength: 4 }),
          )
          .map(([tag, kids]) => `<${tag}>${kids.join('')}</${tag.split(' ')[0]}>`)
      : text,
  ),
);
const markup = fc
  .array(element(3), { maxLength: 8 })
  .map((els) => `<!doctype html><html><head>${els.join('')}</head><body>${els.join('')}</body></html>`);

const url = fc.oneof(
  fc.constant(''),
  fc.webUrl(),
  fc.constantFrom(
    'https://pubmed.ncbi.nlm.nih.gov/',
    'https://pmc.ncbi.nlm.nih.gov/articles/PMC',
    'https://www.nature.com/articles/',
    'https://doi.org/10.',
    'https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(',
    'https://arxiv.org/abs/',
    'https://www.sciencedirect.com/',
  ),
  text.map((t) => `https://onlinelibrary.wiley.com/doi/${t}`),
  fc.string(),
);

function checkPaper(doc: Document, u: string): void {
  const { paper, list } = identify(doc, u);
  for (const p of [paper, ...list]) {
    if (!p) continue;
    if (p.doi) {
      expect(p.doi.value).toMatch(NORMALISED_DOI);
      expect(p.doi.value).toBe(p.doi.display.toLowerCase());
    }
    if (p.pmid) expect(p.pmid.value).toMatch(/^[1-9]\d{0,8}$/);
    if (p.pmcid) expect(p.pmcid.value).toMatch(/^PMC[1-9]\d*$/);
  }
}

describe('identify never throws', () => {
  it('on arbitrary strings parsed as HTML (linkedom)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), url, (html, u) => {
        checkPaper(parseWithLinkedom(html), u);
      }),
      { numRuns: 300 },
    );
  });

  it('on generated scholarly markup (linkedom)', () => {
    fc.assert(
      fc.property(markup, url, (html, u) => {
        checkPaper(parseWithLinkedom(html), u);
      }),
      { numRuns: 300 },
    );
  });

  it('on generated scholarly markup (happy-dom)', () => {
    fc.assert(
      fc.property(markup, url, (html, u) => {
        checkPaper(parseWithDomParser(html), u);
      }),
      { numRuns: 100 },
    );
  });

  it('on things that are not documents', () => {
    for (const bad of [null, undefined, {}, { querySelectorAll: 1 }, 42]) {
      expect(identify(bad as unknown as Document, 'https://pubmed.ncbi.nlm.nih.gov/1/')).toEqual({
        paper: null,
        list: [],
      });
    }
    expect(identify(parseWithLinkedom('<p>x</p>'), undefined as unknown as string).paper).toBeNull();
  });
});

describe('string parsers never throw and only return normalised identifiers', () => {
  it('parseDoi, findDoi, doiFromUrl', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 300 })), (s) => {
        for (const doi of [parseDoi(s), findDoi(s), doiFromUrl(s)]) {
          if (doi) {
            expect(doi.value).toMatch(NORMALISED_DOI);
            expect(doi.value).toBe(doi.display.toLowerCase());
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parsePmid and parsePmcid', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        const pmid = parsePmid(s);
        if (pmid) expect(pmid).toMatch(/^[1-9]\d{0,8}$/);
        const pmcid = parsePmcid(s);
        if (pmcid) expect(pmcid).toMatch(/^PMC[1-9]\d{0,8}$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('a DOI survives being printed with a label and read back', () => {
    const suffix = fc.stringMatching(/^[a-z0-9][a-z0-9._;:()/-]{0,30}[a-z0-9]$/);
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999999999 }), suffix, (registrant, sfx) => {
        const doi = `10.${registrant}/${sfx}`;
        const parsed = parseDoi(doi);
        // Unbalanced brackets are cut as surrounding prose; otherwise the DOI comes back whole.
        const balanced =
          (sfx.match(/\(/g) ?? []).length === (sfx.match(/\)/g) ?? []).length && !/\)[^(]*\(/.test(sfx);
        if (parsed && balanced && !sfx.includes('//')) {
          expect(findDoi(`doi: ${doi} `)?.value).toBe(parsed.value);
          expect(parseDoi(`https://doi.org/${doi}`)?.value).toBe(parsed.value);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
