/**
 * What identification returns. Pure data: produced by functions of `(document, url)` that use no
 * browser API, so the same code runs in the content script, in unit tests and in the detect CLI.
 */

/** Where an identifier was found, strongest first in the order DESIGN.md gives. */
export type Signal =
  | 'citation_doi'
  | 'dc.identifier'
  | 'prism.doi'
  | 'bepress_citation_doi'
  | 'meta-doi'
  | 'json-ld'
  | 'data-doi'
  | 'adapter'
  | 'citation_pmid'
  | 'citation_title'
  | 'dc.title'
  | 'og:title'
  | 'h1'
  | 'header-label'
  | 'printed-citation'
  | 'url'
  // PDFs (pdf.ts): XMP metadata, the Info dictionary, printed text, page 1's largest text.
  | 'xmp'
  | 'pdf-info'
  | 'pdf-text'
  | 'pdf-largest-text';

export interface Found<T = string> {
  /** Normalised for lookup: DOIs lowercased, PMCIDs upper-cased `PMC123`, PMIDs digits only. */
  value: T;
  /** As the page printed it, for display (a DOI keeps its case). */
  display: T;
  via: Signal;
}

export interface PaperIdentity {
  doi: Found | null;
  pmid: Found | null;
  pmcid: Found | null;
  title: Found | null;
  /** Name of the site adapter that recognised the page, or 'generic'. */
  adapter: string;
}

/** One item of a page that lists several papers (search results, tables of contents). */
export interface ListedPaper extends PaperIdentity {
  /** The element the result belongs to, where a badge can be placed. */
  element: Element;
}

export interface Identification {
  /** The article the page is about, or null when the page is not an article page. */
  paper: PaperIdentity | null;
  /** Every result on a list page (empty on an article page). */
  list: ListedPaper[];
}

/** The identifiers a lookup needs, without provenance: what crosses the message boundary. */
export interface PaperIds {
  doi?: string;
  pmid?: string;
  pmcid?: string;
  title?: string;
}

export function toPaperIds(p: PaperIdentity): PaperIds {
  const ids: PaperIds = {};
  if (p.doi) ids.doi = p.doi.value;
  if (p.pmid) ids.pmid = p.pmid.value;
  if (p.pmcid) ids.pmcid = p.pmcid.value;
  if (p.title) ids.title = p.title.display;
  return ids;
}
