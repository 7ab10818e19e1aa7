import { describe, expect, it } from 'vitest';
import { adapterFor, ALL_ADAPTERS, SITE_ADAPTERS } from '../../../../lib/shared/identify';
import { parseWithLinkedom, readFixture } from './fixture-pages';

const blank = () => parseWithLinkedom('<!doctype html><html><head></head><body></body></html>');

describe('adapter factory', () => {
  it.each([
    ['https://pubmed.ncbi.nlm.nih.gov/33301246/', 'pubmed'],
    ['https://www.ncbi.nlm.nih.gov/pubmed/26101853', 'pubmed'],
    ['https://pmc.ncbi.nlm.nih.gov/articles/PMC6494974/', 'pmc'],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2900000/', 'pmc'],
    ['https://europepmc.org/article/MED/30146931', 'europepmc'],
    ['https://www.biorxiv.org/content/10.1101/2021.05.03.442412v2', 'biorxiv'],
    ['https://www.medrxiv.org/content/10.1101/2020.07.31.20166223v3', 'biorxiv'],
    ['https://doi.org/10.1000/182', 'doiorg'],
    ['https://dx.doi.org/10.1000/182', 'doiorg'],
    ['https://www.sciencedirect.com/science/article/pii/S0165032720326434', 'sciencedirect'],
    [
      'https://www-sciencedirect-com.ezproxy.lib.example.edu/science/article/pii/S0165032720326434',
      'sciencedirect',
    ],
    [
      'https://www.sciencedirect.com.proxy.example.ac.uk/science/article/pii/S0165032720326434',
      'sciencedirect',
    ],
    ['https://link.springer.com/article/10.1007/s00134-019-05872-y', 'springer'],
    ['https://www.nature.com/articles/s41586-023-05678-2', 'nature'],
    ['https://bmcinfectdis.biomedcentral.com/articles/10.1186/1471-2334-14-523', 'bmc'],
    ['https://bioresourcesbioprocessing.springeropen.com/articles/10.1186/s40643-016-0099-3', 'bmc'],
    ['https://onlinelibrary.wiley.com/doi/10.1002/advs.201500314', 'wiley'],
    ['https://agupubs.onlinelibrary.wiley.com/doi/10.1029/2020GL087000', 'wiley'],
    ['https://www.tandfonline.com/doi/full/10.1080/13607863.2019.1609901', 'tandf'],
    ['https://journals.sagepub.com/doi/10.1177/1359105320975623', 'sage'],
    ['https://academic.oup.com/cid/article/72/9/1500/5900000', 'oup'],
    ['https://jamanetwork.com/journals/jama/fullarticle/2768978', 'jama'],
    ['https://www.nejm.org/doi/full/10.1056/NEJMoa1911303', 'nejm'],
    ['https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)30183-5/fulltext', 'lancet'],
    ['https://www.bmj.com/content/372/bmj.n71', 'bmj'],
    ['https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456', 'plos'],
    ['http://www.ploscompbiol.org/article/info%3Adoi%2F10.1371%2Fjournal.pcbi.1003604', 'plos'],
    ['https://www.frontiersin.org/articles/10.3389/fpsyg.2014.00781/full', 'frontiers'],
    ['https://www.mdpi.com/2072-6643/12/7/1917', 'mdpi'],
    ['https://www.cell.com/cell/fulltext/S0092-8674(20)30229-4', 'cell'],
    ['https://pubs.acs.org/doi/10.1021/jacs.1c01234', 'acs'],
    ['https://ieeexplore.ieee.org/document/7780459', 'ieee'],
    ['https://arxiv.org/abs/1706.03762', 'arxiv'],
    ['https://elifesciences.org/articles/44753', 'generic'],
    ['https://notnature.com/articles/s41586-023-05678-2', 'generic'],
    ['', 'generic'],
    ['javascript:alert(1)', 'generic'],
  ])('%s → %s', (url, name) => {
    expect(adapterFor(blank(), url).name).toBe(name);
  });

  it.each([
    ['pubmed-legacy.html', 'pubmed'],
    ['pubmed-article.html', 'pubmed'],
    ['pubmed-search.html', 'pubmed'],
    ['pmc-legacy.html', 'pmc'],
    ['sciencedirect-legacy.html', 'sciencedirect'],
    ['ieee-article.html', 'ieee'],
    ['generic-ojs.html', 'generic'],
  ])('recognises %s without an address', (file, name) => {
    expect(adapterFor(parseWithLinkedom(readFixture(file)), '').name).toBe(name);
  });

  it('has unique lowercase names and the generic adapter last', () => {
    const names = ALL_ADAPTERS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+$/);
    expect(names.at(-1)).toBe('generic');
    expect(SITE_ADAPTERS.some((a) => a.name === 'generic')).toBe(false);
  });
});

describe('what each adapter finds on its own (without the generic metadata)', () => {
  it.each([
    [
      'pubmed-article.html',
      'https://pubmed.ncbi.nlm.nih.gov/33301246/',
      { doi: '10.1056/nejmoa2034577', pmid: '33301246', pmcid: 'PMC7745181' },
    ],
    [
      'pubmed-nodoi.html',
      'https://pubmed.ncbi.nlm.nih.gov/21151640/',
      { doi: null, pmid: '21151640', pmcid: 'PMC3000000' },
    ],
    ['pubmed-legacy.html', '', { doi: '10.1111/cen.12815', pmid: '26101853' }],
    [
      'pmc-article.html',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC6494974/',
      { doi: '10.1016/s1474-4422(19)30034-1', pmid: '30871944', pmcid: 'PMC6494974' },
    ],
    [
      'europepmc-article.html',
      'https://europepmc.org/article/MED/30146931',
      { doi: '10.1093/eurheartj/ehy813', pmid: '30146931', pmcid: 'PMC6374412' },
    ],
    [
      'biorxiv-article.html',
      'https://www.biorxiv.org/content/10.1101/2021.05.03.442412v2.full',
      { doi: '10.1101/2021.05.03.442412' },
    ],
    ['arxiv-abs.html', 'https://arxiv.org/abs/1706.03762v7', { doi: '10.48550/arxiv.1706.03762' }],
    ['doiorg-landing.html', 'https://doi.org/10.1000/182', { doi: '10.1000/182' }],
    [
      'sciencedirect-article.html',
      'https://www.sciencedirect.com/science/article/pii/S0165032720326434',
      { doi: '10.1016/j.jad.2020.09.130' },
    ],
    ['sciencedirect-legacy.html', '', { doi: '10.1016/j.accreview.2006.01.042' }],
    [
      'springer-article.html',
      'https://link.springer.com/article/10.1007/s00134-019-05872-y',
      { doi: '10.1007/s00134-019-05872-y' },
    ],
    ['springer-legacy.html', 'http://www.springerlink.com/content/k123456/', { doi: '10.1007/bf00123456' }],
    [
      'nature-news.html',
      'https://www.nature.com/articles/d41586-021-01234-5',
      { doi: '10.1038/d41586-021-01234-5' },
    ],
    [
      'bmc-article.html',
      'https://bmcinfectdis.biomedcentral.com/articles/10.1186/1471-2334-14-523',
      { doi: '10.1186/1471-2334-14-523' },
    ],
    [
      'wiley-epdf.html',
      'https://onlinelibrary.wiley.com/doi/epdf/10.1002/advs.201500314',
      { doi: '10.1002/advs.201500314' },
    ],
    [
      'tandf-article.html',
      'https://www.tandfonline.com/doi/full/10.1080/13607863.2019.1609901',
      { doi: '10.1080/13607863.2019.1609901' },
    ],
    [
      'sage-article.html',
      'https://journals.sagepub.com/doi/10.1177/1359105320975623',
      { doi: '10.1177/1359105320975623' },
    ],
    ['acs-article.html', 'https://pubs.acs.org/doi/10.1021/jacs.1c01234', { doi: '10.1021/jacs.1c01234' }],
    [
      'nejm-article.html',
      'https://www.nejm.org/doi/full/10.1056/NEJMoa1911303',
      { doi: '10.1056/nejmoa1911303' },
    ],
    [
      'lancet-article.html',
      'https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)30183-5/fulltext',
      { doi: '10.1016/s0140-6736(20)30183-5' },
    ],
    [
      'cell-article.html',
      'https://www.cell.com/cell/fulltext/S0092-8674(20)30229-4',
      { doi: '10.1016/s0092-8674(20)30229-4' },
    ],
    [
      'oup-article.html',
      'https://academic.oup.com/cid/article/72/9/1500/5900000',
      { doi: '10.1093/cid/ciaa1234' },
    ],
    [
      'jama-article.html',
      'https://jamanetwork.com/journals/jama/fullarticle/2768978',
      { doi: '10.1001/jama.2020.10224' },
    ],
    ['bmj-article.html', 'https://www.bmj.com/content/372/bmj.n71', { doi: '10.1136/bmj.n71' }],
    [
      'plos-article.html',
      'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456',
      { doi: '10.1371/journal.pone.0123456' },
    ],
    [
      'frontiers-article.html',
      'https://www.frontiersin.org/journals/psychology/articles/10.3389/fpsyg.2020.01234/full',
      { doi: '10.3389/fpsyg.2020.01234' },
    ],
    ['mdpi-article.html', 'https://www.mdpi.com/2072-6643/12/7/1917', { doi: '10.3390/nu12071917' }],
    ['ieee-article.html', 'https://ieeexplore.ieee.org/document/7780459', { doi: '10.1109/cvpr.2016.90' }],
  ])('%s', (file, url, expected) => {
    const doc = parseWithLinkedom(readFixture(file));
    const adapter = adapterFor(doc, url);
    const found = adapter.identify(doc, url) ?? {};
    expect(found.doi === undefined ? undefined : (found.doi?.value ?? null)).toBe(expected.doi);
    if ('pmid' in expected) expect(found.pmid?.value).toBe(expected.pmid);
    if ('pmcid' in expected) expect(found.pmcid?.value).toBe(expected.pmcid);
  });

  it('never throws on an empty document at any address', () => {
    for (const adapter of ALL_ADAPTERS) {
      expect(() => adapter.identify(blank(), 'https://example.org/')).not.toThrow();
      expect(() => adapter.list?.(blank(), '')).not.toThrow();
    }
  });
});
