/** PubMed Central: pmc.ncbi.nlm.nih.gov and the older www.ncbi.nlm.nih.gov/pmc pages. */
import { textOf, textOfFirst } from '../dom';
import { metaContent } from '../scan';
import { foundDoi, foundPmcid, foundPmid, foundTitle } from '../found';
import { findLabelledPmcid, findLabelledPmid, parsePmcid } from '../ids';
import { labelledDoiInText } from '../labelled';
import { HOSTS, PMC } from '../selectors';
import { cleanTitle } from '../text';
import { parsePageUrl, urlOnHost } from '../url';
import type { AdapterResult, SiteAdapter } from './types';

function pmcidFromUrl(url: string): string | null {
  const u = parsePageUrl(url);
  const m = u ? PMC.articlePath.exec(u.path) : null;
  return parsePmcid(m?.[1]);
}

function identify(doc: Document, url: string): AdapterResult {
  const out: AdapterResult = {};
  // The citation block under the title prints `doi: …`, `PMCID: PMC…  PMID: …` for this article.
  const header = textOfFirst(doc, PMC.header, 20_000) ?? '';
  const pmcid = pmcidFromUrl(url) ?? findLabelledPmcid(header);
  if (pmcid) out.pmcid = foundPmcid(pmcid, pmcidFromUrl(url) ? 'url' : 'adapter');
  const pmid = findLabelledPmid(header);
  if (pmid) out.pmid = foundPmid(pmid, 'adapter');
  const doi = labelledDoiInText(header);
  if (doi) out.doi = foundDoi(doi, 'header-label');
  const title = cleanTitle(textOf(doc, PMC.title));
  if (title) out.title = foundTitle(title, 'adapter');
  return out;
}

export const pmc: SiteAdapter = {
  name: 'pmc',
  matches: (url) => {
    if (urlOnHost(url, ...HOSTS.pmc)) return true;
    const u = urlOnHost(url, ...HOSTS.ncbi);
    return !!u && PMC.legacySection.test(u.path);
  },
  recognises: (doc) => /^pmc$/i.test(metaContent(doc, PMC.dbMeta) ?? ''),
  identify,
};
