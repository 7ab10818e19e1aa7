/** Elsevier: ScienceDirect, and the Lancet and Cell Press journal sites. */
import { findDoi, parseArticleDoi, toArticleDoi } from '../doi';
import { foundDoi } from '../found';
import { byId } from '../scan';
import { ELSEVIER_PII_PATH, HOSTS, SCIENCEDIRECT } from '../selectors';
import { decodedPath, urlOnHost } from '../url';
import { doiFromLinks, scriptsContaining } from './common';
import type { AdapterResult, SiteAdapter } from './types';

/**
 * The 2010s ScienceDirect page kept the DOI in an inline `SDM.doi = '…'` assignment, sometimes
 * with no meta tags at all (a partial page).
 */
function sdmDoi(doc: Document) {
  for (const text of scriptsContaining(doc, SCIENCEDIRECT.scriptMarker)) {
    const m = SCIENCEDIRECT.scriptVar.exec(text);
    const doi = parseArticleDoi(m?.[2]);
    if (doi) return doi;
  }
  return null;
}

export const sciencedirect: SiteAdapter = {
  name: 'sciencedirect',
  matches: (url) => !!urlOnHost(url, ...HOSTS.sciencedirect),
  recognises: (doc) => scriptsContaining(doc, SCIENCEDIRECT.scriptMarker).length > 0,
  identify(doc): AdapterResult {
    const links = byId(doc, SCIENCEDIRECT.identifierLinks);
    const doi = (links ? doiFromLinks(links, SCIENCEDIRECT.doiLink) : null) ?? sdmDoi(doc);
    return doi ? { doi: foundDoi(doi, 'adapter') } : {};
  },
};

/**
 * Lancet and Cell Press article paths carry the formatted PII, which is the DOI suffix under
 * 10.1016: `/article/PIIS0140-6736(20)30183-5/fulltext` is 10.1016/S0140-6736(20)30183-5.
 */
function doiFromPiiPath(url: string) {
  const path = decodedPath(url);
  if (path === null) return null;
  const m = ELSEVIER_PII_PATH.exec(path);
  return m?.[1] ? toArticleDoi(findDoi(`10.1016/${m[1].toUpperCase()}`)) : null;
}

function elsevierJournal(name: string, domains: readonly string[]): SiteAdapter {
  return {
    name,
    matches: (url) => !!urlOnHost(url, ...domains),
    identify(_doc, url): AdapterResult {
      const doi = doiFromPiiPath(url);
      return doi ? { doi: foundDoi(doi, 'url') } : {};
    },
  };
}

export const lancet = elsevierJournal('lancet', HOSTS.lancet);
export const cell = elsevierJournal('cell', HOSTS.cell);
