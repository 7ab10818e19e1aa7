/**
 * PubMed: the current pubmed.ncbi.nlm.nih.gov pages, the legacy www.ncbi.nlm.nih.gov/pubmed pages
 * and their search results.
 */
import { parseArticleDoi } from '../doi';
import { safeQuery, safeQueryAll, textOf } from '../dom';
import { foundDoi, foundPmcid, foundPmid, foundTitle } from '../found';
import { findLabelledPmid, parsePmcid, parsePmid } from '../ids';
import { labelledDoiInText } from '../labelled';
import { byId, metaContent } from '../scan';
import { HOSTS, PUBMED_IDS, PUBMED_LEGACY, PUBMED_SEARCH, PUBMED_URL } from '../selectors';
import { cleanTitle } from '../text';
import type { ListedPaper } from '../types';
import { parsePageUrl, urlOnHost } from '../url';
import type { AdapterResult, SiteAdapter } from './types';

function onPubmed(url: string): boolean {
  const u = parsePageUrl(url);
  if (!u) return false;
  if (urlOnHost(url, ...HOSTS.pubmed)) return true;
  return !!urlOnHost(url, ...HOSTS.ncbi) && PUBMED_URL.legacySection.test(u.path);
}

function pmidFromUrl(url: string): string | null {
  const u = parsePageUrl(url);
  if (!u) return null;
  if (urlOnHost(url, ...HOSTS.pubmed)) {
    const m = PUBMED_URL.article.exec(u.path);
    return parsePmid(m?.[1]);
  }
  const m = PUBMED_URL.legacyArticle.exec(u.path);
  return parsePmid(m?.[1]);
}

/** `ncbi_uidlist` holds one PMID on an abstract page and many on a legacy results page. */
function legacyUid(doc: Document): string | null {
  for (const name of PUBMED_LEGACY.uidMeta) {
    const v = metaContent(doc, name);
    if (v && !/[,\s]/.test(v)) {
      const pmid = parsePmid(v);
      if (pmid) return pmid;
    }
  }
  return null;
}

function identify(doc: Document, url: string): AdapterResult | null {
  const out: AdapterResult = {};
  const current = byId(doc, PUBMED_IDS.root);
  if (current) {
    // The current page lists every identifier PubMed has for the record: absent here means none.
    out.pmid = foundPmid(parsePmid(textOf(current, PUBMED_IDS.pmid)), 'adapter');
    out.doi = foundDoi(parseArticleDoi(textOf(current, PUBMED_IDS.doi)), 'adapter');
    out.pmcid = foundPmcid(parsePmcid(textOf(current, PUBMED_IDS.pmcid)), 'adapter');
    out.title = foundTitle(cleanTitle(textOf(doc, PUBMED_IDS.title)), 'adapter');
  } else {
    const pmid = legacyUid(doc) ?? findLabelledPmid(textOf(doc, PUBMED_LEGACY.pmidText) ?? '');
    if (pmid) out.pmid = foundPmid(pmid, 'adapter');
    const cit = textOf(doc, PUBMED_LEGACY.citation);
    if (cit !== null) {
      // The printed citation line ends with `doi: …` when the record has one.
      out.doi = foundDoi(labelledDoiInText(cit), 'printed-citation');
    } else {
      const description = metaContent(doc, 'description');
      const doi = description ? labelledDoiInText(description) : null;
      if (doi) out.doi = foundDoi(doi, 'printed-citation');
    }
    const title = cleanTitle(textOf(doc, PUBMED_LEGACY.title));
    if (title) out.title = foundTitle(title, 'adapter');
  }
  if (!out.pmid) {
    const fromUrl = foundPmid(pmidFromUrl(url), 'url');
    if (fromUrl) out.pmid = fromUrl;
  }
  return out;
}

function list(doc: Document): ListedPaper[] {
  const out: ListedPaper[] = [];
  // Only inside the results container: the same `.docsum-content` markup lists similar and
  // citing articles on an article page.
  const root = byId(doc, PUBMED_SEARCH.root);
  if (!root) return out;
  for (const item of safeQueryAll(root, PUBMED_SEARCH.item, 1000)) {
    const link = safeQuery(item, PUBMED_SEARCH.titleLink);
    const pmid =
      parsePmid(link?.getAttribute('data-article-id')) ?? parsePmid(textOf(item, PUBMED_SEARCH.pmid)) ?? null;
    if (!pmid) continue;
    const citation = textOf(item, PUBMED_SEARCH.citation);
    out.push({
      pmid: foundPmid(pmid, 'adapter'),
      doi: foundDoi(citation ? labelledDoiInText(citation) : null, 'printed-citation'),
      pmcid: null,
      title: foundTitle(cleanTitle(link?.textContent), 'adapter'),
      adapter: 'pubmed',
      element: item.closest(PUBMED_SEARCH.itemContainer) ?? item,
    });
  }
  return out;
}

function hasResults(doc: Document): boolean {
  const root = byId(doc, PUBMED_SEARCH.root);
  return root !== null && safeQuery(root, PUBMED_SEARCH.item) !== null;
}

export const pubmed: SiteAdapter = {
  name: 'pubmed',
  matches: onPubmed,
  // A saved page: NCBI's database meta, else the article identifier list or the results list.
  recognises: (doc) =>
    /^pubmed$/i.test(metaContent(doc, PUBMED_LEGACY.dbMeta) ?? '') ||
    byId(doc, PUBMED_IDS.root) !== null ||
    hasResults(doc),
  identify,
  list,
};
