/**
 * Sites on the Atypon Literatum platform: Wiley Online Library, Taylor & Francis Online, SAGE
 * Journals, ACS Publications and NEJM. Their article URLs are `/doi/(abs|full|pdf|epdf)/<doi>` and
 * the head carries `pbContext` with `article:article:<doi>`.
 */
import { doiFromUrl, findDoi, toArticleDoi } from '../doi';
import { safeQuery } from '../dom';
import { foundDoi } from '../found';
import { tocList } from '../list';
import { ATYPON, HOSTS } from '../selectors';
import { urlOnHost } from '../url';
import { doiFromLinks } from './common';
import type { AdapterResult, SiteAdapter } from './types';

function pbContextDoi(doc: Document) {
  const content = safeQuery(doc, ATYPON.pbContext)?.getAttribute('content');
  if (!content) return null;
  const m = ATYPON.pbContextArticle.exec(content.length > 5000 ? content.slice(0, 5000) : content);
  return m?.[1] ? toArticleDoi(findDoi(m[1])) : null;
}

function atypon(name: string, domains: readonly string[]): SiteAdapter {
  return {
    name,
    matches: (url) => !!urlOnHost(url, ...domains),
    identify(doc, url): AdapterResult {
      const ctx = pbContextDoi(doc);
      if (ctx) return { doi: foundDoi(ctx, 'adapter') };
      const u = urlOnHost(url, ...domains);
      const fromUrl = u && ATYPON.articlePath.test(u.path) ? toArticleDoi(doiFromUrl(url)) : null;
      if (fromUrl) return { doi: foundDoi(fromUrl, 'url') };
      const link = doiFromLinks(doc, ATYPON.doiLink);
      return link ? { doi: foundDoi(link, 'header-label') } : {};
    },
    list: (doc, url) => tocList(doc, url, { adapter: name }),
  };
}

export const wiley = atypon('wiley', HOSTS.wiley);
export const tandf = atypon('tandf', HOSTS.tandf);
export const sage = atypon('sage', HOSTS.sage);
export const acs = atypon('acs', HOSTS.acs);
export const nejm = atypon('nejm', HOSTS.nejm);
