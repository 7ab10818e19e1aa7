/**
 * Papers listed on a journal's table of contents or issue page: one entry per item, with the
 * element a badge can be attached to. Items inside reference or related-content blocks are
 * ignored, as are items with no identifier.
 */
import { doiFromUrl, parseArticleDoi, toArticleDoi, type Doi } from './doi';
import { tagOf } from './dom';
import { scanOf } from './scan';
import { foundDoi, foundTitle } from './found';
import { TOC_ITEM_PARTS } from './selectors';
import { cleanTitle } from './text';
import type { ListedPaper } from './types';

const MAX_LINKS_PER_ITEM = 8;
const MAX_ITEM_ELEMENTS = 300;

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
    const parts = readItem(item);
    const doi = itemDoi(parts, url, options);
    if (!doi || seen.has(doi.value)) continue;
    seen.add(doi.value);
    out.push({
      doi: foundDoi(doi, 'adapter'),
      pmid: null,
      pmcid: null,
      title: foundTitle(cleanTitle((parts.title ?? parts.firstLink)?.textContent?.slice(0, 2000)), 'adapter'),
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

interface ItemParts {
  dataDoi: string[];
  hrefs: string[];
  title: Element | null;
  firstLink: Element | null;
}

/**
 * One bounded walk over an item's elements instead of several selector queries per item: a
 * contents page can have hundreds of items.
 */
function readItem(item: Element): ItemParts {
  const parts: ItemParts = { dataDoi: [], hrefs: [], title: null, firstLink: null };
  const own = item.getAttribute('data-doi');
  if (own) parts.dataDoi.push(own);
  let el: Element | null = item.firstElementChild;
  for (let n = 0; el && n < MAX_ITEM_ELEMENTS; n++) {
    const tag = tagOf(el);
    const doi = el.getAttribute('data-doi');
    if (doi && parts.dataDoi.length < 4) parts.dataDoi.push(doi);
    if (tag === 'A') {
      const href = el.getAttribute('href');
      if (href && parts.hrefs.length < MAX_LINKS_PER_ITEM) parts.hrefs.push(href);
      parts.firstLink ??= el;
    }
    if (
      !parts.title &&
      (TOC_ITEM_PARTS.titleTags.has(tag) || TOC_ITEM_PARTS.titleClass.test(el.getAttribute('class') ?? ''))
    ) {
      parts.title = el;
    }
    el = nextElementWithin(el, item);
  }
  return parts;
}

function nextElementWithin(el: Element, root: Element): Element | null {
  if (el.firstElementChild) return el.firstElementChild;
  let cur: Element | null = el;
  while (cur && cur !== root) {
    if (cur.nextElementSibling) return cur.nextElementSibling;
    cur = cur.parentElement;
  }
  return null;
}

function itemDoi(parts: ItemParts, base: string, options: TocOptions): Doi | null {
  for (const value of parts.dataDoi) {
    const doi = parseArticleDoi(value);
    if (doi) return doi;
  }
  for (const href of parts.hrefs) {
    const abs = absolute(href, base);
    const doi = toArticleDoi(doiFromUrl(abs)) ?? options.hrefToDoi?.(abs) ?? null;
    if (doi) return doi;
  }
  return null;
}

/** `href` resolved against the page address, without throwing (exceptions are slow in a loop). */
function absolute(href: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || !/^https?:\/\//i.test(base)) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}
