import type { ListedPaper, PaperIdentity } from '../types';

/**
 * What a site adapter knows about the page. A key set to `null` means the site states the paper has
 * none of that identifier (PubMed lists every identifier it has), so weaker signals are not tried;
 * a missing key means "not known here".
 */
export type AdapterResult = Partial<Omit<PaperIdentity, 'adapter'>>;

/** One site's knowledge of its own pages. Adapters are pure functions of `(document, url)`. */
export interface SiteAdapter {
  /** Short lowercase name; fixtures are `tests/fixtures/sites/<name>-<what>.html`. */
  name: string;
  /** Whether this adapter handles pages at `url` (host and, where needed, path). */
  matches(url: string): boolean;
  /**
   * Whether the document is one of this site's pages when the address does not say (a saved page,
   * a blank URL). Must be cheap: a selector or two, no full-text scans.
   */
  recognises?(doc: Document): boolean;
  identify(doc: Document, url: string): AdapterResult | null;
  /** Every paper listed on a search-results or table-of-contents page. */
  list?(doc: Document, url: string): ListedPaper[];
}
