/** Springer Nature: SpringerLink, nature.com, BioMed Central and SpringerOpen. */
import { doiFromUrl, parseArticleDoi, toArticleDoi } from '../doi';
import { safeQueryAll } from '../dom';
import { foundDoi } from '../found';
import { tocList } from '../list';
import { BMC, HOSTS, NATURE, SPRINGER } from '../selectors';
import { decodedPath, urlOnHost } from '../url';
import type { AdapterResult, SiteAdapter } from './types';

function doiFromPath(url: string, re: RegExp) {
  const path = decodedPath(url);
  if (path === null) return null;
  const m = re.exec(path);
  return m?.[1] ? toArticleDoi(doiFromUrl(`/${m[1]}`)) : null;
}

/** 2009 SpringerLink printed its identifiers as `td.labelName` / `td.labelValue` rows. */
function legacyLabelRow(doc: Document) {
  for (const label of safeQueryAll(doc, SPRINGER.labelRow, 200)) {
    if (!/^\s*doi\s*:?\s*$/i.test(label.textContent ?? '')) continue;
    const value = label.nextElementSibling;
    if (value?.matches(SPRINGER.labelValue)) {
      const doi = parseArticleDoi(value.textContent?.slice(0, 500));
      if (doi) return doi;
    }
  }
  return null;
}

export const springer: SiteAdapter = {
  name: 'springer',
  matches: (url) => !!urlOnHost(url, ...HOSTS.springer),
  identify(doc, url): AdapterResult {
    const fromUrl = doiFromPath(url, SPRINGER.articlePath);
    if (fromUrl) return { doi: foundDoi(fromUrl, 'url') };
    const legacy = legacyLabelRow(doc);
    return legacy ? { doi: foundDoi(legacy, 'header-label') } : {};
  },
  list: (doc, url) => tocList(doc, url, { adapter: 'springer' }),
};

/** `https://www.nature.com/articles/s41586-021-03819-2` names 10.1038/s41586-021-03819-2. */
function natureDoi(url: string) {
  const u = urlOnHost(url, ...HOSTS.nature);
  const m = u ? NATURE.articlePath.exec(u.path) : null;
  return m?.[1] ? parseArticleDoi(`${NATURE.prefix}/${m[1]}`) : null;
}

export const nature: SiteAdapter = {
  name: 'nature',
  matches: (url) => !!urlOnHost(url, ...HOSTS.nature),
  identify(_doc, url): AdapterResult {
    const doi = natureDoi(url);
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
  list: (doc, url) => tocList(doc, url, { adapter: 'nature', hrefToDoi: natureDoi }),
};

export const bmc: SiteAdapter = {
  name: 'bmc',
  matches: (url) => !!urlOnHost(url, ...HOSTS.bmc),
  identify(_doc, url): AdapterResult {
    const doi = doiFromPath(url, BMC.articlePath);
    return doi ? { doi: foundDoi(doi, 'url') } : {};
  },
  list: (doc, url) => tocList(doc, url, { adapter: 'bmc' }),
};
