/**
 * Hand-written fixture pages (tests/fixtures/sites/<adapter>-<what>.html) and what identification
 * must find on each, at the address the page lives at. Shared by the fixture table test, the
 * convention test and the property test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

export const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/sites');

export interface Expected {
  file: string;
  url: string;
  adapter: string;
  doi: string | null;
  pmid?: string | null;
  pmcid?: string | null;
  /** Signal the DOI must come from, where the fixture exists to prove one. */
  via?: string;
  /** Substring of the title. */
  title?: string;
  /** A list page: the DOIs (or PMIDs) of its items, in order. */
  list?: string[];
}

export const EXPECTED: Expected[] = [
  {
    file: 'pubmed-article.html',
    url: 'https://pubmed.ncbi.nlm.nih.gov/33301246/',
    adapter: 'pubmed',
    doi: '10.1056/nejmoa2034577',
    pmid: '33301246',
    pmcid: 'PMC7745181',
    via: 'citation_doi',
    title: 'BNT162b2 mRNA',
  },
  {
    file: 'pubmed-nodoi.html',
    url: 'https://pubmed.ncbi.nlm.nih.gov/21151640/',
    adapter: 'pubmed',
    doi: null,
    pmid: '21151640',
    pmcid: 'PMC3000000',
    title: 'Retinal vein occlusion',
  },
  {
    file: 'pubmed-legacy.html',
    url: 'https://www.ncbi.nlm.nih.gov/pubmed/26101853',
    adapter: 'pubmed',
    doi: '10.1111/cen.12815',
    pmid: '26101853',
    via: 'printed-citation',
    title: 'Cortisol awakening response',
  },
  {
    file: 'pubmed-search.html',
    url: 'https://pubmed.ncbi.nlm.nih.gov/?term=statin+primary+prevention',
    adapter: 'pubmed',
    doi: null,
    list: ['27838723', '26865212', '23440795'],
  },
  {
    file: 'pmc-article.html',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6494974/',
    adapter: 'pmc',
    doi: '10.1016/s1474-4422(19)30034-1',
    pmid: '30871944',
    pmcid: 'PMC6494974',
    via: 'citation_doi',
    title: 'burden of stroke',
  },
  {
    file: 'pmc-legacy.html',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2900000/',
    adapter: 'pmc',
    doi: '10.1136/bmj.c2181',
    pmid: '20472658',
    pmcid: 'PMC2900000',
    via: 'header-label',
    title: 'Intensive blood glucose control',
  },
  {
    file: 'europepmc-article.html',
    url: 'https://europepmc.org/article/MED/30146931',
    adapter: 'europepmc',
    doi: '10.1093/eurheartj/ehy813',
    pmid: '30146931',
    pmcid: 'PMC6374412',
    via: 'header-label',
  },
  {
    file: 'biorxiv-article.html',
    url: 'https://www.biorxiv.org/content/10.1101/2021.05.03.442412v2.full',
    adapter: 'biorxiv',
    doi: '10.1101/2021.05.03.442412',
    via: 'citation_doi',
    title: 'Single-cell atlas',
  },
  {
    file: 'biorxiv-medrxiv.html',
    url: 'https://www.medrxiv.org/content/10.1101/2020.07.31.20166223v3.full-text',
    adapter: 'biorxiv',
    doi: '10.1101/2020.07.31.20166223',
    via: 'url',
    title: 'Household transmission',
  },
  {
    file: 'arxiv-abs.html',
    url: 'https://arxiv.org/abs/1706.03762v7',
    adapter: 'arxiv',
    doi: '10.48550/arxiv.1706.03762',
    via: 'header-label',
    title: 'Attention Is All You Need',
  },
  {
    file: 'doiorg-landing.html',
    url: 'https://doi.org/10.1000/182',
    adapter: 'doiorg',
    doi: '10.1000/182',
    via: 'url',
  },
  {
    file: 'sciencedirect-article.html',
    url: 'https://www.sciencedirect.com/science/article/pii/S0165032720326434',
    adapter: 'sciencedirect',
    doi: '10.1016/j.jad.2020.09.130',
    via: 'adapter',
    title: 'exercise training on depression',
  },
  {
    file: 'sciencedirect-legacy.html',
    url: 'https://www.sciencedirect.com/science/article/pii/S1062146406001234',
    adapter: 'sciencedirect',
    doi: '10.1016/j.accreview.2006.01.042',
    via: 'adapter',
  },
  {
    file: 'springer-article.html',
    url: 'https://link.springer.com/article/10.1007/s00134-019-05872-y',
    adapter: 'springer',
    doi: '10.1007/s00134-019-05872-y',
    via: 'citation_doi',
    title: 'sepsis prediction',
  },
  {
    file: 'springer-legacy.html',
    url: 'http://www.springerlink.com/content/k123456/',
    adapter: 'springer',
    doi: '10.1007/bf00123456',
    via: 'header-label',
  },
  {
    file: 'nature-article.html',
    url: 'https://www.nature.com/articles/s41586-023-05678-2',
    adapter: 'nature',
    doi: '10.1038/s41586-023-05678-2',
    via: 'citation_doi',
    title: 'neural network model',
  },
  {
    file: 'nature-news.html',
    url: 'https://www.nature.com/articles/d41586-021-01234-5',
    adapter: 'nature',
    doi: '10.1038/d41586-021-01234-5',
    via: 'dc.identifier',
    title: 'predatory journals',
  },
  {
    file: 'nature-toc.html',
    url: 'https://www.nature.com/nature/volumes/615/issues/7950',
    adapter: 'nature',
    doi: null,
    list: ['10.1038/s41586-023-05678-2', '10.1038/s41586-023-05701-z', '10.1038/d41586-023-00600-8'],
  },
  {
    file: 'bmc-article.html',
    url: 'https://bmcinfectdis.biomedcentral.com/articles/10.1186/1471-2334-14-523',
    adapter: 'bmc',
    doi: '10.1186/1471-2334-14-523',
    pmid: '25257355',
    via: 'dc.identifier',
    title: 'Hand hygiene',
  },
  {
    file: 'wiley-epdf.html',
    url: 'https://onlinelibrary.wiley.com/doi/epdf/10.1002/advs.201500314',
    adapter: 'wiley',
    doi: '10.1002/advs.201500314',
    via: 'url',
  },
  {
    file: 'wiley-toc.html',
    url: 'https://onlinelibrary.wiley.com/toc/21983844/2016/3/4',
    adapter: 'wiley',
    doi: null,
    list: ['10.1002/advs.201500314', '10.1002/advs.201500287', '10.1002/advs.201600012'],
  },
  {
    file: 'tandf-article.html',
    url: 'https://www.tandfonline.com/doi/full/10.1080/13607863.2019.1609901',
    adapter: 'tandf',
    doi: '10.1080/13607863.2019.1609901',
    via: 'dc.identifier',
    title: 'postoperative delirium',
  },
  {
    file: 'sage-article.html',
    url: 'https://journals.sagepub.com/doi/10.1177/1359105320975623',
    adapter: 'sage',
    doi: '10.1177/1359105320975623',
    via: 'adapter',
    title: 'Mindfulness',
  },
  {
    file: 'acs-article.html',
    url: 'https://pubs.acs.org/doi/10.1021/jacs.1c01234',
    adapter: 'acs',
    doi: '10.1021/jacs.1c01234',
    via: 'dc.identifier',
    title: 'Strychnine',
  },
  {
    file: 'nejm-article.html',
    url: 'https://www.nejm.org/doi/full/10.1056/NEJMoa1911303',
    adapter: 'nejm',
    doi: '10.1056/nejmoa1911303',
    via: 'dc.identifier',
    title: 'Dapagliflozin',
  },
  {
    file: 'lancet-article.html',
    url: 'https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)30183-5/fulltext',
    adapter: 'lancet',
    doi: '10.1016/s0140-6736(20)30183-5',
    via: 'url',
    title: '2019 novel coronavirus',
  },
  {
    file: 'cell-article.html',
    url: 'https://www.cell.com/cell/fulltext/S0092-8674(20)30229-4',
    adapter: 'cell',
    doi: '10.1016/s0092-8674(20)30229-4',
    via: 'url',
    title: 'ACE2 and TMPRSS2',
  },
  {
    file: 'oup-article.html',
    url: 'https://academic.oup.com/cid/article/72/9/1500/5900000',
    adapter: 'oup',
    doi: '10.1093/cid/ciaa1234',
    pmid: '32845301',
    via: 'citation_doi',
    title: 'community-acquired pneumonia',
  },
  {
    file: 'jama-article.html',
    url: 'https://jamanetwork.com/journals/jama/fullarticle/2768978',
    adapter: 'jama',
    doi: '10.1001/jama.2020.10224',
    via: 'printed-citation',
    title: 'Vitamin D',
  },
  {
    file: 'bmj-article.html',
    url: 'https://www.bmj.com/content/372/bmj.n71',
    adapter: 'bmj',
    doi: '10.1136/bmj.n71',
    via: 'url',
    title: 'PRISMA 2020',
  },
  {
    file: 'plos-article.html',
    url: 'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456',
    adapter: 'plos',
    doi: '10.1371/journal.pone.0123456',
    via: 'citation_doi',
    title: 'Sleep duration',
  },
  {
    file: 'frontiers-article.html',
    url: 'https://www.frontiersin.org/journals/psychology/articles/10.3389/fpsyg.2020.01234/full',
    adapter: 'frontiers',
    doi: '10.3389/fpsyg.2020.01234',
    via: 'url',
    title: 'Music therapy',
  },
  {
    file: 'mdpi-article.html',
    url: 'https://www.mdpi.com/2072-6643/12/7/1917',
    adapter: 'mdpi',
    doi: '10.3390/nu12071917',
    via: 'header-label',
    title: 'Mediterranean Diet',
  },
  {
    file: 'ieee-article.html',
    url: 'https://ieeexplore.ieee.org/document/7780459',
    adapter: 'ieee',
    doi: '10.1109/cvpr.2016.90',
    via: 'adapter',
    title: 'Deep Residual Learning',
  },
  {
    file: 'ieee-legacy.html',
    url: 'http://ieeexplore.ieee.org/xpls/abs_all.jsp?arnumber=712345',
    adapter: 'ieee',
    doi: '10.1109/28.712345',
    via: 'header-label',
  },
  {
    file: 'generic-ojs.html',
    url: 'https://journals.example.org/index.php/jrhi/article/view/4521',
    adapter: 'generic',
    doi: '10.5210/jrhi.v26i3.4521',
    via: 'dc.identifier',
    title: 'Telehealth adoption',
  },
  {
    file: 'generic-euclid.html',
    url: 'https://projecteuclid.org/journals/advances-in-differential-equations/volume-20/issue-1_2f_2/Asymptotic-analysis/ade/1400012345.full',
    adapter: 'generic',
    doi: '10.57262/ade/1400012345',
    via: 'dc.identifier',
  },
  {
    file: 'generic-jsonld.html',
    url: 'https://geriatrics.example.org/articles/2022/htn-thresholds',
    adapter: 'generic',
    doi: '10.5555/geriatr.2022.0417',
    via: 'json-ld',
    title: 'Hypertension treatment thresholds',
  },
  {
    file: 'generic-coins.html',
    url: 'https://repository.example.edu/items/8812',
    adapter: 'generic',
    doi: '10.1093/ageing/afy040',
    via: 'header-label',
    title: 'Early mobilisation',
  },
  {
    file: 'generic-datadoi.html',
    url: 'https://jahr.example.org/article/112',
    adapter: 'generic',
    doi: '10.5555/jahr.2019.112',
    via: 'data-doi',
  },
  {
    file: 'generic-bepress.html',
    url: 'https://digitalcommons.example.edu/nursing_fac/44',
    adapter: 'generic',
    doi: '10.5555/nursing.2020.044',
    via: 'bepress_citation_doi',
  },
  {
    file: 'generic-notarticle.html',
    url: 'https://news.example.edu/2023/research-highlights',
    adapter: 'generic',
    doi: null,
  },
];

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

export function readFixture(file: string): string {
  return readFileSync(join(FIXTURE_DIR, file), 'utf8');
}

/** Parses with linkedom, as the detect CLI does. */
export function parseWithLinkedom(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/**
 * Parses with the DOMParser of the test environment (happy-dom), closer to a browser. Call
 * stayOffline() first: fixture pages reference stylesheets and ad iframes.
 */
export function parseWithDomParser(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
