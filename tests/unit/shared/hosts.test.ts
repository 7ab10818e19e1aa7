/** The one host table: adapters, the content script's sites and the manifest agree. */
import { describe, expect, it } from 'vitest';
import {
  ALL_ARTICLE_HOSTS,
  ARTICLE_HOSTS,
  GENERIC_HOSTS,
  hostMatches,
  patternHost,
  SITE_HOSTS,
} from '../../../lib/shared/hosts';
import { ALL_ADAPTERS, SITE_ADAPTERS } from '../../../lib/shared/identify';

describe('the host table', () => {
  it('names only real adapters (ncbi is the legacy site the PubMed and PMC adapters share)', () => {
    const names = ALL_ADAPTERS.map((a) => a.name);
    for (const site of Object.keys(SITE_HOSTS)) if (site !== 'ncbi') expect(names).toContain(site);
  });

  it.each(ALL_ARTICLE_HOSTS)('the content script runs on %s (and its www. address)', (host) => {
    const where =
      host === 'ncbi.nlm.nih.gov'
        ? ['www.ncbi.nlm.nih.gov']
        : host.split('.').length === 2
          ? [host, `www.${host}`]
          : [host];
    for (const h of where) expect(hostMatches(h, ARTICLE_HOSTS), h).toBe(true);
  });

  it('reaches the journals of a publisher on their subdomains, and nothing beside them', () => {
    expect(hostMatches('heart.bmj.com', ARTICLE_HOSTS)).toBe(true);
    expect(hostMatches('journals.plos.org', ARTICLE_HOSTS)).toBe(true);
    expect(hostMatches('bmj.com.evil.example', ARTICLE_HOSTS)).toBe(false);
    expect(hostMatches('notbmj.com', ARTICLE_HOSTS)).toBe(false);
    expect(hostMatches('blast.ncbi.nlm.nih.gov', ARTICLE_HOSTS)).toBe(false);
  });

  it('gives every pattern a host of the table, once', () => {
    expect(new Set(ARTICLE_HOSTS).size).toBe(ARTICLE_HOSTS.length);
    for (const p of ARTICLE_HOSTS) {
      expect(p).toMatch(/^https:\/\/[a-z0-9*.-]+\/\*$/);
      const h = patternHost(p).replace(/^\*\./, '');
      expect(ALL_ARTICLE_HOSTS.some((t) => h === t || h.endsWith(`.${t}`) || t.endsWith(h))).toBe(true);
    }
  });

  it('leaves generic hosts to generic identification: no adapter claims them', () => {
    for (const h of GENERIC_HOSTS) {
      const url = `https://www.${h}/doi/10.1/x`;
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(url)).map((a) => a.name),
        url,
      ).toEqual([]);
    }
    // …while an adapter's own host is claimed (so the check above can fail).
    expect(
      SITE_ADAPTERS.filter((a) => a.matches('https://www.bmj.com/content/1/bmj-1')).map((a) => a.name),
    ).toEqual(['bmj']);
  });
});
