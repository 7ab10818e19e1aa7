import type { Found, Identification, PaperIdentity, Signal } from './types';

export type * from './types';
export { toPaperIds } from './types';

const DOI_RE = /^10\.\d{4,9}\/\S+$/;

function meta(doc: Document, name: string): string | null {
  const el = doc.querySelector(`meta[name="${name}" i]`);
  const content = el?.getAttribute('content')?.trim();
  return content ? content : null;
}

function found(value: string, display: string, via: Signal): Found {
  return { value, display, via };
}

/**
 * Identify the paper a page is about. First version: `citation_*` meta tags and the PubMed URL;
 * the full signal order of DESIGN.md replaces it.
 */
export function identify(doc: Document, url: string): Identification {
  const rawDoi = meta(doc, 'citation_doi')?.replace(/^doi:\s*/i, '');
  const doi = rawDoi && DOI_RE.test(rawDoi) ? found(rawDoi.toLowerCase(), rawDoi, 'citation_doi') : null;
  let pmid: Found | null = null;
  const metaPmid = meta(doc, 'citation_pmid');
  if (metaPmid && /^\d{1,9}$/.test(metaPmid)) pmid = found(metaPmid, metaPmid, 'citation_pmid');
  else {
    const m = /^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/(\d{1,9})\/?(?:[?#]|$)/.exec(url);
    if (m?.[1]) pmid = found(m[1], m[1], 'url');
  }
  const rawTitle = meta(doc, 'citation_title');
  const title = rawTitle ? found(rawTitle.toLowerCase(), rawTitle, 'citation_title') : null;
  if (!doi && !pmid) return { paper: null, list: [] };
  const paper: PaperIdentity = { doi, pmid, pmcid: null, title, adapter: 'generic' };
  return { paper, list: [] };
}
