import { describe, expect, it } from 'vitest';
import {
  classifyDoi,
  doiFromUrl,
  findDoi,
  parseArticleDoi,
  parseDoi,
  toArticleDoi,
} from '../../../../lib/shared/identify/doi';
import { labelledDoiInText } from '../../../../lib/shared/identify/labelled';

describe('parseDoi: a value that should be a DOI', () => {
  it.each([
    // prefixes and resolvers
    ['doi: prefix inside a meta tag', 'doi:10.1038/nature13322', '10.1038/nature13322'],
    [
      'printed label with a space, mixed case',
      'DOI: 10.1103/PhysRevX.12.041027',
      '10.1103/physrevx.12.041027',
    ],
    ['info:doi/ URI', 'info:doi/10.1371/journal.pone.0000001', '10.1371/journal.pone.0000001'],
    ['urn:doi: URN', 'urn:doi:10.1000/182', '10.1000/182'],
    ['https resolver', 'https://doi.org/10.1093/nar/gks1195', '10.1093/nar/gks1195'],
    ['legacy dx. resolver over http', 'http://dx.doi.org/10.1136/bmj.i2607', '10.1136/bmj.i2607'],
    [
      'resolver behind a library proxy host',
      'http://dx.doi.org.ezproxy.lib.example.edu/10.1016/j.biomaterials.2004.04.011',
      '10.1016/j.biomaterials.2004.04.011',
    ],
    [
      'hyphenated proxy host',
      'https://doi-org.proxy.example.ac.uk/10.1056/NEJMoa2034577',
      '10.1056/nejmoa2034577',
    ],
    ['handle resolver', 'https://hdl.handle.net/10.1000/182', '10.1000/182'],
    ['the label repeated', 'doi: doi:10.5194/acp-15-1013-2015', '10.5194/acp-15-1013-2015'],
    // encodings
    [
      'fully percent-encoded SICI DOI',
      '10.1002/%28SICI%291097-0207%2819970615%2940%3A11%3C2019%3A%3AAID-NME155%3E3.0.CO%3B2-Z',
      '10.1002/(sici)1097-0207(19970615)40:11<2019::aid-nme155>3.0.co;2-z',
    ],
    [
      'SICI DOI with HTML entities and a trailing link parameter',
      '10.1002/(SICI)1097-4695(199705)32:5&lt;443::AID-NEU1&gt;3.0.CO;2-5&amp;link_type=DOI',
      '10.1002/(sici)1097-4695(199705)32:5<443::aid-neu1>3.0.co;2-5',
    ],
    ['JSON-escaped slash', '10.1080\\/00268976.2013.788745', '10.1080/00268976.2013.788745'],
    ['trailing left-to-right mark', '10.30466/vrf.2019.98547.2350\u200e', '10.30466/vrf.2019.98547.2350'],
    ['zero-width space inside', '10.1000/\u200Babc123', '10.1000/abc123'],
    ['surrounding whitespace', '  10.1000/xyz  ', '10.1000/xyz'],
    // suffix grammar
    [
      'balanced parentheses belong to the DOI',
      '10.1016/S0009-2614(97)04014-1',
      '10.1016/s0009-2614(97)04014-1',
    ],
    ['a colon inside the suffix', '10.1051/jphysrad:01955001606044400', '10.1051/jphysrad:01955001606044400'],
    ['zero-padded Adis suffix', '10.2165/11597620-000000000-00000', '10.2165/11597620-000000000-00000'],
    ['several slashes in the suffix', '10.1088/0026-1394/12/4/002', '10.1088/0026-1394/12/4/002'],
    ['registrant with a subdivision', '10.0001.112/journal.pone.0011021', '10.0001.112/journal.pone.0011021'],
    ['old APA double slash collapses', '10.1037//0002-9432.72.1.50', '10.1037/0002-9432.72.1.50'],
    ['DataCite arXiv DOI', '10.48550/arXiv.1706.03762', '10.48550/arxiv.1706.03762'],
    ['upper case is kept for display only', '10.7326/M20-6817', '10.7326/m20-6817'],
    // junk after the DOI
    ['query string', '10.1021/jacs.5b12392?src=recsys', '10.1021/jacs.5b12392'],
    ['fragment', '10.1080/20550308.2015.1135230#abstract', '10.1080/20550308.2015.1135230'],
    [
      'ad-server parameters after a semicolon',
      '10.1038/d41586-020-02610-z;subjmeta=479,648,706;kwrd=Publishing',
      '10.1038/d41586-020-02610-z',
    ],
    ['trailing sentence period', '10.1038/nature13322.', '10.1038/nature13322'],
  ])('%s', (_why, input, expected) => {
    expect(parseDoi(input)?.value).toBe(expected);
  });

  it.each([
    ['empty meta content', ''],
    ['only whitespace', '   '],
    ['no 10. prefix (Project Euclid)', 'ade/1391109086'],
    ['publisher id', '1135230'],
    ['OJS internal id', '10274'],
    ['bare prefix, no suffix', '10.1234'],
    ['registrant shorter than four digits', '10.12/abc'],
    ['double dot', '10..1000/journal.pone.0011111'],
    ['shortDOI form', '10/134980'],
    ['space after the slash', '10.1234/ asdf'],
    ['space inside the suffix', '10.23750/abm.v88i2 -s.6506'],
    ['en dash inside the suffix', '10.17167/mksz.2017.2.129\u2013155'],
    ['a web page that is not a resolver', 'https://hal.science/jpa-00235190'],
    ['registrant of ten digits', '10.1234567890/abc'],
    ['nothing but labels', 'doi:doi:doi:doi:doi:doi:doi:doi:'],
    ['unbalanced bracket run', '10.1234/((((((((('],
  ])('rejects %s', (_why, input) => {
    expect(parseDoi(input)).toBeNull();
  });

  it('keeps the printed case for display', () => {
    expect(parseDoi('doi:10.7554/eLife.44753')).toEqual({
      value: '10.7554/elife.44753',
      display: '10.7554/eLife.44753',
    });
  });
});

describe('findDoi and labelled DOIs in running text', () => {
  it.each([
    [
      'parenthesised DOI with its own parentheses, then a period',
      'see (doi:10.1016/S0140-6736(13)62228-X).',
      '10.1016/s0140-6736(13)62228-x',
    ],
    ['sentence end', 'See doi:10.1038/nature13322.', '10.1038/nature13322'],
    [
      'PubMed citation line',
      'Psychoneuroendocrinology. 2015 Mar 12;56:120-131. doi: 10.1016/j.psyneuen.2015.03.010. [Epub ahead of print]',
      '10.1016/j.psyneuen.2015.03.010',
    ],
    ['ScienceDirect JS variable', "SDM.doi = '10.1016/j.ympev.2014.10.009';", '10.1016/j.ympev.2014.10.009'],
    ['Atypon pbContext', 'article:article:10.1021/jo402790x;journal:journal:joceah', '10.1021/jo402790x'],
    [
      'JSON string with escaped slashes and a query',
      '"\\/doi\\/full\\/10.1080\\/00268976.2013.788745?__cf_chl_tk=abc"',
      '10.1080/00268976.2013.788745',
    ],
    ['DOI inside a closing quote', '\u201c10.1000/xyz123\u201d', '10.1000/xyz123'],
    ['skips an en-dash candidate and finds the next', 'doi 10.17167/x.2\u20133 or 10.1000/ok', '10.1000/ok'],
  ])('%s', (_why, text, expected) => {
    expect(findDoi(text)?.value).toBe(expected);
  });

  it('does not start a DOI inside a number', () => {
    expect(findDoi('version 110.1234/abc')).toBeNull();
  });

  it.each([
    ['Digital Object Identifier: 10.1109/28.793383<br>', '10.1109/28.793383'],
    ['DOI https://doi.org/10.1101/2021.05.03.442412 ', '10.1101/2021.05.03.442412'],
    ['JAMA. 2020;324(5):471-480. doi:10.1001/jama.2020.10224', '10.1001/jama.2020.10224'],
  ])('labelled: %s', (text, expected) => {
    expect(labelledDoiInText(text)?.value).toBe(expected);
  });

  it('ignores a parenthetical citation in prose', () => {
    expect(labelledDoiInText('The 2009 statement (doi:10.1136/bmj.b2535) was updated.')).toBeNull();
  });

  it('ignores an unlabelled DOI', () => {
    expect(labelledDoiInText('as shown in 10.1136/bmj.b2535 and elsewhere')).toBeNull();
  });
});

describe('DOIs derived from page addresses', () => {
  it.each([
    [
      'URL-encoded info:doi in a canonical link',
      'http://www.ploscompbiol.org/article/info%3Adoi%2F10.1371%2Fjournal.pcbi.1003604',
      '10.1371/journal.pcbi.1003604',
    ],
    [
      'encoded slash and colon in a Springer path',
      'https://link.springer.com/article/10.1023%2FB%3AMACH.0000011805.60520.fe',
      '10.1023/b:mach.0000011805.60520.fe',
    ],
    [
      '/pdf view suffix',
      'https://iopscience.iop.org/article/10.1088/0026-1394/12/4/002/pdf',
      '10.1088/0026-1394/12/4/002',
    ],
    [
      '/full view suffix',
      'https://www.frontiersin.org/journals/psychology/articles/10.3389/fpsyg.2014.00781/full',
      '10.3389/fpsyg.2014.00781',
    ],
    [
      '/abstract after the DOI',
      'http://onlinelibrary.wiley.com/doi/10.1002/advs.201500314/abstract',
      '10.1002/advs.201500314',
    ],
    [
      '/epdf before the DOI',
      'https://onlinelibrary.wiley.com/doi/epdf/10.1002/advs.201500314',
      '10.1002/advs.201500314',
    ],
    [
      'query and fragment',
      'https://pubs.acs.org/doi/10.1021/jacs.5b12392?src=recsys#',
      '10.1021/jacs.5b12392',
    ],
    [
      'id query parameter',
      'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0213978',
      '10.1371/journal.pone.0213978',
    ],
    [
      'bioRxiv view suffix after the version',
      'https://www.biorxiv.org/content/10.1101/2020.03.22.002386v3.full.pdf+html',
      '10.1101/2020.03.22.002386v3',
    ],
    [
      'Nature figure page',
      'https://www.nature.com/articles/10.1038/s41586-021-03819-2/figures/1',
      '10.1038/s41586-021-03819-2',
    ],
  ])('%s', (_why, url, expected) => {
    expect(doiFromUrl(url)?.value).toBe(expected);
  });

  it.each([
    ['no DOI in the address', 'https://www.mdpi.com/2218-1989/4/4/932'],
    ['DOI only in a search query', 'https://pubmed.ncbi.nlm.nih.gov/?term=10.1038%2Fnature13322'],
    ['not a URL', 'not a url at all'],
  ])('none when %s', (_why, url) => {
    expect(doiFromUrl(url)).toBeNull();
  });
});

describe('what a DOI names', () => {
  it.each([
    ['PLOS figure', '10.1371/journal.pone.0006256.g001', '10.1371/journal.pone.0006256'],
    ['PLOS table', '10.1371/journal.pone.0213978.t001', '10.1371/journal.pone.0213978'],
    ['PLOS supplement', '10.1371/journal.pone.0213978.s001', '10.1371/journal.pone.0213978'],
    ['eLife figure', '10.7554/eLife.44753.007', '10.7554/elife.44753'],
    ['eLife decision letter', '10.7554/eLife.44753.sa1', '10.7554/elife.44753'],
    ['PeerJ figure', '10.7717/peerj.4375/fig-1', '10.7717/peerj.4375'],
    ['PeerJ table', '10.7717/peerj.4375/table-2', '10.7717/peerj.4375'],
    ['HighWire supplement', '10.1093/aobpla/plv005/-/DC1', '10.1093/aobpla/plv005'],
    ['bioRxiv version', '10.1101/2020.03.22.002386v3', '10.1101/2020.03.22.002386'],
    ['old bioRxiv number with version', '10.1101/012345v2', '10.1101/012345'],
  ])('component: %s', (_why, doi, article) => {
    expect(parseArticleDoi(doi)?.value).toBe(article);
    expect(classifyDoi(doi).kind).toBe('component');
  });

  it.each([
    ['F1000 versioned article DOI', '10.12688/f1000research.4767.2'],
    ['Elsevier date-like suffix', '10.1016/j.envsci.2023.04.016'],
    ['JAMA year-number suffix', '10.1001/jama.2016.0287'],
    ['BMJ short id', '10.1136/bmj.a144'],
    ['Genome Research under the bioRxiv registrant', '10.1101/gr.123456.111'],
    ['OJS issue-in-suffix article', '10.5210/fm.v25i10.10274'],
  ])('article: %s', (_why, doi) => {
    expect(classifyDoi(doi).kind).toBe('article');
    expect(parseArticleDoi(doi)?.value).toBe(doi.toLowerCase());
  });

  it.each([
    ['journal ISSN-DOI', '10.1002/(ISSN)2198-3844', 'container'],
    ['Wiley issue DOI', '10.1002/advs.v3.4', 'container'],
    ['slash-mangled BMC copy from an ad URL', '10.1186/1746/6148/10/144', 'mangled'],
  ])('not an article: %s', (_why, doi, kind) => {
    expect(classifyDoi(doi).kind).toBe(kind);
    expect(toArticleDoi(parseDoi(doi))).toBeNull();
  });
});
