import { describe, expect, it } from 'vitest';
import { identify } from '../../../../lib/shared/identify';
import { EXPECTED, parseWithDomParser, parseWithLinkedom, readFixture, type Expected } from './fixture-pages';
import { stayOffline } from './offline';

stayOffline();

const PARSERS = [
  ['happy-dom DOMParser', parseWithDomParser],
  ['linkedom', parseWithLinkedom],
] as const;

describe.each(PARSERS)('fixture pages parsed with %s', (_name, parse) => {
  it.each(EXPECTED.map((e) => [e.file, e] as [string, Expected]))('%s', (file, e) => {
    const { paper, list } = identify(parse(readFixture(file)), e.url);
    if (e.list) {
      expect(paper).toBeNull();
      expect(list.map((p) => p.pmid?.value ?? p.doi?.value)).toEqual(e.list);
      for (const item of list) {
        expect(item.adapter).toBe(e.adapter);
        expect(item.element.nodeType).toBe(1);
      }
      return;
    }
    expect(list).toEqual([]);
    if (e.doi === null && e.pmid === undefined) {
      expect(paper).toBeNull();
      return;
    }
    expect(paper).not.toBeNull();
    expect(paper?.adapter).toBe(e.adapter);
    expect(paper?.doi?.value ?? null).toBe(e.doi);
    if (e.pmid !== undefined) expect(paper?.pmid?.value ?? null).toBe(e.pmid);
    if (e.pmcid !== undefined) expect(paper?.pmcid?.value ?? null).toBe(e.pmcid);
    if (e.via) expect(paper?.doi?.via).toBe(e.via);
    if (e.title) expect(paper?.title?.display).toContain(e.title);
  });
});

describe('fixture pages without an address', () => {
  // Saved pages and the detect CLI have no URL: the canonical link, og:url or markup must do.
  it.each([
    ['pubmed-legacy.html', '10.1111/cen.12815', '26101853'],
    ['sciencedirect-legacy.html', '10.1016/j.accreview.2006.01.042', null],
    ['springer-legacy.html', '10.1007/bf00123456', null],
    ['ieee-legacy.html', '10.1109/28.712345', null],
    ['ieee-article.html', '10.1109/cvpr.2016.90', null],
    ['bmj-article.html', '10.1136/bmj.n71', null],
    ['pubmed-nodoi.html', null, '21151640'],
  ])('%s', (file, doi, pmid) => {
    const { paper } = identify(parseWithLinkedom(readFixture(file)), '');
    expect(paper?.doi?.value ?? null).toBe(doi);
    expect(paper?.pmid?.value ?? null).toBe(pmid);
  });
});

describe('list pages without an address', () => {
  it('still lists PubMed results, never the first result as the page paper', () => {
    const { paper, list } = identify(parseWithLinkedom(readFixture('pubmed-search.html')), '');
    expect(paper).toBeNull();
    expect(list.map((p) => p.pmid?.value)).toEqual(['27838723', '26865212', '23440795']);
    expect(list[0]?.doi?.value).toBe('10.1001/jama.2016.15450');
    expect(list[0]?.element.tagName).toBe('ARTICLE');
  });
});

describe('fixture pages stripped of their head metadata', () => {
  // The body alone must still give the article: the labelled DOI inside OJS's `has_sidebar` main
  // column, Springer's bibliographic block, Nature's "About this article" (after its references
  // are skipped).
  const strip = (html: string) => html.replace(/<meta\b[^>]*>/gi, '').replace(/<link\b[^>]*>/gi, '');
  it.each([
    ['generic-ojs.html', '10.5210/jrhi.v26i3.4521'],
    ['springer-article.html', '10.1007/s00134-019-05872-y'],
    ['pmc-article.html', '10.1016/s1474-4422(19)30034-1'],
    ['plos-article.html', '10.1371/journal.pone.0123456'],
    ['nature-article.html', '10.1038/s41586-023-05678-2'],
    ['oup-article.html', '10.1093/cid/ciaa1234'],
    ['biorxiv-article.html', '10.1101/2021.05.03.442412'],
  ])('%s', (file, doi) => {
    const { paper } = identify(parseWithLinkedom(strip(readFixture(file))), '');
    expect(paper?.doi?.value).toBe(doi);
    expect(['header-label', 'data-doi']).toContain(paper?.doi?.via);
  });
});
