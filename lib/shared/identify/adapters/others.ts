/** Single-site adapters: doi.org, OUP, JAMA, BMJ, PLOS, Frontiers, MDPI, IEEE Xplore. */
import { doiFromUrl, findDoi, parseArticleDoi, toArticleDoi } from '../doi';
import { textOf } from '../dom';
import { foundDoi, foundTitle } from '../found';
import { labelledDoiInText } from '../labelled';
import { tocList } from '../list';
import { BMJ, DOI_ORG_HOST, HOSTS, IEEE, JAMA, MDPI, OUP, PLOS } from '../selectors';
import { cleanTitle } from '../text';
import { parsePageUrl, urlOnHost } from '../url';
import { doiFromLinks, scriptsContaining } from './common';
import type { AdapterResult, SiteAdapter } from './types';

/** A doi.org address is the DOI: `https://doi.org/10.1093/nar/gks1195` (and the old dx. host). */
export const doiorg: SiteAdapter = {
  name: 'doiorg',
  matches: (url) => {
    const u = parsePageUrl(url);
    return !!u && DOI_ORG_HOST.test(u.host);
  },
  identify(_doc, url): AdapterResult {
    const doi = toArticleDoi(doiFromUrl(url));
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
};

export const oup: SiteAdapter = {
  name: 'oup',
  matches: (url) => !!urlOnHost(url, ...HOSTS.oup),
  identify(doc): AdapterResult {
    const doi = doiFromLinks(doc, OUP.doiLink);
    return doi ? { doi: foundDoi(doi, 'header-label') } : {};
  },
  list: (doc, url) => tocList(doc, url, { adapter: 'oup' }),
};

export const jama: SiteAdapter = {
  name: 'jama',
  matches: (url) => !!urlOnHost(url, ...HOSTS.jama),
  identify(doc): AdapterResult {
    const citation = textOf(doc, JAMA.citation);
    const doi = citation ? labelledDoiInText(citation) : null;
    return doi ? { doi: foundDoi(doi, 'printed-citation') } : {};
  },
};

/** `https://www.bmj.com/content/372/bmj.n71` is 10.1136/bmj.n71. */
export const bmj: SiteAdapter = {
  name: 'bmj',
  matches: (url) => !!urlOnHost(url, ...HOSTS.bmj),
  identify(_doc, url): AdapterResult {
    const u = urlOnHost(url, ...HOSTS.bmj);
    const m = u ? BMJ.articlePath.exec(u.path) : null;
    const doi = m?.[1] ? parseArticleDoi(`${BMJ.prefix}/${m[1]}`) : null;
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
};

/** `article?id=10.1371/journal.pone.0000001`, and the old `article/info%3Adoi%2F10.1371%2F…`. */
export const plos: SiteAdapter = {
  name: 'plos',
  matches: (url) => !!urlOnHost(url, ...HOSTS.plos),
  identify(_doc, url): AdapterResult {
    const u = parsePageUrl(url);
    const doi = toArticleDoi(parseArticleDoi(u?.search.get(PLOS.idParam)) ?? doiFromUrl(url));
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
};

/** `/journals/psychology/articles/10.3389/fpsyg.2014.00781/full`. */
export const frontiers: SiteAdapter = {
  name: 'frontiers',
  matches: (url) => !!urlOnHost(url, ...HOSTS.frontiers),
  identify(_doc, url): AdapterResult {
    const doi = toArticleDoi(doiFromUrl(url));
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
};

export const mdpi: SiteAdapter = {
  name: 'mdpi',
  matches: (url) => !!urlOnHost(url, ...HOSTS.mdpi),
  identify(doc): AdapterResult {
    const doi = doiFromLinks(doc, MDPI.doiLink);
    return doi ? { doi: foundDoi(doi, 'header-label') } : {};
  },
  list: (doc, url) => tocList(doc, url, { adapter: 'mdpi' }),
};

/**
 * IEEE Xplore renders from `xplGlobal.document.metadata = {…};`, a JSON object whose top-level
 * `doi` is the article's (references are loaded separately).
 */
function ieeeMetadata(doc: Document): { doi: string | null; title: string | null } | null {
  for (const text of scriptsContaining(doc, IEEE.scriptMarker)) {
    const at = text.indexOf(IEEE.scriptMarker);
    const open = text.indexOf('{', at);
    if (open < 0) continue;
    const json = balancedObject(text, open);
    if (json) {
      try {
        const data: unknown = JSON.parse(json);
        if (data && typeof data === 'object') {
          const d = data as Record<string, unknown>;
          return {
            doi: typeof d.doi === 'string' ? d.doi : null,
            title: typeof d.title === 'string' ? d.title : null,
          };
        }
      } catch {
        /* fall back to the first "doi" key below */
      }
    }
    const m = IEEE.doiKey.exec(text.slice(open, open + 200_000));
    if (m?.[1]) return { doi: m[1], title: null };
  }
  return null;
}

/** The `{…}` starting at `open`, by brace counting outside strings; null when unbalanced. */
function balancedObject(text: string, open: number): string | null {
  let depth = 0;
  let inString = false;
  const end = Math.min(text.length, open + 2_000_000);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return null;
}

export const ieee: SiteAdapter = {
  name: 'ieee',
  matches: (url) => !!urlOnHost(url, ...HOSTS.ieee),
  recognises: (doc) => scriptsContaining(doc, IEEE.scriptMarker).length > 0,
  identify(doc): AdapterResult {
    const meta = ieeeMetadata(doc);
    if (!meta) return {};
    const out: AdapterResult = {};
    const doi = toArticleDoi(findDoi(meta.doi));
    if (doi) out.doi = foundDoi(doi, 'adapter');
    const title = foundTitle(cleanTitle(meta.title), 'adapter');
    if (title) out.title = title;
    return out;
  },
};
