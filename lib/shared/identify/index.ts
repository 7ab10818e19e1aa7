/**
 * Identify the paper a page is about: DOI, PMID, PMCID and title, each with the signal it came
 * from. Pure: a function of `(document, url)` with no browser API, so the content script, the unit
 * tests and the detect CLI run the same code. Never throws.
 *
 * Signal order (DESIGN.md, "Identifying the paper"), strongest first:
 *   citation_doi → dc.identifier → prism.doi → bepress_citation_doi → <meta name|id="DOI"> →
 *   JSON-LD → data-doi (when it is the only one) → site adapter → labelled DOI in the article
 *   header or printed citation → the URL.
 * A page with no identifier of its own but a list of papers (search results, a table of contents)
 * returns that list instead, before the weak text and URL signals are tried. Reference lists,
 * citation_reference meta, COinS, similar/cited-by blocks and figure or supplement DOIs are never
 * read as the article's DOI.
 */
import { adapterFor, generic, type AdapterResult, type SiteAdapter } from './adapters';
import { doiFromUrl, toArticleDoi } from './doi';
import { foundDoi, foundTitle } from './found';
import { readMetadata } from './metadata';
import { metaContent, withScan, type PageScan } from './scan';
import { cleanTitle, normaliseTitle } from './text';
import type { Found, Identification, ListedPaper, PaperIdentity } from './types';
import { effectiveUrl } from './url';

export type * from './types';
export { toPaperIds } from './types';
export { looksLikeArticle } from './precheck';
export { watchForChanges } from './watch';
export { adapterFor, ALL_ADAPTERS, SITE_ADAPTERS, type SiteAdapter } from './adapters';

/** A fresh empty result each time: callers may keep and extend the list they get. */
const none = (): Identification => ({ paper: null, list: [] });

export function identify(doc: Document, url: string): Identification {
  try {
    return identifyUnchecked(doc, typeof url === 'string' ? url : '');
  } catch {
    return none();
  }
}

function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function identifyUnchecked(doc: Document, rawUrl: string): Identification {
  if (!doc || typeof doc.querySelectorAll !== 'function') return none();
  return withScan(doc, (scan) => identifyScanned(doc, rawUrl, scan));
}

function identifyScanned(doc: Document, rawUrl: string, scan: PageScan): Identification {
  const url = attempt(() => effectiveUrl(rawUrl, scan.canonical, metaContent(doc, 'og:url')), rawUrl);
  const adapter = attempt(() => adapterFor(doc, url), generic);
  const meta = attempt(() => readMetadata(scan), null);
  const site: AdapterResult =
    adapter === generic ? {} : (attempt(() => adapter.identify(doc, url), null) ?? {});

  let doi = meta?.doi ?? site.doi ?? null;
  const pmid = meta?.pmid ?? site.pmid ?? null;
  const pmcid = meta?.pmcid ?? site.pmcid ?? null;

  // A results or contents page: no identifier of its own, but items to list. Checked before the
  // weak text and URL signals, which would otherwise pick the first listed paper. Site adapters
  // with their own list (PubMed search) are always asked; the contents-page lister only when the
  // walk saw something shaped like a contents item.
  if (!doi && !pmid && !pmcid && (adapter.list || scan.tocItems.length > 0)) {
    const list = attempt(() => listPapers(adapter, doc, url), []);
    if (list.length > 0) return { paper: null, list };
  }

  // `null` from the adapter means the site states there is no DOI (PubMed): stop there.
  if (!doi && site.doi !== null) {
    doi = foundDoi(scan.labelledDoi, 'header-label');
    doi ??= foundDoi(
      attempt(() => toArticleDoi(doiFromUrl(url)), null),
      'url',
    );
  }

  const title =
    meta?.strongTitle ?? site.title ?? meta?.weakTitle ?? attempt(() => headingTitle(scan), null) ?? null;

  if (!doi && !pmid && !pmcid && !(title && meta?.scholarly)) return none();
  const paper: PaperIdentity = { doi, pmid, pmcid, title, adapter: adapter.name };
  return { paper, list: [] };
}

/** The site's own list, else the generic contents-page list. */
function listPapers(adapter: SiteAdapter, doc: Document, url: string): ListedPaper[] {
  const own = adapter.list?.(doc, url) ?? [];
  if (own.length > 0 || adapter === generic) return own;
  return generic.list?.(doc, url) ?? [];
}

/**
 * The article's `<h1>`: pages often have several (site logo, article title, sidebar teasers), so
 * prefer the one whose text the document title contains, else the first substantial one.
 */
function headingTitle(scan: PageScan): Found | null {
  const docTitle = normaliseTitle(scan.title);
  let first: string | null = null;
  for (const h of scan.h1) {
    const t = cleanTitle(h.textContent?.slice(0, 2000));
    if (!t || t.length < 8) continue;
    const n = normaliseTitle(t);
    if (docTitle && n && docTitle.includes(n)) return foundTitle(t, 'h1');
    first ??= t;
  }
  return foundTitle(first, 'h1');
}
