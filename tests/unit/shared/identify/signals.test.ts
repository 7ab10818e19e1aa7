/**
 * Signal order and the traps around it, on small inline pages: each case is the smallest markup
 * that shows one rule of DESIGN.md's "Identifying the paper".
 */
import { describe, expect, it } from 'vitest';
import { identify } from '../../../../lib/shared/identify';

function page(head: string, body = '', title = 't'): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html><head><title>${title}</title>${head}</head><body>${body}</body></html>`,
    'text/html',
  );
}

describe('signal order', () => {
  it.each([
    [
      'citation_doi beats dc.identifier',
      '<meta name="dc.identifier" content="10.1000/dc"><meta name="citation_doi" content="10.1000/citation">',
      '',
      '10.1000/citation',
      'citation_doi',
    ],
    [
      'an invalid citation_doi falls through to dc.identifier scheme=doi',
      '<meta name="citation_doi" content="ade/1391109086"><meta name="dc.Identifier" scheme="doi" content="10.57262/ade/1391109086">',
      '',
      '10.57262/ade/1391109086',
      'dc.identifier',
    ],
    [
      'an empty citation_doi falls through',
      '<meta name="citation_doi" content=""><meta name="prism.doi" content="doi:10.1000/prism">',
      '',
      '10.1000/prism',
      'prism.doi',
    ],
    [
      'dc.identifier with another scheme is ignored',
      '<meta name="dc.Identifier" scheme="publisher-id" content="10.1000/not-a-doi-scheme"><meta name="DOI" content="10.1000/meta">',
      '',
      '10.1000/meta',
      'meta-doi',
    ],
    [
      'DC.Identifier holding an internal id is ignored',
      '<meta name="DC.Identifier" content="10274"><meta name="DC.Identifier.DOI" content="10.5210/fm.v25i10.10274">',
      '',
      '10.5210/fm.v25i10.10274',
      'dc.identifier',
    ],
    [
      'bepress_citation_doi',
      '<meta name="bepress_citation_doi" content="10.1000/bepress">',
      '',
      '10.1000/bepress',
      'bepress_citation_doi',
    ],
    ['<meta id="DOI">', '<meta id="DOI" content="10.1000/by-id">', '', '10.1000/by-id', 'meta-doi'],
    [
      'a journal ISSN-DOI in dc.identifier falls through',
      '<meta name="dc.identifier" content="10.1002/(ISSN)2198-3844"><meta name="prism.doi" content="10.1002/advs.201500314">',
      '',
      '10.1002/advs.201500314',
      'prism.doi',
    ],
    [
      'metadata beats a labelled DOI in the body',
      '<meta name="citation_doi" content="10.1000/meta">',
      '<p>DOI: 10.1000/body</p>',
      '10.1000/meta',
      'citation_doi',
    ],
    [
      'a labelled DOI in the header',
      '',
      '<header><p>DOI: 10.1000/label</p></header>',
      '10.1000/label',
      'header-label',
    ],
    [
      'a DOI label and its value in separate table cells',
      '',
      '<table><tr><td>DOI</td><td>10.1007/BF01833294</td></tr></table>',
      '10.1007/bf01833294',
      'header-label',
    ],
    [
      'data-doi when every one names the same article (figures included)',
      '',
      '<div data-doi="10.1371/journal.pone.0000001"></div><a href="#" data-doi="10.1371/JOURNAL.PONE.0000001"></a><div data-doi="10.1371/journal.pone.0000001.g001"></div>',
      '10.1371/journal.pone.0000001',
      'data-doi',
    ],
  ])('%s', (_why, head, body, doi, via) => {
    const { paper } = identify(page(head, body), '');
    expect(paper?.doi?.value).toBe(doi);
    expect(paper?.doi?.via).toBe(via);
  });
});

describe('printed DOIs in the page body', () => {
  it('a link to the resolver that prints its own DOI', () => {
    const { paper } = identify(
      page('', '<div class="meta"><a href="https://doi.org/10.1000/printed">10.1000/printed</a></div>'),
      '',
    );
    expect(paper?.doi).toMatchObject({ value: '10.1000/printed', via: 'header-label' });
  });

  it('not a resolver link with other text', () => {
    expect(
      identify(page('', '<p><a href="https://doi.org/10.1000/x">Full text</a></p>'), '').paper,
    ).toBeNull();
  });

  it('not a link whose text names another DOI than its address', () => {
    expect(identify(page('', '<a href="https://doi.org/10.1000/a">10.1000/b</a>'), '').paper).toBeNull();
  });

  it('a parenthetical DOI in a citation of the page itself', () => {
    const title = 'Longevity of Atlantic sharpnose sharks from tag-recapture data';
    const body = `<h1>${title}</h1><p>Cite this article: Smith J. ${title} [version 2]. F1000Research 2015, 3:190 (doi: <a href="https://doi.org/10.12688/f1000research.4767.2">10.12688/f1000research.4767.2</a>)</p>`;
    const { paper } = identify(page('', body, `${title} | F1000Research`), '');
    expect(paper?.doi?.value).toBe('10.12688/f1000research.4767.2');
  });

  it('not a parenthetical DOI in a sentence about another paper', () => {
    const body =
      '<h1>Statin use in older adults: a cohort study</h1><p>Earlier work (doi: 10.1000/other) found no effect.</p>';
    expect(identify(page('', body, 'Statin use in older adults: a cohort study'), '').paper).toBeNull();
  });
});

describe('never the article DOI', () => {
  it.each([
    [
      'citation_reference meta of cited works',
      '<meta name="citation_title" content="A paper"><meta name="citation_reference" content="citation_title=X;citation_pmid=20519528;citation_doi=10.1523/JNEUROSCI.0186-10.2010">',
      '',
    ],
    [
      'COinS of cited works',
      '',
      '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_id=info%3Adoi%2F10.1111%2Fj.1532-5415.2010.03234.x&amp;rft_id=info%3Apmid%2F21210000"></span>',
    ],
    ['a reference list', '', '<ol class="references"><li>Smith. DOI: 10.1000/ref</li></ol>'],
    ['a similar-articles block', '', '<div id="similar-articles"><p>doi: 10.1000/similar</p></div>'],
    ['a cited-by block', '', '<section class="cited-by"><p>doi: 10.1000/citing</p></section>'],
    ['a figure', '', '<figure><figcaption>DOI: 10.1000/fig</figcaption></figure>'],
    ['the page footer', '', '<footer>DOI: 10.34894/VQ1DJA</footer>'],
    ['after a References heading', '', '<h2>References</h2><p>DOI: 10.1000/after-heading</p>'],
    ['a parenthetical citation in prose', '', '<p>As shown before (doi:10.1000/prose), it works.</p>'],
    ['an unlabelled DOI in prose', '', '<p>As shown in 10.1000/unlabelled, it works.</p>'],
    ['conflicting data-doi', '', '<div data-doi="10.1000/a"></div><div data-doi="10.1000/b"></div>'],
    [
      'a data-doi on a resolver link',
      '',
      '<a data-doi="10.1000/linked" href="https://doi.org/10.1000/linked">Article</a>',
    ],
    [
      'JSON-LD citations of a non-article page',
      '<script type="application/ld+json">{"@type":"WebPage","citation":[{"@type":"ScholarlyArticle","sameAs":"https://doi.org/10.1000/cited"}]}</script>',
      '',
    ],
    [
      'an ad URL',
      '',
      '<iframe src="https://ad.example.net/adi;doi=10.1186/1746/6148/10/144;sz=728x90"></iframe>',
    ],
    ['an inline script', '<script>var related = {"doi": "10.1000/script"};</script>', ''],
  ])('%s', (_why, head, body) => {
    expect(identify(page(head, body), '').paper?.doi ?? null).toBeNull();
  });
});

describe('PMIDs and titles', () => {
  it('reads info:pmid/ in dc.identifier', () => {
    const { paper } = identify(
      page(
        '<meta name="dc.identifier" content="10.1186/1471-2148-14-70"><meta name="dc.identifier" content="info:pmid/24690312">',
      ),
      '',
    );
    expect(paper?.pmid).toEqual({ value: '24690312', display: '24690312', via: 'dc.identifier' });
  });

  it('does not read PMIDs of cited works from COinS', () => {
    const doc = page(
      '<meta name="citation_doi" content="10.1038/nature13322">',
      '<span class="Z3988" title="rft_id=info%3Apmid%2F21210000"></span>',
    );
    expect(identify(doc, '').paper?.pmid).toBeNull();
  });

  it.each([
    [
      'citation_title first',
      '<meta name="citation_title" content="From citation"><meta property="og:title" content="From OG">',
      '',
      'From citation',
      'citation_title',
    ],
    [
      'dc.title next',
      '<meta name="DC.Title" content="From DC"><meta property="og:title" content="From OG">',
      '',
      'From DC',
      'dc.title',
    ],
    [
      'og:title before h1',
      '<meta property="og:title" content="From OG">',
      '<h1>From the heading</h1>',
      'From OG',
      'og:title',
    ],
    [
      'JSON-LD headline',
      '<script type="application/ld+json">{"@type":"ScholarlyArticle","headline":"From JSON-LD"}</script>',
      '',
      'From JSON-LD',
      'json-ld',
    ],
    [
      'escaped markup removed',
      '<meta name="citation_title" content="CO&lt;sub&gt;2&lt;/sub&gt; and   sharks">',
      '',
      'CO2 and sharks',
      'citation_title',
    ],
  ])('%s', (_why, head, body, title, via) => {
    const { paper } = identify(page(`${head}<meta name="citation_doi" content="10.1000/x">`, body), '');
    expect(paper?.title?.display).toBe(title);
    expect(paper?.title?.via).toBe(via);
  });

  it('identifies by title alone when the page declares scholarly metadata', () => {
    const { paper } = identify(
      page('<meta name="citation_title" content="A paper with no identifiers at all">'),
      '',
    );
    expect(paper?.title?.value).toBe('a paper with no identifiers at all');
    expect(paper?.doi).toBeNull();
  });

  it('is not an article page with only journal-level Dublin Core', () => {
    const doc = page(
      '<meta name="dc.title" content="Advanced Science"><meta name="dc.identifier" content="10.1002/(ISSN)2198-3844">',
      '<h1>Advanced Science: Volume 3, Issue 4</h1>',
    );
    expect(identify(doc, '').paper).toBeNull();
  });

  it('is not an article page with only an og:title', () => {
    expect(identify(page('<meta property="og:title" content="Company blog">'), '').paper).toBeNull();
  });
});
