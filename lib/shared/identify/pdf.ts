/**
 * Identify the paper a PDF is: DOI, PMID, PMCID and title, each with the signal it came from, plus
 * the file's fingerprint. Pure: a function of facts read from the file (lib/extension/pdf/extract.ts
 * reads them with pdf.js), with no browser API, so the viewer, the unit tests and the detect CLI
 * run the same code. Never throws.
 *
 * Signal order, strongest first:
 *   XMP (`prism:doi` → `dc:identifier` → `pdfx:doi` → `crossmark:DOI` → `prism:url` on the resolver)
 *   → the Info dictionary (custom keys such as `doi`, then Subject and Keywords) → the printed text
 *   of the first pages (a labelled `doi:` or `https://doi.org/` DOI, header and footer included).
 * Printed text is read with the page detector's parsers and refusals (doi.ts, labelled.ts): never
 * an unlabelled DOI, a parenthetical citation `(doi:…)`, a journal or issue DOI, or anything after
 * a "References" heading. Two refusals are PDF-specific: a printed figure or supplement DOI
 * (`….g001`, `….s001`) is refused rather than mapped to its article, because a PDF has no figure
 * container to tell a caption of this paper from a caption reproduced from another; and a printed
 * DOI that the reference list also cites is a cited paper (a commentary's "Comment on doi:…").
 *
 * Title: XMP `dc:title`, then the Info Title, when it is not a producer's placeholder ("Microsoft
 * Word - draft.docx", "untitled", a file name) and its words are on the first page; else the first
 * page's largest text.
 */
import { classifyDoi, parseArticleDoi, scanDois, toArticleDoi, type Doi } from './doi';
import { foundDoi, foundPmcid, foundPmid, foundTitle } from './found';
import { findLabelledPmcid, findLabelledPmid, parsePmcid, parsePmid } from './ids';
import { labelledDoiInText, labelledInNode, type PendingLabel } from './labelled';
import { cleanTitle, collapseWhitespace, decodeEntities, normaliseTitle } from './text';
import type { Found, Identification, PaperIdentity } from './types';
import { STOP_HEADING_RE } from './scan';

/**
 * One run of text as pdf.js reports it (`getTextContent().items`), in PDF user space: points,
 * origin at the bottom left of the page, `y` the baseline, `size` the font size (the text
 * matrix's vertical scale), `width` the advance of the whole run.
 */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PdfPageText {
  /** 1-based page number. */
  page: number;
  /** Page size in points (the view box), for columns and the header/footer bands. */
  width: number;
  height: number;
  /** Text runs in content-stream order; readingOrder() sorts them. */
  items: PdfTextItem[];
}

/** What identification reads from a PDF. */
export interface PdfFacts {
  /** pdf.js `fingerprints[0]`: the file's /ID, else a hash of its first bytes. */
  fingerprint: string;
  /** The Info dictionary's string entries (Title, Author, Subject, Keywords, custom keys). */
  info: Record<string, string>;
  /** The raw XMP packet, or null. */
  xmp: string | null;
  /**
   * Text of some pages, usually the first three and the last: own identifiers are read from the
   * first pages, the last page's reference list tells which DOIs are cited.
   */
  pages: PdfPageText[];
}

/** A line of text in reading order. */
export interface PdfLine {
  text: string;
  page: number;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  width: number;
  /** Largest font size on the line. */
  size: number;
  /** In the running header or footer band (top or bottom 6% of the page). */
  band: boolean;
}

/** identify()'s result plus the fingerprint, which callers keep as one more key of the paper. */
export interface PdfIdentification extends Identification {
  /** The PDF's fingerprint, null when pdf.js gave none. The same file is known again by it. */
  fingerprint: string | null;
}

/** Pages whose text may carry the paper's own identifiers. */
export const FIRST_PAGES = 3;
const MAX_ITEMS_PER_PAGE = 20_000;
const MAX_ITEM_CHARS = 5_000;
const MAX_XMP_CHARS = 1_000_000;
const MAX_INFO_CHARS = 10_000;
const MAX_VALUES_PER_KEY = 20;
const BAND = 0.06;

// ---------------------------------------------------------------------------------------------
// Reading order

interface Fragment {
  items: PdfTextItem[];
  x: number;
  end: number;
  y: number;
  size: number;
}

/**
 * The page's lines in reading order. Runs are grouped into rows by baseline (within 40% of the
 * font size), rows are cut into fragments at gaps wider than the font size (a column gutter), and
 * fragments are read top to bottom, except that fragments wholly in the left or the right half
 * are held back and read column by column (all of the left, then all of the right) up to the next
 * full-width fragment: a title block, a two-column body and a footer come out in that order.
 */
export function readingOrder(page: PdfPageText): PdfLine[] {
  const items: PdfTextItem[] = [];
  for (const it of page.items.slice(0, MAX_ITEMS_PER_PAGE)) {
    if (!it || typeof it.str !== 'string' || !/\S/.test(it.str)) continue;
    if (![it.x, it.y, it.width, it.size].every(Number.isFinite)) continue;
    const str = it.str.length > MAX_ITEM_CHARS ? it.str.slice(0, MAX_ITEM_CHARS) : it.str;
    items.push({ str, x: it.x, y: it.y, width: Math.max(0, it.width), size: Math.abs(it.size) || 1 });
  }
  items.sort((a, b) => b.y - a.y || a.x - b.x);

  const rows: PdfTextItem[][] = [];
  for (const it of items) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && Math.abs(first.y - it.y) <= 0.4 * Math.min(first.size, it.size)) row.push(it);
    else rows.push([it]);
  }

  const fragments: Fragment[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let cur: Fragment | null = null;
    for (const it of row) {
      if (cur && it.x - cur.end <= Math.max(cur.size, it.size)) {
        cur.items.push(it);
        cur.end = Math.max(cur.end, it.x + it.width);
        cur.size = Math.max(cur.size, it.size);
      } else {
        cur = { items: [it], x: it.x, end: it.x + it.width, y: it.y, size: it.size };
        fragments.push(cur);
      }
    }
  }

  const width = page.width > 0 ? page.width : Math.max(1, ...fragments.map((f) => f.end));
  const height = page.height > 0 ? page.height : Math.max(1, ...fragments.map((f) => f.y + f.size));
  const mid = width / 2;
  const slack = width * 0.01;
  const out: PdfLine[] = [];
  let left: Fragment[] = [];
  let right: Fragment[] = [];
  const inBand = (f: Fragment): boolean => f.y > height * (1 - BAND) || f.y < height * BAND;
  const emit = (f: Fragment): void => {
    out.push({
      text: joinRuns(f.items),
      page: page.page,
      x: f.x,
      y: f.y,
      width: f.end - f.x,
      size: f.size,
      band: inBand(f),
    });
  };
  const flush = (): void => {
    left.forEach(emit);
    right.forEach(emit);
    left = [];
    right = [];
  };
  for (const f of fragments) {
    // Running heads and feet are read where they are, never as part of a column.
    if (inBand(f)) {
      flush();
      emit(f);
    } else if (f.end <= mid + slack) left.push(f);
    else if (f.x >= mid - slack) right.push(f);
    else {
      flush();
      emit(f);
    }
  }
  flush();
  return out;
}

/** Joins the runs of one fragment, with a space where the run does not already have one. */
function joinRuns(items: PdfTextItem[]): string {
  let s = '';
  let end = -Infinity;
  for (const it of items) {
    const gap = it.x - end;
    if (s && gap > it.size * 0.15 && !/\s$/.test(s) && !/^\s/.test(it.str)) s += ' ';
    s += it.str;
    end = it.x + it.width;
  }
  return collapseWhitespace(s);
}

const isStopHeading = (text: string): boolean => text.length < 80 && STOP_HEADING_RE.test(text);

// ---------------------------------------------------------------------------------------------
// XMP

/** XML text content: CDATA unwrapped, entities decoded, whitespace collapsed. */
function xmlText(s: string): string {
  const t = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]{0,500}>/g, ' ');
  return collapseWhitespace(decodeEntities(t));
}

/**
 * Values of an XMP property, as element (`<prism:doi>…</prism:doi>`, or each `rdf:li` of a Bag,
 * Seq or Alt inside it) or as attribute of `rdf:Description` (`pdfx:doi="…"`). Names are matched
 * case-insensitively; namespace prefixes as publishers write them. Linear: indexOf, no
 * backtracking regex over the packet.
 */
function xmpValues(xmp: string, lower: string, name: string): string[] {
  const out: string[] = [];
  const open = `<${name}`;
  const close = `</${name}`;
  let from = 0;
  while (out.length < MAX_VALUES_PER_KEY) {
    const i = lower.indexOf(open, from);
    if (i < 0) break;
    const after = lower[i + open.length];
    from = i + open.length;
    if (after !== '>' && after !== ' ' && after !== '\n' && after !== '\r' && after !== '\t') continue;
    const gt = lower.indexOf('>', from);
    if (gt < 0) break;
    if (lower[gt - 1] === '/') {
      from = gt + 1;
      continue;
    }
    const end = lower.indexOf(close, gt);
    if (end < 0) break;
    const inner = xmp.slice(gt + 1, end);
    const innerLower = lower.slice(gt + 1, end);
    if (innerLower.includes('<rdf:li')) {
      for (const li of xmpValues(inner, innerLower, 'rdf:li')) out.push(li);
    } else out.push(xmlText(inner));
    from = end + close.length;
  }
  const attr = new RegExp(
    `\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`,
    'gi',
  );
  for (let m = attr.exec(xmp); m && out.length < MAX_VALUES_PER_KEY; m = attr.exec(xmp)) {
    out.push(xmlText(m[1] ?? m[2] ?? ''));
  }
  return out.filter(Boolean);
}

interface MetaIds {
  doi: Doi | null;
  pmid: string | null;
  pmcid: string | null;
  titles: string[];
}

/** DOI-bearing XMP properties, strongest first. */
const XMP_DOI_KEYS = [
  'prism:doi',
  'dc:identifier',
  'pdfx:doi',
  'crossmark:doi',
  'pdfx:wps-articledoi',
  'prism:url',
];

function readXmp(raw: string | null): MetaIds {
  const ids: MetaIds = { doi: null, pmid: null, pmcid: null, titles: [] };
  if (!raw || typeof raw !== 'string') return ids;
  const xmp = raw.length > MAX_XMP_CHARS ? raw.slice(0, MAX_XMP_CHARS) : raw;
  // ASCII-only lowercasing keeps indices aligned with the original.
  const lower = xmp.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  for (const key of XMP_DOI_KEYS) {
    for (const v of xmpValues(xmp, lower, key)) ids.doi ??= parseArticleDoi(v);
    if (ids.doi) break;
  }
  for (const v of xmpValues(xmp, lower, 'dc:identifier')) {
    // A bare number is not a PMID: only a labelled one (`info:pmid/…`, `pmid:…`).
    if (!ids.pmid && /^\s*(?:info:pmid\/|pmid\s*:)/i.test(v)) ids.pmid = parsePmid(v);
    ids.pmcid ??= parsePmcid(v);
  }
  ids.titles = xmpValues(xmp, lower, 'dc:title');
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Info dictionary

/** Custom Info keys that hold just a DOI (Elsevier writes `WPS-ARTICLEDOI`, others `doi`). */
const INFO_DOI_KEYS = ['doi', 'wps-articledoi', 'prism:doi', 'crossmark:doi', 'dc.identifier'];

function readInfo(info: Record<string, string> | null | undefined): MetaIds {
  const ids: MetaIds = { doi: null, pmid: null, pmcid: null, titles: [] };
  if (!info || typeof info !== 'object') return ids;
  const byKey = new Map<string, string>();
  for (const [k, v] of Object.entries(info).slice(0, 200)) {
    if (typeof v !== 'string' || !v.trim()) continue;
    byKey.set(k.toLowerCase(), v.length > MAX_INFO_CHARS ? v.slice(0, MAX_INFO_CHARS) : v);
  }
  for (const key of INFO_DOI_KEYS) ids.doi ??= parseArticleDoi(byKey.get(key));
  for (const key of ['subject', 'keywords']) ids.doi ??= freeTextDoi(byKey.get(key));
  ids.pmid = parsePmid(byKey.get('pmid'));
  ids.pmcid = parsePmcid(byKey.get('pmcid'));
  const title = byKey.get('title');
  if (title) ids.titles.push(title);
  return ids;
}

/**
 * A DOI in the Subject or Keywords: labelled (`PLoS ONE 10(3). doi:10.1371/…`), the whole value,
 * or one of its `;`/`,`-separated entries. These fields describe the file itself, so a bare DOI
 * entry is the file's; prose with an unlabelled DOI in it is not read.
 */
function freeTextDoi(value: string | undefined): Doi | null {
  if (!value) return null;
  const labelled = labelledDoiInText(value);
  if (labelled) return labelled;
  for (const part of value.split(/[;,]/).slice(0, 50)) {
    const doi = parseArticleDoi(part);
    if (doi) return doi;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Titles

/** Placeholders producers write as the Title: never a paper's title. */
const JUNK_TITLE_RES: RegExp[] = [
  /^(?:microsoft\s+)?(?:word|powerpoint|excel)\s+-\s/i,
  /\.(?:docx?|rtf|odt|pdf|tex|dvi|ps|indd|qxd|qxp|pages|txt|html?|xml|wpd|cdr|eps)\s*$/i,
  /^(?:untitled|title|no title|document|doc|paper|manuscript|article|main|draft|proof|print|template|none|null|unknown|layout|slide|page|pdf|final|revised|article title|title of (?:the )?(?:article|paper))(?:\s*[-_]?\s*\d+)?$/i,
  /^(?:pii|doi|isbn|issn)\s*:/i,
  /^10\.\d{4,9}\//,
  /^(?:https?|file):/i,
  // One token with no space: a file or job name (`hip_trial_v3`, `S0140673620301835`, `ms1234`).
  /^\S+$/,
];

/** Labels printed above a title, in a large font on some covers: not the title. */
const ARTICLE_LABEL_RE =
  /^(?:research (?:article|paper|letter)|original (?:article|research|investigation|contribution)|review(?: article)?|open access|article|brief report|case report|editorial|letter|commentary|short communication|clinical trial|systematic review|meta-analysis|preprint)$/i;

function goodTitle(raw: string | null | undefined): string | null {
  const t = cleanTitle(raw);
  if (!t || t.length < 12 || !/\s/.test(t) || !/\p{L}{3}/u.test(t)) return null;
  if (JUNK_TITLE_RES.some((re) => re.test(t)) || ARTICLE_LABEL_RE.test(t)) return null;
  return t;
}

/** Words of four letters or more, normalised. */
function words(s: string): string[] {
  return normaliseTitle(s)
    .split(' ')
    .filter((w) => w.length >= 4);
}

/**
 * Whether a metadata title is printed on the first pages: most of its words are there. Guards
 * against a template's stale Title (another paper's, the journal's). True when there is no text
 * to check against (a scanned PDF).
 */
function onPage(title: string, pageWords: Set<string>): boolean {
  if (pageWords.size === 0) return true;
  const w = words(title);
  if (w.length === 0) return true;
  return w.filter((x) => pageWords.has(x)).length / w.length >= 0.6;
}

/**
 * The first page's largest text: the first run of consecutive lines in the largest font size,
 * outside the header and footer bands. Tries the three largest sizes, for covers whose largest
 * text is a journal logo or an "Original article" label.
 */
function largestText(lines: PdfLine[]): string | null {
  const body = lines.filter((l) => !l.band);
  const key = (size: number): number => Math.round(size * 2) / 2;
  const sizes = [...new Set(body.map((l) => key(l.size)))].sort((a, b) => b - a);
  for (const size of sizes.slice(0, 3)) {
    const start = body.findIndex((l) => key(l.size) === size);
    const run: string[] = [];
    for (let i = start; i < body.length && run.length < 6; i++) {
      const l = body[i] as PdfLine;
      if (key(l.size) !== size) break;
      run.push(l.text);
    }
    // A line ending in a hyphen continues in the next one without a space.
    const joined = run.reduce((acc, t) => (!acc ? t : /-$/.test(acc) ? acc + t : `${acc} ${t}`), '');
    const title = goodTitle(joined);
    if (title) return title;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Printed text

interface TextIds {
  doi: Doi | null;
  pmid: string | null;
  pmcid: string | null;
}

/** Where a DOI that labelledInNode returned is printed in `text`, as printed. */
function printedForm(text: string, doi: Doi): { raw: Doi; end: number } | null {
  let hit: { raw: Doi; end: number } | null = null;
  scanDois(text, (raw, i) => {
    if (toArticleDoi(raw)?.value !== doi.value) return false;
    hit = { raw, end: i + raw.display.length };
    return true;
  });
  return hit;
}

/**
 * A figure, table or supplement DOI as printed (`….g001`, `/fig-1`): refused in a PDF. A preprint
 * version (`…002386v3`) is the paper itself and is kept as its unversioned DOI.
 */
function isComponent(raw: Doi): boolean {
  if (classifyDoi(raw.display).kind !== 'component') return false;
  const article = toArticleDoi(raw);
  return !article || !/^v\d{1,3}$/i.test(raw.display.slice(article.display.length));
}

/** DOIs in the reference list: after a stop heading, outside the header and footer bands. */
function citedDois(pages: PdfLine[][]): Set<string> {
  const cited = new Set<string>();
  // A line printed on more than one page is a running head or foot, whatever its position.
  const seen = new Map<string, Set<number>>();
  for (const lines of pages) {
    for (const l of lines) {
      const on = seen.get(l.text) ?? new Set<number>();
      on.add(l.page);
      seen.set(l.text, on);
    }
  }
  let inRefs = false;
  let lastPage = -1;
  for (const lines of pages) {
    const page = lines[0]?.page ?? -1;
    // References continue onto the next page only when it directly follows.
    if (page !== lastPage + 1) inRefs = false;
    lastPage = page;
    for (const l of lines) {
      if (isStopHeading(l.text)) inRefs = true;
      else if (inRefs && !l.band && (seen.get(l.text)?.size ?? 0) < 2) {
        scanDois(l.text, (raw) => {
          const article = toArticleDoi(raw);
          if (article && cited.size < 5000) cited.add(article.value);
          return false;
        });
      }
    }
  }
  return cited;
}

function readText(first: PdfLine[], cited: Set<string>, title: string | null): TextIds {
  const ids: TextIds = { doi: null, pmid: null, pmcid: null };
  const weak: { doi: Doi; line: number }[] = [];
  let pending: PendingLabel = false;
  const refuse = (raw: Doi | null): boolean => !!raw && (isComponent(raw) || cited.has(raw.value));

  lines: for (let n = 0; n < first.length; n++) {
    const text = (first[n] as PdfLine).text;
    if (isStopHeading(text)) break;
    if (!/[([]\s*PMID/i.test(text)) ids.pmid ??= findLabelledPmid(text);
    if (!/[([]\s*PMCID/i.test(text)) ids.pmcid ??= findLabelledPmcid(text);
    if (ids.doi) continue;
    let rest = text;
    for (let tries = 0; tries < 5 && rest; tries++) {
      const found = labelledInNode(rest, pending);
      pending = found.pending;
      if (found.weak) {
        const printed = printedForm(rest, found.weak);
        if (!refuse(printed?.raw ?? null) && !cited.has(found.weak.value))
          weak.push({ doi: found.weak, line: n });
      }
      if (!found.doi) break;
      const printed = printedForm(rest, found.doi);
      if (refuse(printed?.raw ?? null) || cited.has(found.doi.value)) {
        if (!printed) break;
        rest = rest.slice(printed.end);
        pending = false;
        continue;
      }
      ids.doi = found.doi;
      continue lines;
    }
  }
  ids.doi ??= selfCitation(weak, first, title);
  return ids;
}

/**
 * A parenthetical DOI is kept only when its lines cite the paper itself: "Cite this article:
 * <title> … (doi: 10.…)". As in the page walk (scan.ts), the title must be in the citation's block.
 */
function selfCitation(
  weak: { doi: Doi; line: number }[],
  lines: PdfLine[],
  title: string | null,
): Doi | null {
  const key = title ? normaliseTitle(title) : '';
  if (key.length < 20) return null;
  for (const { doi, line } of weak) {
    // The citation's own lines: the line and up to three before it in the same font size, so
    // the title printed large above the abstract does not count.
    const size = (lines[line] as PdfLine).size;
    const block: string[] = [];
    for (let i = line; i >= 0 && i > line - 4; i--) {
      const l = lines[i] as PdfLine;
      if (Math.abs(l.size - size) > 0.5) break;
      block.unshift(l.text);
    }
    if (normaliseTitle(block.join(' ')).includes(key)) return doi;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

export function identifyPdf(facts: PdfFacts): PdfIdentification {
  const fingerprint =
    facts && typeof facts.fingerprint === 'string' && facts.fingerprint.trim()
      ? facts.fingerprint.trim().slice(0, 200)
      : null;
  try {
    return { ...identifyUnchecked(facts), fingerprint };
  } catch {
    return { paper: null, list: [], fingerprint };
  }
}

function identifyUnchecked(facts: PdfFacts): Identification {
  const pages = (Array.isArray(facts.pages) ? facts.pages : [])
    .filter((p) => p && Array.isArray(p.items) && Number.isFinite(p.page))
    .slice(0, 50)
    .sort((a, b) => a.page - b.page);
  const ordered = pages.map(readingOrder);
  const first = ordered.filter((lines, i) => (pages[i] as PdfPageText).page <= FIRST_PAGES).flat();
  const page1 = ordered[pages.findIndex((p) => p.page === 1)] ?? [];

  const xmp = readXmp(facts.xmp);
  const info = readInfo(facts.info);

  const pageWords = new Set(first.flatMap((l) => words(l.text)));
  let title: Found | null = null;
  for (const [list, via] of [
    [xmp.titles, 'xmp'],
    [info.titles, 'pdf-info'],
  ] as const) {
    for (const raw of list) {
      const t = goodTitle(raw);
      if (t && onPage(t, pageWords)) title ??= foundTitle(t, via);
    }
  }
  title ??= foundTitle(largestText(page1), 'pdf-largest-text');

  const text = readText(first, citedDois(ordered), title?.display ?? null);
  const doi = foundDoi(xmp.doi, 'xmp') ?? foundDoi(info.doi, 'pdf-info') ?? foundDoi(text.doi, 'pdf-text');
  const pmid =
    foundPmid(xmp.pmid, 'xmp') ?? foundPmid(info.pmid, 'pdf-info') ?? foundPmid(text.pmid, 'pdf-text');
  const pmcid =
    foundPmcid(xmp.pmcid, 'xmp') ?? foundPmcid(info.pmcid, 'pdf-info') ?? foundPmcid(text.pmcid, 'pdf-text');

  if (!doi && !pmid && !pmcid && !title) return { paper: null, list: [] };
  const paper: PaperIdentity = { doi, pmid, pmcid, title, adapter: 'pdf' };
  return { paper, list: [] };
}
