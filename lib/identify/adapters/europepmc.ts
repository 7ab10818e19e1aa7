/** Europe PMC: `/article/MED/<pmid>`, `/article/PMC/<pmcid>`, and the older `/abstract/MED/…`. */
import { textOfFirst } from '../dom';
import { foundDoi, foundPmcid, foundPmid } from '../found';
import { findLabelledPmcid, findLabelledPmid, parsePmcid, parsePmid } from '../ids';
import { labelledDoiInText } from '../labelled';
import { EUROPEPMC } from '../selectors';
import { urlOnHost } from '../url';
import type { AdapterResult, SiteAdapter } from './types';

function identify(doc: Document, url: string): AdapterResult {
  const out: AdapterResult = {};
  const u = urlOnHost(url, 'europepmc.org');
  const path = u?.path ?? '';
  const med = /^\/(?:article|abstract)\/MED\/(\d{1,9})(?:\/|$)/i.exec(path);
  const pmcPath = /^\/(?:article\/PMC|abstract\/PMC|articles)\/(PMC\d{1,9})(?:\/|$)/i.exec(path);
  const header = textOfFirst(doc, EUROPEPMC.header, 20_000) ?? '';
  const pmid = parsePmid(med?.[1]) ?? findLabelledPmid(header);
  if (pmid) out.pmid = foundPmid(pmid, med ? 'url' : 'adapter');
  const pmcid = parsePmcid(pmcPath?.[1]) ?? findLabelledPmcid(header);
  if (pmcid) out.pmcid = foundPmcid(pmcid, pmcPath ? 'url' : 'adapter');
  const doi = labelledDoiInText(header);
  if (doi) out.doi = foundDoi(doi, 'header-label');
  return out;
}

export const europepmc: SiteAdapter = {
  name: 'europepmc',
  matches: (url) => !!urlOnHost(url, 'europepmc.org'),
  identify,
};
