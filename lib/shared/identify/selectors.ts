/**
 * Every site-specific selector, pattern and script marker used by identification, in one place so a
 * publisher redesign is one edit here and one fixture there. Each entry names the fixture in
 * tests/fixtures/sites/ that it is tested against.
 */

/* ---------------------------------------------------------------- hosts */

/**
 * The hosts each site adapter handles: the one host table, lib/shared/hosts.ts, which also gives
 * the content script its sites. Each adapter's fixtures are tests/fixtures/sites/<name>-*.html,
 * e.g. pubmed-article.html; the convention test checks every adapter has one.
 */
import type { SiteName } from '../hosts';

export { SITE_HOSTS as HOSTS } from '../hosts';

/** doiorg-landing.html: the resolver's own pages (the address is the DOI). */
export const DOI_ORG_HOST = /^(?:dx\.|www\.)?doi\.org$/;

/* ---------------------------------------------------------------- generic, every page */

/**
 * Containers whose DOIs and PMIDs belong to other papers: reference lists, similar/cited-by blocks,
 * recommendations, figures and supplements, page chrome. An element is one when a word of one of
 * its class names or of its id is in this set (or ends it, for CHROME_WORDS); names are split at
 * `-`, `_` and camelCase
 * (`c-article-references`, `citedByList`, `RelatedContentPanel`). Tested by pubmed-article.html
 * (#similar, #citedby, #references), nature-article.html, oup-article.html (supplement),
 * generic-datadoi.html (figure and related data-doi), dom.test.ts.
 */
export const EXCLUDED_WORDS = new Set([
  'ref',
  'refs',
  'reference',
  'references',
  'reflist',
  'bibliography',
  'bibl',
  'biblio',
  'citedby',
  'cited',
  'similar',
  'related',
  'recommend',
  'recommended',
  'recommendations',
  'fig',
  'figs',
  'figure',
  'figures',
  'supplementary',
  'supplement',
  'suppl',
  'footnote',
  'footnotes',
  'trending',
  'popular',
]);

/**
 * Page-chrome words count only as the last word of a name (`site-footer`, `article-sidebar`,
 * `c-ad`), not as a modifier: royal society pages put `footer-borders` on the element that wraps
 * the whole page. Tested by bmc-article.html (`leaderboard-ad`), generic-notarticle.html
 * (`site-footer`) and dom.test.ts.
 */
export const CHROME_WORDS = new Set([
  'footer',
  'sidebar',
  'advert',
  'advertisement',
  'ad',
  'ads',
  'comment',
  'comments',
]);

/** Phrases naming recommendation blocks that no single word gives away (dom.test.ts). */
export const EXCLUDED_PHRASES = /more[-_]?like[-_]?this|also[-_]?read|read[-_]?next|you[-_]?may[-_]?also/i;

/**
 * Class names that only modify their element (`has_sidebar` on OJS's main column,
 * `with-figures`, `is-open`, `js-` hooks): never a reason to skip it. Tested by
 * generic-ojs.html and dom.test.ts.
 */
export const MODIFIER_CLASS = /^(?:has|with|no|is|show|hide|toggle|js|u)[-_]/i;

/**
 * Cheap pre-test: class/id strings without any of these letters need no word splitting. Every
 * fixture page goes through it (pubmed-article.html has both kinds).
 */
export const EXCLUDED_HINT =
  /ref|bibl|cited|similar|relat|recommend|fig|suppl|footnote|comment|footer|sidebar|ad|trending|popular|like|read|may/i;

/**
 * Elements skipped entirely by text scans: not article text, or not visible text at all. Tested by
 * generic-notarticle.html (a DOI in the footer), bmc-article.html (ad iframe), nature-news.html.
 */
export const SKIPPED_TAGS = new Set([
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
  'NAV',
  'FOOTER',
  'ASIDE',
  'FIGURE',
  'FIGCAPTION',
  'HEAD',
]);

/** ARIA roles of page chrome. Tested by doiorg-landing.html (a DOI in the contentinfo footer). */
export const EXCLUDED_ROLES = new Set(['navigation', 'contentinfo', 'complementary', 'banner']);

/**
 * JSON-LD `@type`s that describe the page's own work. Tested by generic-jsonld.html (`@graph`),
 * springer-article.html and frontiers-article.html (`mainEntity`, `citation` never read).
 */
export const JSONLD_ARTICLE_TYPES =
  /^(?:ScholarlyArticle|MedicalScholarlyArticle|Article|NewsArticle|Report|Chapter|Thesis|CreativeWork)$/i;

/**
 * looksLikeArticle(): what a scholarly page shows without a text scan. Tested by precheck.test.ts
 * over every fixture page: generic-notarticle.html has none of these in <head> but links to the
 * resolver; generic-coins.html (a repository record) passes only by its DOI link.
 */
export const PRECHECK = {
  /** Head elements that only scholarly pages carry (JSON-LD is left out: every site has some). */
  head: [
    'meta[name="citation_doi"]',
    'meta[name="citation_title"]',
    'meta[name="citation_pmid"]',
    'meta[name="dc.identifier"]',
    'meta[name="DC.identifier"]',
    'meta[name="DC.Identifier"]',
    'meta[name="dc.Identifier"]',
    'meta[name="prism.doi"]',
    'meta[name="bepress_citation_doi"]',
    'meta[name="DOI"]',
    'meta[name="doi"]',
    'meta[id="DOI"]',
    'meta[name="ncbi_db"]',
    'meta[name="ncbi_uidlist"]',
    'meta[name="pbContext"]',
  ].join(', '),
  /**
   * JSON-LD in <head> counts only when it describes a scholarly work (generic-jsonld.html); most
   * sites carry Organization/WebSite JSON-LD. The first few KB of a few scripts are read.
   */
  jsonLd: /"@type"\s*:\s*(?:\[[^\]]{0,200})?"(?:Medical)?ScholarlyArticle"|doi\.org\/10\.|"doi"\s*:/,
  /** Body markers of pages without head metadata; one native match that stops at the first hit. */
  body: '[data-doi], a[href*="doi.org/10."]',
  /** A DOI, PubMed/PMC id or arXiv id in the address. */
  url: /10\.\d{4,9}(?:\/|%2F)|\/PMC\d+|pubmed\.ncbi\.nlm\.nih\.gov\/\d+|arxiv\.org\/abs\//i,
};

/* ---------------------------------------------------------------- PubMed */

/**
 * pubmed-article.html (`/33301246/`), pubmed-legacy.html (`www.ncbi.nlm.nih.gov/pubmed/26101853`):
 * article addresses; pubmed-search.html lives at `/?term=…`.
 */
export const PUBMED_URL = {
  legacySection: /^\/(?:pubmed|sites\/entrez)(?:\/|$)/i,
  article: /^\/(\d{1,9})\/?$/,
  legacyArticle: /^\/pubmed\/(\d{1,9})\/?$/i,
};

/** pubmed-article.html, pubmed-nodoi.html: the current article page's identifier list. */
export const PUBMED_IDS = {
  /** id of the `ul.identifiers` list under the title; the selectors below are inside it. */
  root: 'full-view-identifiers',
  pmid: '.identifier.pubmed .current-id, .identifier.pubmed .id-link',
  doi: '.identifier.doi .id-link',
  pmcid: '.identifier.pmc .id-link',
  title: 'h1.heading-title',
};

/**
 * pubmed-legacy.html: the pre-2020 page. PMID in `ncbi_uidlist`/`ncbi_uid` meta and in
 * `dl.rprtid`/`p.pmid` text; DOI only in the printed citation line `.cit` (`… doi: 10.1016/…`).
 */
export const PUBMED_LEGACY = {
  uidMeta: ['ncbi_uidlist', 'ncbi_uid', 'ncbi_article_id'],
  /** `<meta name="ncbi_db" content="pubmed">`: recognises a saved PubMed page. */
  dbMeta: 'ncbi_db',
  pmidText: '.rprtid, p.pmid, .aux .rprtid dd',
  citation: '.rprt.abstract .cit, .rprt .cit, .article-details .cit',
  title: '.rprt.abstract h1, .rprt h1',
};

/**
 * pubmed-search.html: search results. Each `.docsum-content` inside the results list; the PMID is
 * on the title link, the DOI in the full journal citation.
 */
export const PUBMED_SEARCH = {
  /** id of the results container; items are `.docsum-content` inside it. */
  root: 'search-results',
  item: '.docsum-content',
  itemContainer: 'article.full-docsum',
  titleLink: 'a.docsum-title',
  pmid: '.docsum-pmid',
  citation: '.full-journal-citation, .docsum-journal-citation',
};

/* ---------------------------------------------------------------- PMC */

/** pmc-article.html (pmc.ncbi.nlm.nih.gov), pmc-legacy.html (www.ncbi.nlm.nih.gov/pmc). */
export const PMC = {
  legacySection: /^\/pmc(?:\/|$)/i,
  articlePath: /\/articles\/(PMC\d{1,9})(?:[/?#.]|$)/i,
  /** `<meta name="ncbi_db" content="pmc">`: recognises a saved PMC page. */
  dbMeta: 'ncbi_db',
  /** Citation blocks under the title, tried in this order (not document order: a site-wide search
   * header comes first on the page). */
  header: [
    'section[aria-label="Article citation and metadata"]',
    '.fm-citation',
    '.front-matter-section',
    '.fm-ids',
  ],
  title: 'h1.content-title, .front-matter-section h1, h1',
};

/* ---------------------------------------------------------------- Europe PMC */

/** europepmc-article.html: the abstract page header with its identifier list. */
export const EUROPEPMC = {
  /** `/article/MED/<pmid>` and the older `/abstract/MED/<pmid>`. */
  medPath: /^\/(?:article|abstract)\/MED\/(\d{1,9})(?:\/|$)/i,
  /** `/article/PMC/<pmcid>`, `/abstract/PMC/…`, `/articles/PMC…`. */
  pmcPath: /^\/(?:article\/PMC|abstract\/PMC|articles)\/(PMC\d{1,9})(?:\/|$)/i,
  /** Tried in this order. */
  header: ['#article--header', '.abstract--header', '.article-metadata', '.abs-header'],
};

/* ---------------------------------------------------------------- ScienceDirect */

/**
 * sciencedirect-article.html: the DOI link under the title. sciencedirect-legacy.html: the 2014
 * page whose only DOI is the inline script variable `SDM.doi = '…'`.
 */
export const SCIENCEDIRECT = {
  /** id of the identifier block under the title; the DOI link is inside it. */
  identifierLinks: 'article-identifier-links',
  doiLink: 'a.doi, a[href*="doi.org/"]',
  scriptVar: /\bSDM\.doi\s*=\s*(['"])([^'"\s]{4,300})\1/,
  scriptMarker: 'SDM.doi',
};

/* ---------------------------------------------------------------- Springer, Nature, BMC */

/** springer-legacy.html: 2009 SpringerLink `td.labelName` "DOI" + `td.labelValue`. */
export const SPRINGER = {
  labelRow: 'td.labelName',
  labelValue: 'td.labelValue',
  articlePath: /^\/(?:article|chapter|referenceworkentry|protocol)\/(10\.\d{4,9}\/.+)$/i,
};

/** nature-article.html, nature-news.html: `/articles/<id>` is DOI 10.1038/<id>. */
export const NATURE = {
  articlePath:
    /^\/articles\/((?:s\d{5}-\d{3}-\d{5}-\w|d\d{5}-\d{3}-\d{5}-\w|nature\d{4,6}|n[a-z]{1,6}\d{3,6}|[a-z]{2,8}\d{4,6})(?:[a-z])?)\/?$/i,
  prefix: '10.1038',
};

/** bmc-article.html: `/articles/10.1186/…` on *.biomedcentral.com and *.springeropen.com. */
export const BMC = {
  articlePath: /^\/articles\/(10\.\d{4,9}\/.+)$/i,
};

/* ---------------------------------------------------------------- Atypon platform */

/**
 * Wiley, Taylor & Francis, SAGE, ACS and NEJM run on Atypon Literatum: `/doi/(abs|full|pdf|epdf)/`
 * URLs and the `pbContext` meta (`;article:article:10.1021/jo402790x;journal:journal:joceah`).
 * Tested by wiley-epdf.html, wiley-toc.html, tandf-article.html, sage-article.html,
 * acs-article.html, nejm-article.html.
 */
export const ATYPON = {
  /** Article addresses: `/doi/10.…`, `/doi/abs/10.…`, `/doi/full/10.…`, `/doi/epdf/10.…`. */
  articlePath: /^\/doi\//i,
  pbContext: 'meta[name="pbContext"]',
  pbContextArticle: /(?:^|;)article:article:(10\.[^;]{3,300})/,
  doiLink: '.epub-section__doi a, .article-header__doi a, .dx-doi a, .doi a[href*="doi.org/"], a.doi',
};

/* ---------------------------------------------------------------- Elsevier-hosted journals */

/**
 * lancet-article.html, cell-article.html: the article path carries the formatted PII, which for
 * these journals is the DOI suffix under 10.1016 (`/article/PIIS0140-6736(20)30183-5/fulltext`).
 */
export const ELSEVIER_PII_PATH =
  /\/(?:article|fulltext|abstract|pdf)\/(?:PII)?(S\d{4}-\d{3}[\dX]\(\d{2}\)\d{5}-[\dX])/i;

/* ---------------------------------------------------------------- Oxford Academic */

/** oup-article.html: the printed citation DOI link under the title. */
export const OUP = {
  doiLink: '.ww-citation-primary a[href*="doi.org/"], .citation-doi a',
};

/* ---------------------------------------------------------------- JAMA Network */

/** jama-article.html: `.meta-citation` prints `doi:10.1001/jama.2020.1585`. */
export const JAMA = {
  citation: '.meta-citation, .meta-article-citation',
};

/* ---------------------------------------------------------------- BMJ */

/** bmj-article.html: `/content/372/bmj.n71` is DOI 10.1136/bmj.n71. */
export const BMJ = {
  articlePath: /^\/content\/\d+\/(bmj[.-][a-z]{0,2}\d{1,7}(?:\.\d+)*)/i,
  prefix: '10.1136',
};

/* ---------------------------------------------------------------- PLOS, Frontiers, MDPI */

/** plos-article.html: `article?id=10.1371/…`. */
export const PLOS = { idParam: 'id' };

/** mdpi-article.html: the printed `https://doi.org/10.3390/…` under the title. */
export const MDPI = { doiLink: '.bib-identity a[href*="doi.org/"]' };

/* ---------------------------------------------------------------- IEEE Xplore */

/** ieee-article.html: `xplGlobal.document.metadata={…"doi":"10.1109/…"…};` in an inline script. */
export const IEEE = {
  scriptMarker: 'xplGlobal.document.metadata',
  /** Fallback when the metadata object does not parse: its first top-level-looking `"doi"` key. */
  doiKey: /"doi"\s*:\s*"([^"]{4,300})"/,
};

/* ---------------------------------------------------------------- arXiv */

/** arxiv-abs.html: the DataCite DOI printed as a link, and the abs URL. */
export const ARXIV = {
  /** id of the printed DataCite DOI link. */
  doiLinkId: 'arxiv-doi-link',
  doiLink: 'a[href*="doi.org/10.48550/"]',
  idMeta: 'citation_arxiv_id',
  id: /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/i,
  absPath: /^\/(?:abs|pdf|html)\/((?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?\/?$/i,
  doiPrefix: '10.48550/arXiv.',
};

/* ---------------------------------------------------------------- tables of contents */

/**
 * Items of journal tables of contents and issue pages, by class word: wiley-toc.html (Atypon
 * `.issue-item`), nature-toc.html (`li.app-article-list-row__item` holding an `article.c-card`;
 * the nested card is folded into its row). Also `.toc-item`, `.tocArticleEntry`, `.articleEntry`
 * (older Atypon), `.article-item` (MDPI). An `.article-item` inside recommendations does not count
 * (mdpi-article.html): the document walk never enters excluded containers.
 */
export const TOC_ITEM_CLASS =
  /(?:^|\s)(?:issue-item|toc-item|tocArticleEntry|articleEntry|app-article-list-row__item|article-item)(?:\s|$)/;
/**
 * `c-card` is a generic card on Springer Nature sites: a contents item only on `<article>`
 * (nature-toc.html; the "Similar content" cards of nature-article.html sit in an aside).
 */
export const TOC_CARD_CLASS = /(?:^|\s)c-card(?:\s|$)/;

/** Whether an element with this tag and class attribute is a contents item (wiley-toc.html, nature-toc.html). */
export function isTocItem(tag: string, cls: string): boolean {
  return TOC_ITEM_CLASS.test(cls) || (tag === 'ARTICLE' && TOC_CARD_CLASS.test(cls));
}

/**
 * Inside a TOC item: the element whose text is the item's title (its DOI comes from a `data-doi`
 * or from its links). Tested by wiley-toc.html and nature-toc.html.
 */
export const TOC_ITEM_PARTS = {
  titleTags: new Set(['H2', 'H3', 'H4']),
  titleClass: /(?:^|\s)(?:issue-item__title|c-card__title|title|article-title)(?:\s|$)/,
};

/* ---------------------------------------------------------------- the article's own abstract */

/*
 * Where each site prints the article's own abstract, and the generic places any page may, read by
 * lib/shared/glance/abstract.ts (fixtures in tests/fixtures/glance/). Keys are the site names of
 * the host table (lib/shared/hosts.ts); each list is tried in order and the first element that
 * holds a real abstract wins. Selectors never reach into lists of other papers (similar articles,
 * references, recommendations): the reader also rejects any match inside such a container.
 */

/** Site selectors, most specific first (fixture: tests/fixtures/glance/<site>-*.html). */
export const ABSTRACT_SELECTORS: Partial<Record<SiteName, readonly string[]>> = {
  /** pubmed-structured.html, pubmed-plain.html, pubmed-retracted.html: English first, then any language. */
  pubmed: ['#eng-abstract', '#abstract .abstract-content', '.abstract-content'],
  /** Legacy PubMed (/pubmed/…) and legacy PMC (/pmc/articles/…). */
  ncbi: ['.abstr', '#abstract-1', 'section.abstract', 'div.abstract'],
  /** pmc-article.html: the first abstract section (graphical abstracts and author summaries come later). */
  pmc: ['section.abstract', '#abstract1', '#abstract-1', 'div.abstract'],
  europepmc: ['#abstract', '.abstract'],
  /** medrxiv-preprint.html. */
  biorxiv: ['#abstract-1', '.section.abstract', '.abstract'],
  /** The author abstract, never the highlights or graphical abstract. */
  sciencedirect: ['#abstracts .abstract.author', '.abstract.author', '#abstracts .abstract'],
  /** Springer, Nature and BMC share one article template. */
  springer: [
    '#Abs1-content',
    'section[data-title="Abstract"] .c-article-section__content',
    'section[data-title="Abstract"]',
    'section.Abstract',
    'div.Abstract',
  ],
  /** Nature and BMC pages are the Springer template. */
  get nature() {
    return this.springer;
  },
  get bmc() {
    return this.springer;
  },
  wiley: [
    '.abstract-group section.article-section__abstract .article-section__content',
    'section.article-section__abstract',
    '#section-1-en',
  ],
  oup: ['section.abstract', '.abstract'],
  /** jama-keypoints.html: the abstract, not the Key Points box beside it. */
  jama: ['.abstract-content', 'section.abstract', 'div.abstract'],
  /** lancet-findings.html (Lancet and Cell Press share a template). */
  lancet: ['#abstracts .abstract.author', '.article__abstract', 'section.abstract', 'div.abstract'],
  /** Cell Press is the Lancet's template. */
  get cell() {
    return this.lancet;
  },
  nejm: ['#article_abstract', 'section#abstract', '.o-article-body__abstract', 'section.abstract'],
  bmj: ['.abstract', '#abstract-1'],
  /** Not the "Author summary" (abstract-type-summary). */
  plos: ['.abstract-content', '.abstract.toc-section'],
  frontiers: ['.JournalAbstract', '.abstract-container', '.article-abstract'],
  mdpi: ['section.html-abstract .html-p', 'section.html-abstract', '.art-abstract'],
  sage: ['section#abstract', '.abstractSection', '.hlFld-Abstract'],
  tandf: ['.abstractSection.abstractInFull', '.hlFld-Abstract .abstractSection', 'div.abstract'],
};

/** Meta tags holding the abstract as text, in order; names are matched case-insensitively (abstract.test.ts). */
export const ABSTRACT_META = ['citation_abstract', 'dc.description', 'eprints.abstract'] as const;

/** Generic places for the abstract on any page, in order (abstract.test.ts, nothing-here.html). */
export const GENERIC_ABSTRACT_SELECTORS = [
  '[role="doc-abstract"]',
  '#abstract',
  'section.abstract',
  '.abstract',
  '[itemprop="description"]',
] as const;

/**
 * Class or id words, and heading texts, of abstract-like blocks that are not the abstract: a
 * graphical abstract, highlights, a plain language or author summary, key points, a video
 * abstract, a translated abstract shown beside the English one (lancet-findings.html,
 * jama-keypoints.html).
 */
export const NOT_THE_ABSTRACT =
  /graphical|highlight|plain[-_\s]?language|lay[-_\s]summary|author[-_\s]?summary|abstract-type-summary|key[-_\s]?points|video|visual[-_\s]abstract|editor'?s?[-_\s]summary|teaser|snippet|docsum/i;

/**
 * Parts of a page that describe other papers or page chrome, by class or id word: an abstract
 * found inside one belongs to another paper (PubMed's similar articles, PMC's references, the
 * publisher's recommendations: pubmed-structured.html, pmc-article.html).
 */
export const OTHER_PAPERS =
  /similar|related|recommend|cited[-_]?by|citedby|references?\b|ref-list|reflist|bibliograph|more-like|also-read|read-next|trending|popular|docsum|search-result|results-list|sidebar|toc-list/i;

/** Where PubMed lists MeSH terms and keywords (pubmed-structured.html). */
export const MESH_SELECTORS = [
  '#mesh-terms .keyword-actions-trigger',
  '#mesh-terms li button',
  '#mesh-terms li',
] as const;

/** Author keywords in publisher pages, after `meta[name=keywords]`/`citation_keywords` (abstract.test.ts). */
export const KEYWORD_SELECTORS = [
  '.keyword',
  '.kwd',
  '.keywords-section .keyword',
  '.keywords .keyword',
  '.kwd-group .kwd',
  'ul.keywords li',
  '.c-article-subject-list li',
  '.article-keywords a',
  '.keywordList li',
] as const;
