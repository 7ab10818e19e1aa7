/**
 * A cheap "could this page be about a paper?" test the content script runs before identify(), so
 * a page that is not an article (a journal home page on an opted-in site, a search engine) costs a
 * few selector matches on `<head>`, one on `<body>` and one regex on the address. No DOM writes, no
 * text scans. A page with a DOI link passes and identify() decides (it may find nothing).
 */
import { SITE_ADAPTERS } from './adapters';
import { PRECHECK } from './selectors';

export function looksLikeArticle(doc: Document, url: string): boolean {
  try {
    if (typeof url === 'string' && url.length < 8192 && PRECHECK.url.test(url)) return true;
    const head = doc.head;
    if (head && head.querySelector(PRECHECK.head)) return true;
    if (head && scholarlyJsonLd(head)) return true;
    if (typeof url === 'string' && SITE_ADAPTERS.some((a) => a.matches(url))) return true;
    return !!doc.body?.querySelector(PRECHECK.body);
  } catch {
    return false;
  }
}

function scholarlyJsonLd(head: HTMLHeadElement): boolean {
  const scripts = head.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length && i < 5; i++) {
    const text = scripts[i]?.textContent ?? '';
    if (PRECHECK.jsonLd.test(text.length > 5000 ? text.slice(0, 5000) : text)) return true;
  }
  return false;
}
