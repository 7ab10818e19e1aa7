/** Preprint servers: bioRxiv/medRxiv and arXiv. */
import { doiFromUrl, parseArticleDoi, toArticleDoi } from '../doi';
import { byId, metaContent } from '../scan';
import { foundDoi } from '../found';
import { ARXIV, HOSTS } from '../selectors';
import { urlOnHost } from '../url';
import { doiFromLinks } from './common';
import type { AdapterResult, SiteAdapter } from './types';

/**
 * bioRxiv/medRxiv URLs are `/content/10.1101/2020.03.22.002386v3(.full)`: the `vN` version suffix
 * is not part of the DOI, which names every version.
 */
export const biorxiv: SiteAdapter = {
  name: 'biorxiv',
  matches: (url) => !!urlOnHost(url, ...HOSTS.biorxiv),
  identify(_doc, url): AdapterResult {
    const doi = toArticleDoi(doiFromUrl(url));
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
};

/**
 * arXiv: the DataCite DOI (10.48550/arXiv.<id>) is printed as a link on the abstract page; older
 * saved pages lack it, and every arXiv id has one, so it is derived from the id when missing. A
 * journal DOI printed under "Related DOI" is the published version, not this record.
 */
function arxivId(doc: Document, url: string): string | null {
  const u = urlOnHost(url, ...HOSTS.arxiv);
  const m = u ? ARXIV.absPath.exec(u.path) : null;
  if (m?.[1]) return m[1];
  const meta = metaContent(doc, ARXIV.idMeta)?.replace(/v\d+$/, '');
  return meta && ARXIV.id.test(meta) ? meta : null;
}

export const arxiv: SiteAdapter = {
  name: 'arxiv',
  matches: (url) => !!urlOnHost(url, ...HOSTS.arxiv),
  identify(doc, url): AdapterResult {
    const link = byId(doc, ARXIV.doiLinkId);
    const printed =
      (link?.parentElement ? doiFromLinks(link.parentElement, `#${ARXIV.doiLinkId}`) : null) ??
      doiFromLinks(doc, ARXIV.doiLink);
    if (printed) return { doi: foundDoi(printed, 'header-label') };
    const id = arxivId(doc, url);
    // Old-style ids (`hep-th/9901001`) have DataCite DOIs too: 10.48550/arXiv.hep-th/9901001.
    const derived = id ? parseArticleDoi(`${ARXIV.doiPrefix}${id}`) : null;
    return derived ? { doi: foundDoi(derived, 'url') } : {};
  },
};
