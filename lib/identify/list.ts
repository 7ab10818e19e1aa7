/**
 * Papers listed on a journal's table of contents or issue page: one entry per item, with the
 * element a badge can be attached to. Items inside reference or related-content blocks are
 * ignored, as are items with no identifier.
 */
import { doiFromUrl, parseArticleDoi, toArticleDoi, type Doi } from './doi';
import { safeQuery, safeQueryAll } from './dom';
import { scanOf } from './scan';
import { foundDoi, foundTitle } from './found';
import { TOC_ITEM_PARTS } from './selectors';
import { cleanTitle } from './text';
import type { ListedPaper } from './types';

const MAX_LINKS_PER_ITEM = 8;

export interface TocOptions {
  adapter: string;
  /** Site-specific mapping of an article link to its DOI (Nature's `/articles/<id>`). */
  hrefToDoi?: (href: string) => Doi | null;
}

export function tocList(doc: Document, url: string, options: TocOptions): ListedPaper[] {
  // Collected by the document walk: outside reference/related containers, in document order.
  const items = scanOf(doc).tocItems;
  if (items.length === 0) return [];
  const chosen = new Set(items);
  const out: ListedPaper[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    // Nested matches (an `article.c-card` inside an `li.app-article-list-row__item`) are one item.
    if (hasChosenAncestor(item, chosen)) continue;
    const doi = itemDoi(item, url, options);
    if (!doi || seen.has(doi.value)) continue;
    seen.add(doi.value);
    const titleEl = safeQuery(item, TOC_ITEM_PARTS.title);
    out.push({
      doi: foundDoi(doi, 'adapter'),
      pmid: null,
      pmcid: null,
      title: foundTitle(cleanTitle(titleEl?.textContent), 'adapter'),
      adapter: options.adapter,
      element: item,
    });
  }
  return out;
}

function hasChosenAncestor(el: Element, chosen: Set<Element>): boolean {
  let cur = el.parentElement;
  for (let depth = 0; cur && depth < 40; depth++, cur = cur.parentElement) if (chosen.has(cur)) return true;
  return false;
}

function itemDoi(item: Element, base: string, options: TocOptions): Doi | null {
  const own = parseArticleDoi(item.getAttribute('data-doi'));
  if (own) return own;
  const inner = safeQuery(item, TOC_ITEM_PARTS.doi);
  const innerDoi = parseArticleDoi(inner?.getAttribute('data-doi'));
  if (innerDoi) return innerDoi;
  for (const a of safeQueryAll(item, TOC_ITEM_PARTS.link, MAX_LINKS_PER_ITEM)) {
    const href = a.getAttribute('href');
    if (!href) continue;
    let abs = href;
    try {
      abs = new URL(href, base || undefined).href;
    } catch {
      abs = href;
    }
    const doi = toArticleDoi(doiFromUrl(abs)) ?? options.hrefToDoi?.(abs) ?? null;
    if (doi) return doi;
  }
  return null;
}
