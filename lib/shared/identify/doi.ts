/**
 * DOI parsing and normalisation.
 *
 * DOIs are matched by a hand-written scanner rather than one large regular expression: the suffix
 * grammar needs bracket balancing (SICI DOIs such as `10.1002/(SICI)1097-4695(199705)32:5<443::…>`)
 * and a regex that tries to express that backtracks badly on hostile input (`10.1234/((((…`).
 * Every function here is linear in its input, caps what it reads and never throws.
 */
import { decodeEntities, percentDecode, stripInvisible, unescapeJsonSlashes } from './text';

export interface Doi {
  /** Lowercased: DOIs are case-insensitive, so this is the lookup key. */
  value: string;
  /** As printed, for display. */
  display: string;
}

/** Longest suffix we accept. Real DOIs are far shorter; the cap bounds work on hostile text. */
const MAX_SUFFIX = 300;
/** Longest raw value we are willing to clean up as "this should be a DOI". */
const MAX_VALUE = 2048;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAsciiAlnum = (c: string | undefined): boolean =>
  c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/**
 * Reads `10.<registrant>/` at `i`. The registrant is 4 to 9 digits, optionally subdivided
 * (`10.0001.112/`); shorter registrants (`10.12/abc`) are not DOIs. Returns the index just after the
 * slash, or -1. Extra slashes right after the prefix (`10.1037//0002-9432…`, an old APA habit) are
 * skipped so the DOI comes out with one slash.
 */
function readPrefix(s: string, i: number): number {
  if (s.charCodeAt(i) !== 49 || s.charCodeAt(i + 1) !== 48 || s.charCodeAt(i + 2) !== 46) return -1;
  let j = i + 3;
  let digits = 0;
  while (isDigit(s[j]) && digits <= 9) {
    j++;
    digits++;
  }
  if (digits < 4 || digits > 9) return -1;
  for (let groups = 0; s[j] === '.' && isDigit(s[j + 1]) && groups < 4; groups++) {
    j++;
    let d = 0;
    while (isDigit(s[j]) && d <= 9) {
      j++;
      d++;
    }
    if (d > 9) return -1;
  }
  if (s[j] !== '/') return -1;
  j++;
  for (let extra = 0; s[j] === '/' && extra < 3; extra++) j++;
  return j;
}

/** `;name=` or `;name:` after a DOI: an ad-tag or Atypon pbContext parameter, not DOI text. */
function isParamAfterSemicolon(s: string, i: number): boolean {
  let j = i + 1;
  const c = s[j];
  if (!c || !/[A-Za-z_]/.test(c)) return false;
  const end = Math.min(s.length, j + 40);
  while (j < end && /[A-Za-z0-9_.-]/.test(s[j] ?? '')) j++;
  return s[j] === '=' || s[j] === ':';
}

/** ASCII characters after which prose continues: a DOI ends here (spaces, quotes, query, etc.). */
const TERMINATORS = new Set([...' \t\n\r\f\v"\'?#&,|\\`{}^']);

function isTerminator(c: string): boolean {
  return c < ' ' || TERMINATORS.has(c);
}

interface Scan {
  /** End of the DOI text (exclusive), or -1 when the candidate is not a DOI. */
  end: number;
  /** Where scanning stopped, so callers can resume after a rejected candidate. */
  stop: number;
}

/**
 * Scans a DOI suffix starting at `j`. Brackets are kept when balanced and end the DOI when they
 * close something opened before it (`(doi:10.1016/S0140-6736(13)62228-X).`). `<` is only part of a
 * DOI in the SICI form `<443::`. Trailing sentence punctuation is dropped. A non-ASCII letter or
 * dash inside the suffix (`…129–155`) rejects the candidate rather than truncating it into a
 * different, wrong DOI.
 */
function scanSuffix(s: string, j: number): Scan {
  const start = j;
  const limit = Math.min(s.length, start + MAX_SUFFIX + 1);
  let paren = 0;
  let square = 0;
  let angle = 0;
  while (j < limit) {
    const c = s[j] as string;
    if (c === '(') paren++;
    else if (c === ')') {
      if (paren === 0) break;
      paren--;
    } else if (c === '[') square++;
    else if (c === ']') {
      if (square === 0) break;
      square--;
    } else if (c === '<') {
      if (!/^<\d{1,6}::/.test(s.slice(j, j + 10))) break;
      angle++;
    } else if (c === '>') {
      if (angle === 0) break;
      angle--;
    } else if (c === ';') {
      if (isParamAfterSemicolon(s, j)) break;
    } else if (c.charCodeAt(0) > 0x7e) {
      // Closing quotes, non-breaking and other Unicode spaces end a DOI in prose; anything else
      // (letters, en dash) means this is not an ASCII DOI.
      if (/[\s\p{Pe}\p{Pf}\u00A0\u3000]/u.test(c)) break;
      return { end: -1, stop: j + 1 };
    } else if (isTerminator(c)) break;
    j++;
  }
  if (j - start > MAX_SUFFIX) return { end: -1, stop: j };
  let end = j;
  // Sentence punctuation and a trailing slash are never the last character of a DOI we want.
  while (end > start && /[.,;:/]/.test(s[end - 1] ?? '')) end--;
  // An unclosed bracket that survived trimming belongs to the surrounding text, not the DOI.
  if (paren > 0 || square > 0 || angle > 0) {
    const firstOpen = firstUnbalancedOpen(s, start, end);
    if (firstOpen >= 0) end = firstOpen;
    while (end > start && /[.,;:/]/.test(s[end - 1] ?? '')) end--;
  }
  let hasAlnum = false;
  for (let k = start; k < end && !hasAlnum; k++) hasAlnum = isAsciiAlnum(s[k]);
  if (!hasAlnum) return { end: -1, stop: j };
  return { end, stop: j };
}

function firstUnbalancedOpen(s: string, start: number, end: number): number {
  const stack: number[] = [];
  for (let k = start; k < end; k++) {
    const c = s[k];
    if (c === '(' || c === '[' || c === '<') stack.push(k);
    else if ((c === ')' || c === ']' || c === '>') && stack.length) stack.pop();
  }
  return stack.length ? (stack[0] as number) : -1;
}

/** Reads a DOI that starts exactly at `i`. */
export function readDoiAt(s: string, i: number): { doi: string; end: number; stop: number } | null {
  const afterPrefix = readPrefix(s, i);
  if (afterPrefix < 0) return null;
  const scan = scanSuffix(s, afterPrefix);
  if (scan.end < 0) return null;
  const prefixText = s.slice(i, afterPrefix).replace(/\/+$/, '/');
  return { doi: prefixText + s.slice(afterPrefix, scan.end), end: scan.end, stop: scan.stop };
}

/**
 * Prefixes that say "a DOI follows": `doi:`, `info:doi/`, `urn:doi:`, a printed `DOI ` label and
 * resolver URLs, including legacy `dx.`, `hdl.handle.net` and proxy-rewritten hosts
 * (`dx.doi.org.ezproxy.lib.example.edu`, `doi-org.proxy.example.edu`).
 */
const PREFIX_RE =
  /^(?:(?:info:doi|urn:doi|doi|digital object identifier)\s*[:/]\s*|(?:digital object identifier|doi)\s+(?=10\.)|(?:https?:)?(?:\/\/)?(?:(?:dx|www)[.-])?(?:doi[.-]org|hdl[.-]handle[.-]net)(?:\.[a-z0-9-]+)*(?::\d+)?\/+)/i;

export function stripDoiPrefixes(s: string): string {
  let out = s;
  // Bounded: `doi:doi:doi:…` on a hostile page must not loop for long.
  for (let n = 0; n < 6; n++) {
    const m = PREFIX_RE.exec(out);
    if (!m || m[0].length === 0) break;
    out = out.slice(m[0].length).trimStart();
  }
  return out;
}

/** Entity/JSON/percent/invisible clean-up every raw value goes through. */
function cleanRaw(raw: string): string {
  let s = raw.length > MAX_VALUE ? raw.slice(0, MAX_VALUE) : raw;
  s = stripInvisible(decodeEntities(unescapeJsonSlashes(s)));
  if (/%[0-9a-fA-F]{2}/.test(s)) s = stripInvisible(percentDecode(s));
  return s.trim();
}

/** What may follow a DOI inside a value that is meant to be just a DOI. */
function acceptableRemainder(rest: string): boolean {
  if (rest === '') return true;
  if (/^[?#&]/.test(rest)) return true; // query, fragment, `&link_type=DOI`
  if (rest.startsWith(';')) return true; // `;subjmeta=…`, `;journal:journal:…` (scanner cut at a param)
  return /^[\s.,;:)\]"'>]*$/.test(rest);
}

/**
 * Parses a value that should be a DOI (a meta tag's content, a `data-doi` attribute, a DOI link):
 * accepts known prefixes and resolver URLs, rejects anything else (`ade/1391109086`, `10274`,
 * `10.1234`, `10.12/abc`, `10..1000/x`, `10/134980`, internal whitespace, non-ASCII).
 */
export function parseDoi(raw: string | null | undefined): Doi | null {
  if (!raw) return null;
  const s = stripDoiPrefixes(cleanRaw(raw));
  if (!s.startsWith('10.')) return null;
  const read = readDoiAt(s, 0);
  if (!read || !acceptableRemainder(s.slice(read.end))) return null;
  return makeDoi(read.doi);
}

/** Whether the character before a `10.` lets it start a DOI: not inside a number or a word. */
function startsToken(s: string, i: number): boolean {
  if (i === 0) return true;
  const prev = s[i - 1] as string;
  if (prev === '.' || prev === '-' || prev === '_') return false;
  if (isAsciiAlnum(prev)) return s.slice(Math.max(0, i - 3), i).toLowerCase() === 'doi';
  return true;
}

/**
 * Finds DOIs in free text (a citation line, a JS string, a URL). Calls `visit` for each candidate in
 * order until it returns true. Linear: a rejected candidate resumes the search after the text it
 * consumed.
 */
export function scanDois(
  text: string,
  visit: (doi: Doi, index: number) => boolean,
  maxChars = 1_000_000,
): void {
  const s = text.length > maxChars ? text.slice(0, maxChars) : text;
  let from = 0;
  while (from < s.length) {
    const i = s.indexOf('10.', from);
    if (i < 0) return;
    if (!startsToken(s, i)) {
      from = i + 3;
      continue;
    }
    const read = readDoiAt(s, i);
    if (!read) {
      from = i + 3;
      continue;
    }
    if (visit(makeDoi(read.doi), i)) return;
    from = Math.max(i + 3, read.end);
  }
}

/** A DOI starting exactly at the beginning of `s` (after a label), or null. */
export function doiAtStart(s: string): Doi | null {
  const read = readDoiAt(s, 0);
  return read ? makeDoi(read.doi) : null;
}

/** First DOI in free text, after the same clean-up as `parseDoi`. */
export function findDoi(text: string | null | undefined): Doi | null {
  if (!text) return null;
  let found: Doi | null = null;
  scanDois(cleanRaw(text), (doi) => {
    found = doi;
    return true;
  });
  return found;
}

function makeDoi(display: string): Doi {
  return { value: display.toLowerCase(), display };
}

/**
 * Path segments a publisher appends to a DOI in its URLs to choose a view, never part of the DOI:
 * `/doi/10.1002/x/abstract`, `/article/10.1088/…/002/pdf`, `/articles/10.3389/…/full`.
 */
const URL_VIEW_SUFFIX_RE =
  /\/(?:full|fulltext|full-text|abstract|abs|summary|pdf|epdf|pdfdirect|pdfplus|epub|reader|meta|xml|html|references|figures|tables|citedby|cited-by|metrics|email|info|authors|comments|peer-review|reviews|supplementary|supplementary-material|media|share|print|download|ris|bibtex|(?:figures?|tables?)\/\d+|suppl(?:_file)?\/[^/]+)$/i;

/** bioRxiv/medRxiv and HighWire view suffixes glued to the last path segment with a dot. */
const URL_DOT_VIEW_SUFFIX_RE =
  /\.(?:full|abstract|article-info|article-metrics|supplementary-material|figures-only|full-text|full\.pdf(?:\+html)?|pdf)$/i;

/** Query parameters that carry the article DOI on publisher URLs (`article?id=10.1371/…`). */
const DOI_QUERY_KEYS = ['doi', 'id', 'DOI', 'rft_id', 'uri', 'articleid'];

/**
 * The article DOI in a page address, if the address has one. Query strings and fragments are not
 * part of it; publisher view suffixes are stripped. Only for URL-derived candidates: a DOI meta tag
 * ending in `/full` would be taken as written.
 */
export function doiFromUrl(url: string | null | undefined): Doi | null {
  if (!url) return null;
  const raw = unescapeJsonSlashes(decodeEntities(url.length > MAX_VALUE ? url.slice(0, MAX_VALUE) : url));
  let path = raw;
  let query = '';
  try {
    const u = new URL(raw, 'https://invalid.invalid/');
    path = u.pathname;
    query = u.search;
  } catch {
    const cut = raw.search(/[?#]/);
    if (cut >= 0) {
      query = raw.slice(cut);
      path = raw.slice(0, cut);
    }
  }
  const fromPath = doiInPath(path);
  if (fromPath) return fromPath;
  if (query) {
    let params: URLSearchParams | null = null;
    try {
      params = new URLSearchParams(query);
    } catch {
      params = null;
    }
    for (const key of DOI_QUERY_KEYS) {
      const v = params?.get(key);
      const doi = v ? parseDoi(v) : null;
      if (doi) return doi;
    }
  }
  return null;
}

function doiInPath(rawPath: string): Doi | null {
  const path = stripInvisible(percentDecode(rawPath));
  let found: Doi | null = null;
  scanDois(path, (doi) => {
    found = doi;
    return true;
  });
  if (!found) return null;
  let display = (found as Doi).display;
  for (let n = 0; n < 3; n++) {
    const next = display.replace(URL_VIEW_SUFFIX_RE, '').replace(URL_DOT_VIEW_SUFFIX_RE, '');
    if (next === display) break;
    display = next;
  }
  const again = readDoiAt(display, 0);
  return again && again.end === display.length ? makeDoi(display) : null;
}

/** What a DOI names, as far as its form tells. */
export type DoiKind = 'article' | 'component' | 'container' | 'mangled';

/**
 * Component DOIs: a figure, table or supplement of an article, registered under the article DOI.
 * PLOS `.g001`/`.t001`/`.s001` and eLife `.007`/`.sa1` after a numeric article id of 5+ digits (the
 * length keeps `jama.2016.012`-like DOIs safe); PeerJ `/fig-1`, `/table-2`, `/supp-1`; HighWire
 * supplements `/-/DC1`.
 */
const COMPONENT_RES: RegExp[] = [
  /^(.*[A-Za-z]\.\d{5,})\.(?:[gtse]\d{3,4}|0\d{2}|sa\d)$/,
  /^(.+)\/(?:fig|figure|table|tbl|supp|suppl|supplementary|media|video|box|appendix)-?\d{1,3}[a-z]?$/i,
  /^(.+)\/-\/DC\d+$/i,
];

/** Journal ISSN-DOIs (`10.1002/(ISSN)2198-3844`) and Wiley issue DOIs (`10.1002/advs.v3.4`). */
const CONTAINER_RES: RegExp[] = [/\(ISSN\)/i, /^10\.\d+\/[A-Za-z]+\.v\d+\.\d+$/];

/**
 * BMC and SpringerOpen (registrant 10.1186) never put a slash in a suffix; their ad servers do
 * (`10.1186/1746/6148/10/144` for `10.1186/1746-6148-10-144`).
 */
const MANGLED_RES: RegExp[] = [/^10\.1186\/.*\//];

/** bioRxiv/medRxiv version suffix: `10.1101/2020.03.22.002386v3` is version 3 of `…002386`. */
const PREPRINT_VERSION_RE = /^(10\.1101\/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,})v\d{1,3}$/i;

export function classifyDoi(display: string): { kind: DoiKind; article: string | null } {
  if (CONTAINER_RES.some((re) => re.test(display))) return { kind: 'container', article: null };
  if (MANGLED_RES.some((re) => re.test(display))) return { kind: 'mangled', article: null };
  const version = PREPRINT_VERSION_RE.exec(display);
  if (version?.[1]) return { kind: 'component', article: version[1] };
  for (const re of COMPONENT_RES) {
    const m = re.exec(display);
    if (m?.[1] && readDoiAt(m[1], 0)?.end === m[1].length) return { kind: 'component', article: m[1] };
  }
  return { kind: 'article', article: display };
}

/**
 * The DOI of the article a DOI belongs to: a figure DOI gives its article, a preprint version its
 * unversioned DOI; a journal, issue or mangled DOI gives null.
 */
export function toArticleDoi(doi: Doi | null): Doi | null {
  if (!doi) return null;
  const { article } = classifyDoi(doi.display);
  return article ? makeDoi(article) : null;
}

/** parseDoi, then toArticleDoi: the form every article-level signal uses. */
export function parseArticleDoi(raw: string | null | undefined): Doi | null {
  return toArticleDoi(parseDoi(raw));
}
