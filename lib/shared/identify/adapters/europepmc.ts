/** Europe PMC: `/article/MED/<pmid>`, `/article/PMC/<pmcid>`, and the older `/abstract/MED/…`. */
import { textOfFirst } from '../dom';
import { foundDoi, foundPmcid, foundPmid } from '../found';
import { findLabelledPmcid, findLabelledPmid, parsePmcid, parsePmid } from '../ids';
import { labelledDoiInText } from '../labelled';
import { EUROPEPMC, HOSTS } from '../selectors';
import { urlOnHost } from '../url';
import type { AdapterResult, SiteAdapter } from './types';

function identify(doc: Document, url: string): AdapterResult {
  const out: AdapterResult = {};
  const u = urlOnHost(url, ...HOSTS.europepmc);
  const path = u?.path ?? '';
  const med = EUROPEPMC.medPath.exec(path);
  const pmcPath = EUROPEPMC.pmcPath.exec(path);
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
  matches: (url) => !!urlOnHost(url, ...HOSTS.europepmc),
  identify,
};
