/**
 * The article's own abstract as the page prints it, and the page's MeSH terms and keywords. Pure
 * DOM reading through the document passed in (the browser, linkedom and happy-dom all work): no
 * browser API, nothing written. Sized for hostile pages: bounded queries, a bounded walk without
 * recursion, capped text, and no exception escapes.
 */
import { SITE_HOSTS, type SiteName } from '../hosts';
import {
  ABSTRACT_META,
  ABSTRACT_SELECTORS,
  GENERIC_ABSTRACT_SELECTORS,
  KEYWORD_SELECTORS,
  MESH_SELECTORS,
  NOT_THE_ABSTRACT,
  OTHER_PAPERS,
} from '../identify/selectors';
import { inExcludedContainer, safeQueryAll, tagOf } from '../identify/dom';
import { hostIs, parsePageUrl } from '../identify/url';
import { headingRole, normaliseHeading, textSections } from './headings';
import { fold, MAX_TEXT } from './sentences';
import type { Abstract, AbstractSection, SectionRole } from './types';

/** Fewer characters than this is a stub ("No abstract available"), not an abstract. */
const MIN_ABSTRACT = 60;
/** Most nodes visited while reading one candidate element. */
const MAX_NODES = 4_000;
/** Most nodes visited over all candidates of one page: a hostile page cannot multiply the walk. */
const MAX_PAGE_NODES = 8_000;
/** Nodes left to visit on the page being read (reset by each readAbstract call). */
let budget = MAX_PAGE_NODES;
/** Most inner blocks tried inside one wrapper. */
const MAX_INNER = 4;
/** Most candidate elements tried per selector. */
const MAX_CANDIDATES = 8;
/** A heading is a short line. */
const MAX_HEADING = 90;

/** Elements whose text is never abstract text. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
  'FIGURE',
  'IMG',
  'INPUT',
  'NAV',
  'MATH',
]);

/** Elements that end a line of text. */
const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BR',
  'TR',
  'TD',
  'TH',
  'TABLE',
  'BLOCKQUOTE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
]);

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Inline elements that print a section label at the start of a paragraph. */
const LABEL_TAGS = new Set(['STRONG', 'B', 'SPAN', 'LABEL', 'DT', 'EM', 'I']);
const LABEL_CLASS =
  /(?:^|[\s_-])(?:sub-?title|title|heading|label|abstract-?label|section-?title|head)(?:$|[\s_-])/i;

/** Titles of the whole block, not of a section. */
const BLOCK_TITLE = /^(?:abstract|summary|abstract and figures|structured abstract|english abstract)$/;

/** Headings after which a block is no longer the abstract: the page's furniture, keywords. */
const END_OF_ABSTRACT =
  /^(?:keywords?|key ?words|author keywords|index terms|subjects?|related (?:articles|content|items)|permalink|references|cited by|citations?|figures?|tables?|downloads?|share|metrics|article (?:info|information|metrics)|abbreviations|supplementary (?:material|data|information)|graphical abstract|highlights|copyright|disclosures?|conflicts? of interest|acknowledg(?:e)?ments?|full text|introduction)$/;

/** Class words of page furniture inside an abstract block: section links, toggles. */
const FURNITURE =
  /(?:prev|next)[-_]?section|section[-_]?(?:nav|link)|jump[-_]?link|back[-_]?to[-_]?top|sr-only|visually-hidden|toggle|tooltip/i;

/** Words after which the page says there is no abstract. */
const NO_ABSTRACT =
  /^(?:no abstract|abstract (?:not )?available|abstract unavailable|this article has no abstract)/i;

interface Piece {
  head: boolean;
  text: string;
}

function attr(el: Element, name: string): string {
  // The attribute node, not getAttribute: linkedom answers getAttribute('class') by building a
  // class list each time, which dominates a walk over a large page.
  const v = el.getAttributeNode ? el.getAttributeNode(name)?.value : el.getAttribute(name);
  return v && v.length < 500 ? v : '';
}

/** The text of a small element (a heading), capped; never walks a big subtree. */
function shortText(el: Element): string | null {
  const t = el.textContent ?? '';
  if (t.length > MAX_HEADING * 3) return null;
  const s = fold(t);
  return s.length > 0 && s.length <= MAX_HEADING ? s : null;
}

/** Whether an element, or a block around it, is something other than this paper's abstract. */
function rejected(el: Element): boolean {
  let cur: Element | null = el;
  for (let depth = 0; cur && depth < 40; depth++) {
    const tag = tagOf(cur);
    if (tag === 'BODY' || tag === 'HTML') break;
    const names = `${attr(cur, 'class')} ${attr(cur, 'id')}`;
    // A highlights or graphical-abstract wrapper, close around the block.
    if (depth < 3 && NOT_THE_ABSTRACT.test(names)) return true;
    if (depth > 0 && OTHER_PAPERS.test(names)) return true;
    cur = cur.parentElement;
  }
  return inExcludedContainer(el);
}

/**
 * Text of an element as pieces: runs of text and section labels, in document order. Iterative, so
 * deep nesting cannot overflow the stack; stops at MAX_NODES nodes or MAX_TEXT characters.
 */
function pieces(root: Element): Piece[] {
  const out: Piece[] = [];
  let size = 0;
  let nodes = 0;
  /** Whether the current line has text yet: a label only starts a line. */
  let lineHasText = false;
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    out.push({ head: false, text: run.join('') });
    run = [];
  };
  const stack: Array<Node | 'end-block'> = [];
  for (let c = root.lastChild; c; c = c.previousSibling) stack.push(c);
  while (stack.length > 0 && nodes < MAX_NODES && size < MAX_TEXT && budget > 0) {
    const node = stack.pop() as Node | 'end-block';
    nodes++;
    budget--;
    if (node === 'end-block') {
      run.push(' ');
      lineHasText = false;
      continue;
    }
    if (node.nodeType === 3) {
      let t = (node as Text).data ?? '';
      if (t.length > MAX_TEXT - size) t = t.slice(0, MAX_TEXT - size);
      if (/\S/.test(t)) lineHasText = true;
      run.push(t);
      size += t.length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = tagOf(el);
    if (SKIP.has(tag)) continue;
    // Most elements of an abstract have no attributes: skip the lookups for them.
    const bare = !el.hasAttributes();
    if (!bare && (attr(el, 'hidden') || attr(el, 'aria-hidden') === 'true')) continue;
    const names = bare ? '' : `${attr(el, 'class')} ${attr(el, 'id')}`;
    if (!bare && (NOT_THE_ABSTRACT.test(names) || FURNITURE.test(names))) continue;
    const isHeadingTag = HEADING_TAGS.has(tag);
    if (isHeadingTag || (!lineHasText && (LABEL_TAGS.has(tag) || LABEL_CLASS.test(names)))) {
      const t = shortText(el);
      // A heading tag is always a label (or, when too long to be one, dropped); an inline
      // element is one only when its words are a known heading ("Methods:", "Findings").
      if (t !== null && (isHeadingTag || headingRole(t) !== null)) {
        flush();
        out.push({ head: true, text: t });
        lineHasText = false;
        size += t.length;
        continue;
      }
      if (isHeadingTag) continue;
    }
    const block = BLOCK.has(tag);
    if (block) {
      run.push(' ');
      lineHasText = false;
      stack.push('end-block');
    }
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  flush();
  return out;
}

/** The label as printed, without its colon or stop. */
function cleanLabel(label: string): string {
  return label.replace(/[\s:.\u2013\u2014-]+$/, '').trim();
}

/** Sections from pieces: each label opens a section; text before the first label is unlabelled. */
function sectionsOf(parts: Piece[]): AbstractSection[] {
  const out: AbstractSection[] = [];
  let label: string | null = null;
  let texts: string[] = [];
  const close = (): void => {
    const text = fold(texts.join(''));
    // A block title printed as a plain line ("Abstract") labels nothing and says nothing.
    if (text && !(label === null && BLOCK_TITLE.test(normaliseHeading(text)))) {
      const role: SectionRole = label === null ? 'other' : (headingRole(label) ?? 'other');
      out.push({ label, role, text });
    }
    texts = [];
  };
  for (const p of parts) {
    if (p.head) {
      close();
      const l = cleanLabel(p.text);
      const key = normaliseHeading(l);
      // Keywords, related articles and the like follow the abstract: it has ended.
      if (END_OF_ABSTRACT.test(key)) {
        if (out.length > 0) return out;
        label = null;
        continue;
      }
      // The block's own title ("Abstract") labels nothing.
      label = BLOCK_TITLE.test(key) ? null : l;
    } else texts.push(p.text);
  }
  close();
  return out;
}

/** "LABEL: text" for labelled sections, joined by spaces. */
function joined(sections: AbstractSection[]): string {
  return sections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join(' ');
}

/** The abstract from plain text: sections from its inline headings when it has two or more. */
export function abstractFromText(raw: string, via: string, element: Element | null): Abstract | null {
  const text = fold(raw.length > MAX_TEXT * 2 ? raw.slice(0, MAX_TEXT * 2) : raw).slice(0, MAX_TEXT);
  if (text.length < MIN_ABSTRACT || NO_ABSTRACT.test(text)) return null;
  const parts = textSections(text);
  const labelled = parts.filter((p) => p.label !== null);
  if (labelled.length >= 2) {
    const sections = parts.map((p) => ({ label: p.label, role: p.role, text: text.slice(p.start, p.end) }));
    return { text, sections, structured: true, via, element };
  }
  return { text, sections: [{ label: null, role: 'other', text }], structured: false, via, element };
}

/** The abstract held by an element, or null when it holds none (a stub, a graphical abstract). */
function abstractOf(el: Element, via: string): Abstract | null {
  if (rejected(el)) return null;
  const sections = sectionsOf(pieces(el));
  // A block titled "Graphical abstract" or "Highlights" is not the abstract.
  if (sections.some((s) => s.label !== null && NOT_THE_ABSTRACT.test(s.label) && s === sections[0]))
    return null;
  const labelled = sections.filter((s) => s.label !== null);
  if (labelled.length >= 2) {
    let text = joined(sections);
    if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
    if (text.length < MIN_ABSTRACT) return null;
    return { text, sections, structured: true, via, element: el };
  }
  return abstractFromText(joined(sections), via, el);
}

/** Every <meta> of the page by lower-case name, first value kept; one pass, capped. */
function metas(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of safeQueryAll(doc.head ?? doc, 'meta[name]', 5000)) {
    const name = el.getAttribute('name');
    if (!name || name.length > 60) continue;
    const key = name.toLowerCase();
    const c = el.getAttribute('content');
    if (!c || !c.trim()) continue;
    const had = out.get(key);
    // Repeated tags (keywords, subjects) are joined; others keep the first.
    if (had === undefined) out.set(key, c);
    else if (/keyword|subject/.test(key) && had.length < 8000) out.set(key, `${had}; ${c}`);
  }
  return out;
}

/** A meta tag's abstract: tags stripped, a leading "Abstract" word dropped. */
function abstractFromMeta(meta: Map<string, string>): Abstract | null {
  for (const name of ABSTRACT_META) {
    const c = meta.get(name);
    if (!c) continue;
    const plain = (c.length > MAX_TEXT * 2 ? c.slice(0, MAX_TEXT * 2) : c)
      .replace(/<[^<>]{0,200}>/g, ' ')
      .replace(/^\s*(?:Abstract|ABSTRACT|Summary|SUMMARY)\s*[:.]?\s*(?=[A-Z0-9])/, '');
    const a = abstractFromText(plain, `meta ${name}`, null);
    if (a) return a;
  }
  return null;
}

/** The site of the host table whose abstract markup is known for this address. */
function siteOf(url: string): SiteName | null {
  const u = parsePageUrl(url);
  if (!u) return null;
  // The most specific host first: pmc.ncbi.nlm.nih.gov before ncbi.nlm.nih.gov.
  let best: SiteName | null = null;
  let bestLength = 0;
  for (const [site, hosts] of Object.entries(SITE_HOSTS) as Array<[SiteName, readonly string[]]>)
    if (ABSTRACT_SELECTORS[site])
      for (const h of hosts)
        if (hostIs(u.host, h) && h.length > bestLength) {
          best = site;
          bestLength = h.length;
        }
  return best;
}

const MAX_HINTED = 80;
/** Blocks named as abstracts, for finding the innermost one inside a wrapper. */
const NAMED_ABSTRACT = '[class*="bstr"], [id*="bstr"], [id^="Abs"]';

/**
 * Elements that may hold the abstract, in document order, from one query for every selector at
 * once (a DOM such as linkedom walks the whole page for each query); each selector is then tested
 * on these few with `matches`. Falls back to one query per selector if the list is refused.
 */
function hinted(doc: Document, selectors: readonly string[]): Element[] {
  try {
    // Selectors whose element is already named as an abstract are left out of the query: each
    // one more is one more test of every element of the page, and the result is the same.
    const rest = selectors.filter((sel) => !namedAbstract(sel));
    const all = doc.querySelectorAll([...rest, NAMED_ABSTRACT].join(', '));
    const out: Element[] = [];
    for (let i = 0; i < all.length && i < MAX_HINTED; i++) out.push(all[i] as Element);
    return out;
  } catch {
    const out: Element[] = [];
    for (const sel of selectors) for (const el of safeQueryAll(doc, sel, MAX_CANDIDATES)) out.push(el);
    return out;
  }
}

/** A selector of one compound part ("section.abstract", "#abstract", ".a.b"), split up. */
interface Simple {
  tag: string | null;
  id: string | null;
  classes: string[];
}

const SIMPLE = /^([a-z][a-z0-9]*)?((?:[#.][\w-]+)+)$/i;
const simpleCache = new Map<string, Simple | null>();

function simpleOf(sel: string): Simple | null {
  let s = simpleCache.get(sel);
  if (s !== undefined) return s;
  const m = SIMPLE.exec(sel);
  s = null;
  if (m) {
    const parts = m[2]!.match(/[#.][\w-]+/g) ?? [];
    const ids = parts.filter((p) => p[0] === '#').map((p) => p.slice(1));
    if (ids.length <= 1)
      s = {
        tag: m[1] ? m[1].toUpperCase() : null,
        id: ids[0] ?? null,
        classes: parts.filter((p) => p[0] === '.').map((p) => p.slice(1)),
      };
  }
  simpleCache.set(sel, s);
  return s;
}

function matchesSimple(el: Element, simple: Simple): boolean {
  if (simple.tag && tagOf(el) !== simple.tag) return false;
  if (simple.id !== null && attr(el, 'id') !== simple.id) return false;
  if (simple.classes.length > 0) {
    const cls = attr(el, 'class');
    if (!cls) return false;
    const words = cls.split(/\s+/);
    return simple.classes.every((c) => words.includes(c));
  }
  return true;
}

/**
 * Whether an element matches a selector. Simple selectors are tested on the tag, id and class
 * strings (a DOM such as linkedom makes `matches` costly on deep pages); others go to `matches`.
 */
function matches(el: Element, sel: string): boolean {
  const simple = simpleOf(sel);
  if (simple) return matchesSimple(el, simple);
  // A complex selector ("#abstract .abstract-content") matches only where its last compound
  // does: that cheap test first spares `matches` a walk up every ancestor of a deep page.
  const last = simpleOf(
    sel
      .trim()
      .split(/[\s>+~]+/)
      .pop() ?? '',
  );
  if (last && !matchesSimple(el, last)) return false;
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}

/**
 * Whether every element a selector matches also matches NAMED_ABSTRACT: its last compound is a
 * simple selector with a class or id containing "bstr", or an id starting "Abs".
 */
function namedAbstract(sel: string): boolean {
  const last = simpleOf(
    sel
      .trim()
      .split(/[\s>+~]+/)
      .pop() ?? '',
  );
  if (!last) return false;
  if (last.id !== null && (last.id.includes('bstr') || last.id.startsWith('Abs'))) return true;
  return last.classes.some((c) => c.includes('bstr'));
}

/** Whether `inner` lies within `outer`, looking up a bounded number of levels. */
function within(outer: Element, inner: Element): boolean {
  let cur = inner.parentElement;
  for (let depth = 0; cur && depth < 40; depth++, cur = cur.parentElement) if (cur === outer) return true;
  return false;
}

/** Class and id words that name an abstract block, for finding the innermost one. */
const ABSTRACT_NAME = /(?:^|[\s_-])(?:abstr|abstract)\w*/i;

/**
 * The abstract of the first candidate matching a selector, in selector order. A match that wraps
 * a smaller abstract block (a page header classed "abstract" around the real one) gives way to
 * the innermost block that holds the abstract.
 */
function firstFrom(
  candidates: Element[],
  selectors: readonly string[],
  via: (sel: string) => string,
  read: (el: Element, via: string) => Abstract | null,
): Abstract | null {
  for (const sel of selectors) {
    let tried = 0;
    for (const el of candidates) {
      if (!matches(el, sel)) continue;
      if (++tried > MAX_CANDIDATES) break;
      const a = read(el, via(sel));
      if (!a) continue;
      let inners = 0;
      for (const inner of candidates) {
        if (inner === el || !ABSTRACT_NAME.test(`${attr(inner, 'class')} ${attr(inner, 'id')}`)) continue;
        if (!within(el, inner)) continue;
        if (++inners > MAX_INNER || budget <= 0) break;
        const b = read(inner, via(sel));
        if (b && b.text.length >= a.text.length * 0.5 && b.text.length < a.text.length) return b;
      }
      return a;
    }
  }
  return null;
}

/** The start of a text, for telling whether two readings are of one abstract. */
function opening(s: string): string {
  return s
    .slice(0, 300)
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/**
 * The article's own abstract: the site's abstract block where the page is on a known site, else a
 * generic one (`[role=doc-abstract]`, `#abstract`, `.abstract`, …) or the `citation_abstract` /
 * `dc.description` meta tag. The page's block is preferred to the meta tag when they are the same
 * abstract (it keeps the structure and can be pointed at); when they differ the meta tag, which
 * names the article, wins. Null when the page has none. Never throws.
 */
export function readAbstract(doc: Document, url: string): Abstract | null {
  budget = MAX_PAGE_NODES;
  try {
    const site = siteOf(url);
    const siteSelectors = (site && ABSTRACT_SELECTORS[site]) || [];
    const candidates = hinted(doc, [...siteSelectors, ...GENERIC_ABSTRACT_SELECTORS]);
    // Several selectors match one block: each element is read once, under the first name found.
    const seen = new Map<Element, Abstract | null>();
    const read = (el: Element, via: string): Abstract | null => {
      const had = seen.get(el);
      if (had !== undefined) return had && { ...had, via };
      const a = abstractOf(el, via);
      seen.set(el, a);
      return a;
    };
    if (site) {
      const a = firstFrom(candidates, siteSelectors, () => site, read);
      if (a) return a;
    }
    const meta = abstractFromMeta(metas(doc));
    const generic = firstFrom(candidates, GENERIC_ABSTRACT_SELECTORS, (sel) => `generic ${sel}`, read);
    if (generic && meta) {
      const key = opening(meta.text).slice(0, 30);
      if (!opening(generic.text).includes(key)) return meta;
      // Page furniture (an article-type line, the authors) before the first heading.
      const first = generic.sections[0];
      if (generic.structured && first && first.label === null && !opening(first.text).includes(key)) {
        const sections = generic.sections.slice(1);
        return { ...generic, sections, text: joined(sections) };
      }
      return generic;
    }
    return generic ?? meta;
  } catch {
    return null;
  }
}

/* ---------------------------------------------------------------- MeSH terms and keywords */

const MAX_TERMS = 60;
const MAX_TERM = 120;

function pushTerm(out: string[], seen: Set<string>, raw: string): void {
  // A full list takes no more: a page with thousands of keywords costs no more than one with sixty.
  if (out.length >= MAX_TERMS || raw.length > MAX_TERM * 4) return;
  const t = fold(raw)
    // PubMed's MeSH buttons: "Exercise Therapy* / methods" is the heading Exercise Therapy.
    .replace(/\s*\/\s.*$/, '')
    .replace(/\*+$/, '')
    .replace(/[.;,]+$/, '')
    .trim();
  if (!t || t.length > MAX_TERM) return;
  const key = t.toLowerCase();
  if (seen.has(key)) return;
  seen.add(key);
  out.push(t);
}

/** Meta keywords that are a site's own search words, not the paper's (PubMed's "pmid:…, NIH, …"). */
function siteKeywords(content: string): boolean {
  return /\bpmid:|\bPubMed\b|\bNCBI\b/.test(content);
}

/** Text after a "Keywords:" label, split into terms. */
function keywordLine(text: string): string[] | null {
  const m = /^\s*(?:author\s+)?key\s?words?\s*[:.]?\s*/i.exec(text);
  if (!m) return null;
  return text
    .slice(m[0].length)
    .split(/\s*[;,\u00b7|]\s*/)
    .filter(Boolean);
}

/**
 * Keyword blocks, PubMed's MeSH list and the abstract block, in one query ("eyword" matches both
 * "keyword" and "Keyword": one substring test per element instead of two).
 */
const FACT_BLOCKS =
  '#mesh-terms, #abstract, #enc-abstract, [class*="eyword"], [id*="eyword"], [class*="kwd"]';
/** The terms of one keyword block: its list items where it has them, else its "Keywords:" line. */
function blockTerms(el: Element): string[] {
  const items = safeQueryAll(el, KEYWORD_SELECTORS.join(', '), MAX_TERMS).filter((i) => i !== el);
  if (items.length > 0) return items.map((i) => (i.textContent ?? '').slice(0, MAX_TERM * 2));
  const text = (el.textContent ?? '').slice(0, 4000);
  return (
    keywordLine(text) ??
    (text.length <= MAX_TERM && /\bkwd\b|\bkeyword\b/i.test(attr(el, 'class')) ? [text] : [])
  );
}

/**
 * The page's MeSH terms (PubMed's MeSH list) and the authors' keywords (`citation_keywords`,
 * `meta[name=keywords]`, keyword lists on the page), each de-duplicated case-insensitively, in
 * page order, capped. Never throws.
 */
export function readPageFacts(doc: Document): { meshTerms: string[]; keywords: string[] } {
  const meshTerms: string[] = [];
  const keywords: string[] = [];
  try {
    const blocks = safeQueryAll(doc, FACT_BLOCKS, 60);
    const seenMesh = new Set<string>();
    const mesh = blocks.find((b) => b.id === 'mesh-terms');
    if (mesh)
      for (const sel of MESH_SELECTORS) {
        const els = safeQueryAll(mesh, sel.replace(/^#mesh-terms\s+/, ''), MAX_TERMS);
        for (const el of els) pushTerm(meshTerms, seenMesh, (el.textContent ?? '').slice(0, MAX_TERM * 2));
        if (els.length > 0) break;
      }
    const seen = new Set<string>();
    const meta = metas(doc);
    for (const name of ['citation_keywords', 'keywords', 'dc.subject']) {
      const c = (meta.get(name) ?? '').slice(0, 8000);
      if (!c.trim() || siteKeywords(c)) continue;
      for (const part of c.split(/\s*[;,]\s*/, MAX_TERMS * 4)) pushTerm(keywords, seen, part);
    }
    // PubMed prints the keywords as the abstract's last paragraph, "Keywords: a; b; c."
    const abs = blocks.find((b) => b.id === 'abstract' || b.id === 'enc-abstract');
    if (abs)
      for (const p of safeQueryAll(abs, 'p', 40)) {
        const parts = keywordLine((p.textContent ?? '').slice(0, 4000));
        if (parts) for (const t of parts) pushTerm(keywords, seen, t);
      }
    const done: Element[] = [];
    for (const el of blocks) {
      if (el === mesh || el === abs || mesh?.contains(el)) continue;
      if (done.some((d) => d.contains(el)) || rejected(el)) continue;
      const terms = blockTerms(el);
      if (terms.length === 0) continue;
      done.push(el);
      for (const t of terms) pushTerm(keywords, seen, t);
    }
  } catch {
    /* a hostile page: what was read so far */
  }
  return { meshTerms, keywords };
}
