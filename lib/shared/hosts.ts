/**
 * The one table of article sites: which hosts each site adapter handles (lib/shared/identify), and
 * from it the sites where the content script runs out of the box. A host is named by its domain and
 * covers its subdomains (heart.bmj.com under bmj.com); adapters also see library-proxy rewrites
 * (see identify/url.ts). Any other site is opt-in, from the popup (optional host permission) or
 * once per tab (activeTab).
 *
 * Adding a site: put its domain under its adapter, or under `generic` when the page carries the
 * standard citation metadata that generic identification reads; add a fixture page; and add its
 * match pattern to tests/e2e/manifest.test.ts and the README's list (the permission is the
 * reader's to judge). tests/unit/shared/hosts.test.ts checks the table and the patterns agree.
 */

/** The hosts each site adapter handles. Each adapter's fixtures are tests/fixtures/sites/<name>-*.html. */
export const SITE_HOSTS = {
  pubmed: ['pubmed.ncbi.nlm.nih.gov'],
  /** www.ncbi.nlm.nih.gov: legacy PubMed under /pubmed, legacy PMC under /pmc. */
  ncbi: ['ncbi.nlm.nih.gov'],
  pmc: ['pmc.ncbi.nlm.nih.gov'],
  europepmc: ['europepmc.org'],
  biorxiv: ['biorxiv.org', 'medrxiv.org'],
  sciencedirect: ['sciencedirect.com'],
  springer: ['link.springer.com', 'springerlink.com'],
  nature: ['nature.com'],
  bmc: ['biomedcentral.com', 'springeropen.com'],
  wiley: ['onlinelibrary.wiley.com'],
  tandf: ['tandfonline.com'],
  sage: ['journals.sagepub.com'],
  acs: ['pubs.acs.org'],
  nejm: ['nejm.org'],
  lancet: ['thelancet.com'],
  cell: ['cell.com'],
  oup: ['academic.oup.com'],
  jama: ['jamanetwork.com'],
  bmj: ['bmj.com'],
  plos: [
    'journals.plos.org',
    'plos.org',
    'plosone.org',
    'ploscompbiol.org',
    'plosbiology.org',
    'plosmedicine.org',
    'plosgenetics.org',
    'plospathogens.org',
    'plosntds.org',
  ],
  frontiers: ['frontiersin.org'],
  mdpi: ['mdpi.com'],
  ieee: ['ieeexplore.ieee.org'],
  arxiv: ['arxiv.org'],
  /** The DOI resolver's own pages (doiorg-landing.html). */
  doiorg: ['doi.org'],
} as const;

export type SiteName = keyof typeof SITE_HOSTS;

/**
 * Clinical journals and publishers without an adapter of their own: their article pages carry the
 * Highwire `citation_*` (or Dublin Core) metadata, which generic identification reads
 * (tests/fixtures/sites/generic-*.html).
 */
export const GENERIC_HOSTS = [
  'ahajournals.org',
  'journals.lww.com',
  'acpjournals.org',
  'cochranelibrary.com',
  'karger.com',
  'thieme-connect.com',
  'thieme-connect.de',
  'jmir.org',
  'cureus.com',
  'dovepress.com',
  'science.org',
  'pnas.org',
  'annualreviews.org',
  'jci.org',
  'ashpublications.org',
  'atsjournals.org',
  'diabetesjournals.org',
  'cmaj.ca',
] as const;

/**
 * Where a host's pages are served, when not at the domain and its subdomains: the legacy NCBI
 * site is www only (its other subdomains are tools, not articles).
 */
const MATCH_HOSTS: Partial<Record<string, readonly string[]>> = {
  'ncbi.nlm.nih.gov': ['www.ncbi.nlm.nih.gov'],
};

/**
 * The match pattern of one host: a registrable domain (two labels, `bmj.com`) covers its
 * subdomains (`*.bmj.com` matches bmj.com itself too); a longer host (`journals.plos.org`) is
 * matched as it is.
 */
export function matchPatterns(host: string): string[] {
  const explicit = MATCH_HOSTS[host];
  if (explicit) return explicit.map((h) => `https://${h}/*`);
  return [host.split('.').length === 2 ? `https://*.${host}/*` : `https://${host}/*`];
}

/** Every host of the table, adapters' and generic. */
export const ALL_ARTICLE_HOSTS: readonly string[] = [...Object.values(SITE_HOSTS).flat(), ...GENERIC_HOSTS];

/** The pattern's host part, `*.bmj.com` or `journals.plos.org`. */
export function patternHost(pattern: string): string {
  return pattern.slice('https://'.length, pattern.indexOf('/', 'https://'.length));
}

/**
 * The content script's match patterns: every host of the table, each once, sorted, leaving out a
 * host that another pattern already covers (journals.plos.org under *.plos.org).
 */
export const ARTICLE_HOSTS: string[] = (() => {
  const all = [...new Set(ALL_ARTICLE_HOSTS.flatMap(matchPatterns))];
  const wild = all.filter((p) => patternHost(p).startsWith('*.'));
  return all.filter((p) => wild.includes(p) || !hostMatches(patternHost(p), wild)).sort();
})();

/** True when `host` (a URL's hostname) is matched by one of `patterns`, as the browser matches them. */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const h = patternHost(p);
    return h.startsWith('*.') ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h;
  });
}
