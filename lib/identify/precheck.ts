/**
 * A cheap "could this page be about a paper?" test the content script runs before identify(), so
 * a page that is not an article (a journal home page on an opted-in site, a search engine) costs a
 * few selector matches on `<head>`, one on `<body>` and one regex on the address. No DOM writes, no
 * text scans. A page with a DOI link passes and identify() decides (it may find nothing).
 */
import { SITE_ADAPTERS } from './adapters';

/** Head elements that only scholarly pages carry. */
const ARTICLE_HEAD_SELECTOR = [
  'meta[name="citation_doi"]',
  'meta[name="citation_title"]',
  'meta[name="citation_pmid"]',
  'meta[name="dc.identifier"]',
  'meta[name="DC.identifier"]',
  'meta[name="DC.Identifier"]',
  'meta[name="dc.Identifier"]',
  'meta[name="prism.doi"]',
  'meta[name="bepress_citation_doi"]',
  'meta[name="DOI"]',
  'meta[name="doi"]',
  'meta[id="DOI"]',
  'meta[name="ncbi_db"]',
  'meta[name="ncbi_uidlist"]',
  'meta[name="pbContext"]',
  'script[type="application/ld+json"]',
].join(', ');

/**
 * Body markers for pages without head metadata (repository records, old publisher pages): a
 * `data-doi` attribute or a link to the DOI resolver. One native selector match that stops at the
 * first hit.
 */
const ARTICLE_BODY_SELECTOR = '[data-doi], a[href*="doi.org/10."]';

/** A DOI, PubMed/PMC id or arXiv id in the address. */
const ARTICLE_URL_RE = /10\.\d{4,9}(?:\/|%2F)|\/PMC\d+|pubmed\.ncbi\.nlm\.nih\.gov\/\d+|arxiv\.org\/abs\//i;

export function looksLikeArticle(doc: Document, url: string): boolean {
  try {
    if (typeof url === 'string' && url.length < 8192 && ARTICLE_URL_RE.test(url)) return true;
    const head = doc.head;
    if (head && head.querySelector(ARTICLE_HEAD_SELECTOR)) return true;
    if (typeof url === 'string' && SITE_ADAPTERS.some((a) => a.matches(url))) return true;
    return !!doc.body?.querySelector(ARTICLE_BODY_SELECTOR);
  } catch {
    return false;
  }
}
