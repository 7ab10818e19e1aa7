/**
 * The adapter registry and the factory that picks one adapter per page: by address first, then by
 * markup (saved pages, blank addresses), else the generic metadata adapter.
 */
import { tocList } from '../list';
import { acs, nejm, sage, tandf, wiley } from './atypon';
import { cell, lancet, sciencedirect } from './elsevier';
import { europepmc } from './europepmc';
import { bmj, doiorg, frontiers, ieee, jama, mdpi, oup, plos } from './others';
import { pmc } from './pmc';
import { arxiv, biorxiv } from './preprints';
import { pubmed } from './pubmed';
import { bmc, nature, springer } from './springernature';
import type { SiteAdapter } from './types';

export type { AdapterResult, SiteAdapter } from './types';

/**
 * Pages of any site: everything comes from the publisher metadata, the labelled DOI and the URL
 * (see identify()), so this adapter adds nothing of its own except table-of-contents lists.
 */
export const generic: SiteAdapter = {
  name: 'generic',
  matches: () => true,
  identify: () => ({}),
  list: (doc, url) => tocList(doc, url, { adapter: 'generic' }),
};

/** Site adapters, most specific first (PMC before PubMed: both live on ncbi.nlm.nih.gov). */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  pmc,
  pubmed,
  europepmc,
  biorxiv,
  doiorg,
  sciencedirect,
  springer,
  nature,
  bmc,
  wiley,
  tandf,
  sage,
  oup,
  jama,
  nejm,
  lancet,
  bmj,
  plos,
  frontiers,
  mdpi,
  cell,
  acs,
  ieee,
  arxiv,
];

export const ALL_ADAPTERS: readonly SiteAdapter[] = [...SITE_ADAPTERS, generic];

function safely(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

export function adapterFor(doc: Document, url: string): SiteAdapter {
  for (const a of SITE_ADAPTERS) if (safely(() => a.matches(url))) return a;
  for (const a of SITE_ADAPTERS) if (a.recognises && safely(() => a.recognises?.(doc) ?? false)) return a;
  return generic;
}
