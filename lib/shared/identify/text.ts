/**
 * String clean-up shared by the identifier parsers. Every function here is linear in its input and
 * never throws: page text is hostile by default.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '\u2013',
  mdash: '\u2014',
  hyphen: '\u2010',
};

const ENTITY_RE = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g;

/**
 * Decodes one level of HTML character references. Attribute values the DOM hands us are already
 * decoded once, but publishers double-encode (`&amp;lt;` in an href shows up as `&lt;`), and inline
 * scripts carry raw markup.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY_RE, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Characters that render as nothing but break equality: soft hyphen, zero-width space/joiners,
 * LRM/RLM and the bidi embedding controls, word joiner, BOM. PubMed's XML carries trailing LRMs.
 */
const INVISIBLE_RE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE_RE, '');
}

/** `\/` and `\u002F` as they appear when a URL sits inside a JSON or JS string literal. */
export function unescapeJsonSlashes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\\//g, '/').replace(/\\u002[fF]/g, '/');
}

/**
 * Decodes `%XX` escapes. Falls back to decoding only ASCII escapes when the input is not valid
 * UTF-8 percent-encoding (decodeURIComponent throws on a lone `%E2`).
 */
export function percentDecode(s: string): string {
  if (!/%[0-9a-fA-F]{2}/.test(s)) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-7][0-9a-fA-F])/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Longest title we keep; real titles are far shorter and this bounds every later step. */
const MAX_TITLE = 600;

/**
 * A title as the reader should see it: markup that publishers leave escaped inside meta content
 * (`&lt;i&gt;Rhizoprionodon&lt;/i&gt;`, `CO&lt;sub&gt;2&lt;/sub&gt;`) removed, entities decoded,
 * whitespace collapsed.
 */
export function cleanTitle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.length > MAX_TITLE * 4 ? raw.slice(0, MAX_TITLE * 4) : raw;
  s = decodeEntities(s);
  s = s.replace(/<\/?[a-zA-Z][^<>]{0,200}>/g, '');
  s = collapseWhitespace(stripInvisible(s));
  if (s.length > MAX_TITLE) s = s.slice(0, MAX_TITLE).trimEnd();
  return s.length >= 3 ? s : null;
}

/**
 * The lookup key for a title: case, accents, punctuation and spacing removed, so that the same
 * paper printed by PubMed and by the publisher compares equal.
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
