/**
 * One pass over the document that collects everything identification reads: meta tags, the
 * canonical link, JSON-LD and inline scripts, `data-doi` elements, `<h1>`s, a hint that the page
 * has table-of-contents items, and the first labelled DOI in the article text.
 *
 * One walk instead of a dozen `querySelectorAll` calls matters on big pages (every selector query
 * is a full traversal, and in DOM emulations used by the tests and the CLI it is a slow one).
 * Reference lists, similar/cited-by blocks, figures and page chrome are skipped as whole subtrees,
 * so a 5 MB reference list costs nothing, and the walk is capped in nodes.
 */
import { isExcludedParts, tagOf } from './dom';
import { parseDoi, toArticleDoi, type Doi } from './doi';
import { labelledInNode, type PendingLabel } from './labelled';
import { normaliseTitle } from './text';
import { isTocItem } from './selectors';

export interface PageScan {
  /** Meta contents by lowercased `name`, `property` and `id` (each tag under each key it has). */
  meta: Map<string, MetaTag[]>;
  canonical: string | null;
  jsonLd: string[];
  inlineScripts: string[];
  /** `data-doi` values outside excluded containers. */
  dataDoi: string[];
  h1: Element[];
  /** Text of the document's first <title> (document.title is a full traversal in DOM emulations). */
  title: string;
  /** Elements by id (first of each), outside excluded containers: cheap anchors for adapters. */
  ids: Map<string, Element>;
  /** Elements that look like table-of-contents items (isTocItem), outside excluded containers. */
  tocItems: Element[];
  labelledDoi: Doi | null;
}

export interface MetaTag {
  content: string;
  scheme: string | null;
}

const MAX_NODES = 400_000;
const PER_META_KEY = 20;
const MAX_META = 100_000;
const MAX_JSONLD = 20;
const MAX_JSONLD_CHARS = 1_000_000;
const MAX_SCRIPTS = 300;
const MAX_SCRIPT_CHARS = 2_000_000;
const MAX_DATA_DOI = 500;
const MAX_H1 = 20;
const MAX_IDS = 50_000;
const INLINE_TAGS = new Set([
  'SPAN',
  'A',
  'I',
  'B',
  'EM',
  'STRONG',
  'SMALL',
  'SUP',
  'SUB',
  'CITE',
  'FONT',
  'ABBR',
]);
const REGION_TAGS = new Set(['BODY', 'HTML', 'MAIN', 'ARTICLE', 'SECTION']);
/** Parenthetical labelled DOIs kept for the self-citation check. */
const MAX_WEAK = 5;
const MAX_TOC_ITEMS = 500;
/** Text read while looking for a labelled DOI: the article header is near the top. */
const MAX_LABEL_NODES = 40_000;
const MAX_LABEL_CHARS = 600_000;

/** Headings after which everything on the page (or in a PDF) is about other papers. */
export const STOP_HEADING_RE =
  /^\s*(?:\d+\.?\s*)?(?:references?(?: and notes)?|bibliography|literature cited|works cited|cited by|citing articles|similar articles|related articles|recommended articles|notes and references)\s*:?\s*$/i;
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Elements whose content is never page text or metadata we read. */
const OPAQUE = new Set([
  'STYLE',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'SELECT',
  'TEXTAREA',
  'IFRAME',
  'OBJECT',
  'NOSCRIPT',
]);

let current: { doc: Document; scan: PageScan } | null = null;

/**
 * The scan of `doc` for the identify() call in progress, or a fresh one. identify() is synchronous,
 * so a scan made at its start is valid until it returns; `withScan` makes it visible to adapters.
 */
export function scanOf(doc: Document): PageScan {
  if (current && current.doc === doc) return current.scan;
  return scanPage(doc);
}

/** The element with that id, from the scan (no document traversal). */
export function byId(doc: Document, id: string): Element | null {
  return scanOf(doc).ids.get(id) ?? null;
}

/** Content of the first non-empty `<meta>` with that name/property/id (case-insensitive). */
export function metaContent(doc: Document, name: string): string | null {
  for (const tag of scanOf(doc).meta.get(name.toLowerCase()) ?? []) {
    const c = tag.content.trim();
    if (c) return c;
  }
  return null;
}

export function withScan<T>(doc: Document, f: (scan: PageScan) => T): T {
  const previous = current;
  const scan = scanPage(doc);
  current = { doc, scan };
  try {
    return f(scan);
  } finally {
    current = previous;
  }
}

export function scanPage(doc: Document): PageScan {
  const scan: PageScan = {
    meta: new Map(),
    canonical: null,
    jsonLd: [],
    inlineScripts: [],
    dataDoi: [],
    h1: [],
    title: '',
    ids: new Map(),
    tocItems: [],
    labelledDoi: null,
  };
  // Every top-level node, not only documentElement: a saved partial page can have elements
  // outside <html> (linkedom keeps them as siblings of it).
  const tops: Node[] = [];
  const children = doc.childNodes;
  for (let i = 0; i < children.length && i < 1000; i++) {
    const c = children[i];
    if (c) tops.push(c);
  }

  let metaCount = 0;
  let jsonChars = 0;
  let scriptChars = 0;
  // Labelled-DOI search state: stops at the first hit or its budget; a "References" heading skips
  // the rest of its section.
  let labelOpen = true;
  let labelNodes = 0;
  let labelChars = 0;
  let pendingLabel: PendingLabel = false;
  const weak: { doi: Doi; node: Node }[] = [];
  let inBody = false;

  let visited = 0;
  for (const root of tops) {
    let node: Node | null = root;
    while (node && visited < MAX_NODES) {
      visited++;
      let descend = false;
      if (node.nodeType === 1) {
        const el = node as Element;
        const tag = tagOf(el);
        if (tag === 'META') {
          if (metaCount++ < MAX_META) addMeta(scan, el);
        } else if (tag === 'LINK') {
          if (scan.canonical === null && /(?:^|\s)canonical(?:\s|$)/i.test(el.getAttribute('rel') ?? '')) {
            scan.canonical = el.getAttribute('href');
          }
        } else if (tag === 'SCRIPT') {
          const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
          if (type === 'application/ld+json') {
            const text = el.textContent ?? '';
            if (scan.jsonLd.length < MAX_JSONLD && jsonChars + text.length <= MAX_JSONLD_CHARS) {
              jsonChars += text.length;
              scan.jsonLd.push(text);
            }
          } else if (!el.hasAttribute('src') && (!type || /javascript|ecmascript|^module$/.test(type))) {
            const text = el.textContent ?? '';
            if (scan.inlineScripts.length < MAX_SCRIPTS && scriptChars + text.length <= MAX_SCRIPT_CHARS) {
              scriptChars += text.length;
              scan.inlineScripts.push(text);
            }
          }
        } else if (tag === 'TITLE') {
          if (!scan.title) scan.title = (el.textContent ?? '').slice(0, 2000);
        } else if (tag === 'BODY') {
          inBody = true;
          descend = true;
        } else if (tag === 'HEAD' || tag === 'HTML') {
          descend = true;
        } else if (!OPAQUE.has(tag)) {
          // Most elements (p, span, td, li) carry no attributes: skip the attribute reads for them.
          const attrs = el.hasAttributes();
          const id = attrs ? el.getAttribute('id') : null;
          const cls = attrs ? el.getAttribute('class') : null;
          if (id && scan.ids.size < MAX_IDS && !scan.ids.has(id)) scan.ids.set(id, el);
          descend = !isExcludedParts(tag, attrs ? el.getAttribute('role') : null, id, cls);
          if (descend && attrs) {
            const doiAttr = el.getAttribute('data-doi');
            // A link out to the DOI resolver cites some work (arXiv's "Related DOI", a reference):
            // its data-doi is that work's, not the page's.
            if (
              doiAttr !== null &&
              scan.dataDoi.length < MAX_DATA_DOI &&
              !(tag === 'A' && linksToResolver(el))
            ) {
              scan.dataDoi.push(doiAttr);
            }
            if (cls && scan.tocItems.length < MAX_TOC_ITEMS && cls.length < 1000 && isTocItem(tag, cls)) {
              scan.tocItems.push(el);
            }
          }
          if (descend && tag === 'A' && labelOpen && inBody && attrs) {
            // A link to the resolver whose text is that same DOI is a printed DOI, label enough.
            const printed = printedDoiLink(el);
            if (printed) {
              scan.labelledDoi = printed;
              labelOpen = false;
            }
          }
          if (descend && HEADINGS.has(tag)) {
            if (tag === 'H1' && scan.h1.length < MAX_H1) scan.h1.push(el);
            if (inBody && isStopHeading(el)) {
              // "References", "Cited by": the rest of this heading's section lists other papers.
              // Skip it and carry on after it (Springer and Nature print the article's own DOI in
              // "About this article", after the references).
              const section = el.parentNode;
              if (section && section !== root && section.nodeType === 1) {
                node = section;
                descend = false;
                pendingLabel = false;
              }
            }
          }
        }
      } else if (node.nodeType === 3 && labelOpen && inBody) {
        const text = (node as Text).data;
        labelNodes++;
        labelChars += text.length;
        if (labelNodes > MAX_LABEL_NODES || labelChars > MAX_LABEL_CHARS) labelOpen = false;
        else {
          const found = labelledInNode(text, pendingLabel);
          if (found.doi) {
            scan.labelledDoi = found.doi;
            labelOpen = false;
          } else if (found.weak && weak.length < MAX_WEAK) weak.push({ doi: found.weak, node });
          pendingLabel = found.pending;
        }
      }
      node = nextNode(node, root, descend);
    }
  }
  if (!scan.labelledDoi && weak.length > 0) scan.labelledDoi = selfCitation(weak, scan);
  return scan;
}

/** `<a href="https://doi.org/10.1/x">10.1/x</a>` (or the resolver URL as its text). */
function printedDoiLink(a: Element): Doi | null {
  if (!linksToResolver(a)) return null;
  const text = a.textContent;
  if (!text || text.length > 400) return null;
  const fromText = parseDoi(text);
  const fromHref = fromText ? parseDoi(a.getAttribute('href')) : null;
  return fromText && fromHref && fromText.value === fromHref.value ? toArticleDoi(fromText) : null;
}

/**
 * A parenthetical DOI is kept only when its block is a citation of the page itself: the block's
 * text contains the page's title (F1000's "Cite this article: <title> … (doi: 10.…)").
 */
function selfCitation(weak: { doi: Doi; node: Node }[], scan: PageScan): Doi | null {
  const titles = titleKeys(scan);
  if (titles.length === 0) return null;
  for (const { doi, node } of weak) {
    // The citation's block: the nearest ancestor that is not inline markup, and never a whole
    // page region (which would contain the title anyway).
    let block = node.parentElement;
    for (let depth = 0; block && depth < 4 && INLINE_TAGS.has(tagOf(block)); depth++) {
      block = block.parentElement;
    }
    if (!block || REGION_TAGS.has(tagOf(block))) continue;
    const text = normaliseTitle((block.textContent ?? '').slice(0, 5000));
    if (titles.some((t) => text.includes(t))) return doi;
  }
  return null;
}

/** Normalised forms of the page's title: <title> and its segments around ` | ` / ` - `, the h1s. */
function titleKeys(scan: PageScan): string[] {
  const raw = [
    scan.title,
    ...scan.title.split(/\s[|\u2013\u2014-]\s/),
    ...scan.h1.slice(0, 3).map((h) => h.textContent ?? ''),
  ];
  const keys = raw.map((t) => normaliseTitle(t.slice(0, 1000))).filter((t) => t.length >= 20);
  return [...new Set(keys)];
}

function addMeta(scan: PageScan, el: Element): void {
  const content = el.getAttribute('content');
  if (content === null) return;
  const tag: MetaTag = { content, scheme: el.getAttribute('scheme') };
  for (const attr of ['name', 'property', 'id']) {
    const key = el.getAttribute(attr)?.trim().toLowerCase();
    if (!key || key.length > 100) continue;
    let list = scan.meta.get(key);
    if (!list) scan.meta.set(key, (list = []));
    if (list.length < PER_META_KEY) list.push(tag);
  }
}

function linksToResolver(el: Element): boolean {
  const href = el.getAttribute('href');
  return !!href && /(?:^|\/\/|\.)(?:dx\.)?doi\.org\/|hdl\.handle\.net\//i.test(href);
}

function isStopHeading(el: Element): boolean {
  const t = el.textContent;
  return !!t && t.length < 80 && STOP_HEADING_RE.test(t);
}

/** Next node in document order within `root`; the subtree of `node` is skipped unless `descend`. */
function nextNode(node: Node, root: Node, descend: boolean): Node | null {
  if (descend && node.firstChild) return node.firstChild;
  let cur: Node | null = node;
  while (cur && cur !== root) {
    if (cur.nextSibling) return cur.nextSibling;
    cur = cur.parentNode;
  }
  return null;
}
