/**
 * Publisher metadata every site can carry: Highwire `citation_*`, Dublin Core, PRISM, bepress,
 * `<meta name="DOI">`, JSON-LD and `data-doi`. These are the strongest signals, read in the order
 * DESIGN.md gives, and each value is validated before it is trusted: a `citation_doi` of
 * `ade/1391109086` or a `DC.Identifier` of `10274` falls through to the next signal.
 */
import { parseArticleDoi, parseDoi, toArticleDoi, type Doi } from './doi';
import { foundDoi, foundPmcid, foundPmid, foundTitle } from './found';
import { parsePmcid, parsePmid } from './ids';
import type { MetaTag as MetaEntry, PageScan } from './scan';
import { JSONLD_ARTICLE_TYPES } from './selectors';
import { cleanTitle } from './text';
import type { Found } from './types';

/** Everything read from `<meta>` and JSON-LD in one pass over the document. */
export interface PageMetadata {
  doi: Found | null;
  pmid: Found | null;
  pmcid: Found | null;
  /** citation_title, then dc.title. */
  strongTitle: Found | null;
  /** og:title, then JSON-LD headline. */
  weakTitle: Found | null;
  /** True when the page declares itself a scholarly article (citation_title, JSON-LD type). */
  scholarly: boolean;
}

function firstDoi(entries: MetaEntry[] | undefined, accept?: (e: MetaEntry) => boolean): Doi | null {
  for (const e of entries ?? []) {
    if (accept && !accept(e)) continue;
    const doi = parseArticleDoi(e.content);
    if (doi) return doi;
  }
  return null;
}

/** `dc.identifier` counts as a DOI only without a scheme or with scheme doi. */
const dcSchemeIsDoi = (e: MetaEntry): boolean =>
  !e.scheme || /^(?:doi|dcterms\.doi|uri)$/i.test(e.scheme.trim());

export function readMetadata(scan: PageScan): PageMetadata {
  const meta = scan.meta;
  const ld = readJsonLd(scan.jsonLd);

  const dcEntries = [...(meta.get('dc.identifier') ?? []), ...(meta.get('dcterms.identifier') ?? [])];
  const doi =
    foundDoi(firstDoi(meta.get('citation_doi')), 'citation_doi') ??
    foundDoi(
      firstDoi(dcEntries, dcSchemeIsDoi) ?? firstDoi(meta.get('dc.identifier.doi')),
      'dc.identifier',
    ) ??
    foundDoi(firstDoi(meta.get('prism.doi')), 'prism.doi') ??
    foundDoi(firstDoi(meta.get('bepress_citation_doi')), 'bepress_citation_doi') ??
    foundDoi(firstDoi(meta.get('doi')), 'meta-doi') ??
    foundDoi(ld.doi, 'json-ld') ??
    foundDoi(onlyDataDoi(scan.dataDoi), 'data-doi');

  let pmid = foundPmid(firstValid(meta.get('citation_pmid'), parsePmid), 'citation_pmid');
  if (!pmid) {
    const dcPmid = dcEntries.find(
      (e) => /^info:pmid\//i.test(e.content.trim()) || /^pmid$/i.test(e.scheme ?? ''),
    );
    pmid = foundPmid(dcPmid ? parsePmid(dcPmid.content) : null, 'dc.identifier');
  }
  const pmcid = foundPmcid(firstValid(meta.get('citation_pmcid'), parsePmcid), 'adapter');

  const strongTitle =
    foundTitle(firstValid(meta.get('citation_title'), cleanTitle), 'citation_title') ??
    foundTitle(firstValid(meta.get('bepress_citation_title'), cleanTitle), 'citation_title') ??
    foundTitle(
      firstValid([...(meta.get('dc.title') ?? []), ...(meta.get('dcterms.title') ?? [])], cleanTitle),
      'dc.title',
    );
  const weakTitle =
    foundTitle(firstValid(meta.get('og:title'), cleanTitle), 'og:title') ?? foundTitle(ld.title, 'json-ld');

  // Only article-level declarations count: a journal's contents page carries dc.identifier (its
  // ISSN-DOI) and dc.title (the journal's name), which must not make it a paper.
  const scholarly = meta.has('citation_title') || meta.has('bepress_citation_title') || ld.article;
  return { doi, pmid, pmcid, strongTitle, weakTitle, scholarly };
}

function firstValid<T>(entries: MetaEntry[] | undefined, parse: (s: string) => T | null): T | null {
  for (const e of entries ?? []) {
    const v = parse(e.content);
    if (v) return v;
  }
  return null;
}

/**
 * `data-doi` is used by reference lists and figure viewers as much as by article headers, so it is
 * only trusted when every `data-doi` outside reference/related containers names the same article
 * (figure DOIs count as their article).
 */
function onlyDataDoi(values: string[]): Doi | null {
  let only: Doi | null = null;
  for (const value of values) {
    const doi = parseArticleDoi(value);
    if (!doi) continue;
    if (only && only.value !== doi.value) return null;
    only = doi;
  }
  return only;
}

interface JsonLdResult {
  doi: Doi | null;
  title: string | null;
  article: boolean;
}

/**
 * JSON-LD: the page's own entity (root, `@graph` members, `mainEntity`) when its type is an
 * article type. `citation`, `isPartOf` and other nested works are never read.
 */
function readJsonLd(scripts: string[]): JsonLdResult {
  const out: JsonLdResult = { doi: null, title: null, article: false };
  for (const text of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    for (const entity of entities(data)) {
      if (!isArticleType(entity['@type'])) continue;
      out.article = true;
      out.doi ??= ldDoi(entity);
      if (!out.title) {
        const t = typeof entity.headline === 'string' ? entity.headline : entity.name;
        out.title = typeof t === 'string' ? cleanTitle(t) : null;
      }
      if (out.doi && out.title) return out;
    }
  }
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function entities(data: unknown): Obj[] {
  const roots: unknown[] = Array.isArray(data) ? data.slice(0, 20) : [data];
  const out: Obj[] = [];
  for (const root of roots) {
    if (!isObj(root)) continue;
    out.push(root);
    if (isObj(root.mainEntity)) out.push(root.mainEntity);
    const graph = root['@graph'];
    if (Array.isArray(graph)) {
      for (const g of graph.slice(0, 20)) if (isObj(g)) out.push(g);
    }
  }
  return out;
}

function isArticleType(t: unknown): boolean {
  if (typeof t === 'string') return JSONLD_ARTICLE_TYPES.test(t);
  return Array.isArray(t) && t.some((x) => typeof x === 'string' && JSONLD_ARTICLE_TYPES.test(x));
}

function ldDoi(entity: Obj): Doi | null {
  const direct = typeof entity.doi === 'string' ? parseArticleDoi(entity.doi) : null;
  if (direct) return direct;
  const ids = Array.isArray(entity.identifier) ? entity.identifier.slice(0, 20) : [entity.identifier];
  for (const id of ids) {
    if (typeof id === 'string') {
      const d = parseArticleDoi(id);
      if (d) return d;
    } else if (isObj(id)) {
      const label = String(id.propertyID ?? id.name ?? '').toLowerCase();
      const value = id.value ?? id['@value'];
      if (
        typeof value === 'string' &&
        (label === 'doi' || /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)/i.test(value))
      ) {
        const d = parseArticleDoi(value);
        if (d) return d;
      }
    }
  }
  for (const key of ['sameAs', '@id', 'url']) {
    const v = entity[key];
    const values = Array.isArray(v) ? v.slice(0, 20) : [v];
    for (const s of values) {
      // Only resolver addresses: a publisher URL that merely contains a DOI is left to the URL signal.
      if (typeof s === 'string' && /^(?:https?:)?\/\/(?:dx\.)?doi\.org\//i.test(s)) {
        const d = toArticleDoi(parseDoi(s));
        if (d) return d;
      }
    }
  }
  return null;
}
