import { describe, expect, it } from 'vitest';
import { looksLikeArticle } from '../../../../lib/shared/identify';
import { EXPECTED, parseWithDomParser, readFixture } from './fixture-pages';
import { stayOffline } from './offline';

stayOffline();

describe('looksLikeArticle', () => {
  it.each(EXPECTED.map((e) => [e.file, e.url]))('%s at its address', (file, url) => {
    expect(looksLikeArticle(parseWithDomParser(readFixture(file)), url)).toBe(true);
  });

  it.each([
    [
      'a blog post',
      '<html><head><meta property="og:type" content="article"><title>Ten tips</title></head><body><h1>Ten tips</h1><p>No references.</p></body></html>',
      'https://blog.example.com/ten-tips',
    ],
    [
      'an empty page',
      '<!doctype html><html><head><title>x</title></head><body></body></html>',
      'https://example.org/',
    ],
    [
      'a search engine',
      '<html><head><meta property="og:type" content="website"></head><body><p>doi: 10.1000/x</p></body></html>',
      'https://search.example.com/?q=10.1000',
    ],
  ])('false for %s', (_why, html, url) => {
    expect(looksLikeArticle(parseWithDomParser(html), url)).toBe(false);
  });

  it.each([
    [
      'head metadata without an address',
      '<html><head><meta name="citation_doi" content="10.1000/x"></head></html>',
      '',
    ],
    ['a DOI in the address', '<html><head></head></html>', 'https://example.org/doi/10.1000/x'],
    ['a known article host', '<html><head></head></html>', 'https://pubmed.ncbi.nlm.nih.gov/?term=aspirin'],
    [
      'a repository record with a DOI link',
      '<html><body><a href="https://doi.org/10.1000/x">DOI</a></body></html>',
      '',
    ],
  ])('true for %s', (_why, html, url) => {
    expect(looksLikeArticle(parseWithDomParser(html), url)).toBe(true);
  });

  it('writes nothing to the page', async () => {
    const doc = parseWithDomParser(readFixture('pubmed-article.html'));
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
    looksLikeArticle(doc, 'https://pubmed.ncbi.nlm.nih.gov/33301246/');
    await Promise.resolve();
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(records).toEqual([]);
  });

  it('never throws', () => {
    expect(looksLikeArticle(null as unknown as Document, 'x')).toBe(false);
  });
});
