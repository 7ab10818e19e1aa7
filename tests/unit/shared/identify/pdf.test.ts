import { describe, expect, it } from 'vitest';
import {
  identifyPdf,
  readingOrder,
  type PdfFacts,
  type PdfPageText,
  type PdfTextItem,
} from '../../../../lib/shared/identify/pdf';

/** A line of a hand-built page: text, font size, x, baseline y (points, from the bottom). */
type Line = [text: string, size?: number, x?: number, y?: number];

const W = 612;
const H = 792;
const TITLE = 'Early mobilisation after hip fracture surgery: a randomised controlled trial';

/** Lines without a y are stacked from the top of the body, 14 points apart. */
function page(n: number, lines: Line[]): PdfPageText {
  let y = 720;
  const items: PdfTextItem[] = lines.map(([str, size = 9, x = 54, at]) => {
    const item = { str, x, y: at ?? y, width: str.length * size * 0.5, size };
    if (at === undefined) y -= 14;
    return item;
  });
  return { page: n, width: W, height: H, items };
}

/** A first page with a title block, an abstract and whatever lines the test adds. */
function firstPage(extra: Line[] = [], footer?: string): PdfPageText {
  const lines: Line[] = [
    ['Takeaway Journal of Clinical Tests | ISSN 2049-0001', 7.5, 54, 762],
    ['RESEARCH ARTICLE', 9],
    [TITLE, 18],
    ['Maria Okafor, Tomas Lindqvist', 10],
    ['Background Older adults who undergo surgery often lose mobility.', 9],
    ...extra,
  ];
  if (footer) lines.push([footer, 7.5, 54, 28]);
  return page(1, lines);
}

function facts(over: Partial<PdfFacts> = {}): PdfFacts {
  return { fingerprint: 'f00dfeed', info: {}, xmp: null, pages: [firstPage()], ...over };
}

function xmp(body: string, attrs = ''): string {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:prism="http://prismstandard.org/namespaces/basic/3.0/" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"${attrs}>
${body}
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

const doiOf = (f: PdfFacts) => {
  const p = identifyPdf(f).paper;
  return p?.doi ? { doi: p.doi.display, via: p.doi.via } : null;
};

describe('identifyPdf: XMP metadata', () => {
  it.each([
    ['prism:doi element', xmp('<prism:doi>10.5555/XMP.1</prism:doi>')],
    [
      'dc:identifier with a doi: prefix in a Bag',
      xmp('<dc:identifier><rdf:Bag><rdf:li>doi:10.5555/XMP.1</rdf:li></rdf:Bag></dc:identifier>'),
    ],
    ['pdfx:doi attribute of rdf:Description', xmp('', ' pdfx:doi="10.5555/XMP.1"')],
    ['pdfx:doi element', xmp('<pdfx:doi>10.5555/XMP.1</pdfx:doi>')],
    ['crossmark:DOI element (case-insensitive name)', xmp('<crossmark:DOI>10.5555/XMP.1</crossmark:DOI>')],
    ['prism:url on the resolver', xmp('<prism:url>https://doi.org/10.5555/XMP.1</prism:url>')],
    ['an entity-encoded value', xmp('<prism:doi>10.5555/XMP&#46;1</prism:doi>')],
  ])('%s', (_name, packet) => {
    expect(doiOf(facts({ xmp: packet }))).toEqual({ doi: '10.5555/XMP.1', via: 'xmp' });
  });

  it('reads prism:doi before dc:identifier and pdfx:doi', () => {
    const packet = xmp(
      '<dc:identifier>doi:10.5555/dc.2</dc:identifier><prism:doi>10.5555/prism.1</prism:doi>',
      ' pdfx:doi="10.5555/pdfx.3"',
    );
    expect(doiOf(facts({ xmp: packet }))?.doi).toBe('10.5555/prism.1');
  });

  it('never takes a publisher URL in prism:url for a DOI', () => {
    const packet = xmp('<prism:url>https://journals.example.org/article?id=10.5555/XMP.1</prism:url>');
    expect(doiOf(facts({ xmp: packet }))).toBeNull();
  });

  it.each([
    ['a journal ISSN-DOI', '10.5555/(ISSN)2049-0001'],
    ['a bare number', '10274'],
    ['an ISBN', 'urn:isbn:978-3-16-148410-0'],
  ])('refuses %s and falls through to the Info dictionary', (_name, value) => {
    const f = facts({ xmp: xmp(`<prism:doi>${value}</prism:doi>`), info: { doi: '10.5555/info.1' } });
    expect(doiOf(f)).toEqual({ doi: '10.5555/info.1', via: 'pdf-info' });
  });

  it('reads a labelled PMID and a PMCID from dc:identifier, never a bare number', () => {
    const labelled = xmp(
      '<dc:identifier><rdf:Bag><rdf:li>info:pmid/31000001</rdf:li><rdf:li>PMC7000001</rdf:li></rdf:Bag></dc:identifier>',
    );
    const p = identifyPdf(facts({ xmp: labelled })).paper;
    expect(p?.pmid).toMatchObject({ value: '31000001', via: 'xmp' });
    expect(p?.pmcid).toMatchObject({ value: 'PMC7000001', via: 'xmp' });
    const bare = identifyPdf(facts({ xmp: xmp('<dc:identifier>31000001</dc:identifier>') })).paper;
    expect(bare?.pmid).toBeNull();
  });

  it('survives a hostile packet: thousands of unclosed tags, a huge value', () => {
    const packet = '<prism:doi>'.repeat(50_000) + 'x'.repeat(200_000);
    expect(identifyPdf(facts({ xmp: packet })).paper?.doi).toBeNull();
  });
});

describe('identifyPdf: the Info dictionary', () => {
  it.each([
    ['a custom doi key', { doi: 'https://doi.org/10.5555/Info.1' }],
    ['a custom DOI key in capitals', { DOI: '10.5555/Info.1' }],
    ["Elsevier's WPS-ARTICLEDOI", { 'WPS-ARTICLEDOI': '10.5555/Info.1' }],
    ['a labelled DOI in the Subject', { Subject: 'Takeaway J Clin Tests 2024;7:e202. doi:10.5555/Info.1' }],
    ['a DOI entry in the Keywords', { Keywords: 'frailty; 10.5555/Info.1; cohort' }],
  ])('%s', (_name, info) => {
    expect(doiOf(facts({ info }))).toEqual({ doi: '10.5555/Info.1', via: 'pdf-info' });
  });

  it('never reads an unlabelled DOI inside prose in the Subject', () => {
    expect(doiOf(facts({ info: { Subject: 'A reanalysis of 10.5555/other.9 with new data' } }))).toBeNull();
  });

  it('reads PMID and PMCID custom keys', () => {
    const p = identifyPdf(facts({ info: { PMID: '31000001', PMCID: 'pmc7000001' } })).paper;
    expect(p?.pmid).toMatchObject({ value: '31000001', via: 'pdf-info' });
    expect(p?.pmcid).toMatchObject({ value: 'PMC7000001', via: 'pdf-info' });
  });

  it('comes after XMP and before the printed text', () => {
    const f = facts({
      xmp: xmp('<prism:doi>10.5555/xmp.1</prism:doi>'),
      info: { doi: '10.5555/info.2' },
      pages: [firstPage([], 'https://doi.org/10.5555/text.3')],
    });
    expect(doiOf(f)?.via).toBe('xmp');
    expect(doiOf({ ...f, xmp: null })?.via).toBe('pdf-info');
    expect(doiOf({ ...f, xmp: null, info: {} })).toEqual({ doi: '10.5555/text.3', via: 'pdf-text' });
  });
});

describe('identifyPdf: the printed text of the first pages', () => {
  it.each([
    [
      'a resolver link in the footer',
      [],
      'Takeaway J Clin Tests 2024;7:e303 | https://doi.org/10.5555/Text.1',
    ],
    ['a DOI: label under the byline', [['DOI: 10.5555/Text.1', 8]], undefined],
    ['a doi: label in the running header', [['doi:10.5555/Text.1', 7.5, 400, 762]], undefined],
    [
      'a label at the end of one line, the DOI on the next',
      [
        ['Digital Object Identifier:', 8],
        ['10.5555/Text.1', 8],
      ],
      undefined,
    ],
    [
      'a preprint version, kept as its unversioned DOI',
      [['doi: https://doi.org/10.1101/2024.01.02.5555555v2', 8]],
      undefined,
    ],
  ] as [string, Line[], string | undefined][])('%s', (_name, extra, footer) => {
    const expected = _name.startsWith('a preprint') ? '10.1101/2024.01.02.5555555' : '10.5555/Text.1';
    expect(doiOf(facts({ pages: [firstPage(extra, footer)] }))).toEqual({ doi: expected, via: 'pdf-text' });
  });

  it.each([
    ['an unlabelled DOI in the body', ['Earlier trials (Smith, 2016) 10.5555/cited.1 were small.', 9]],
    ['a parenthetical citation', ['Earlier trials were small (doi:10.5555/cited.1).', 9]],
    ['a journal ISSN-DOI', ['Journal DOI: 10.5555/(ISSN)2049-0001', 7.5]],
    ['a Wiley issue DOI', ['Issue doi: 10.1002/advs.v3.4', 7.5]],
    ['a cited figure DOI', ['Fig 1, from ref 2: https://doi.org/10.1371/journal.pone.0123456.g001', 7.5]],
    ['a cited supplement DOI', ['S1 Table: https://doi.org/10.1371/journal.pone.0123456.s001', 7.5]],
    ['a PeerJ figure DOI', ['Figure 2. DOI: 10.7717/peerj.1234/fig-2', 7.5]],
  ] as [string, Line][])('refuses %s', (_name, line) => {
    expect(doiOf(facts({ pages: [firstPage([line])] }))).toBeNull();
  });

  it('takes the DOI after a refused figure DOI on the same line', () => {
    const line: Line = ['Fig 1 https://doi.org/10.1371/journal.pone.0123456.g001 | doi:10.5555/own.1', 7.5];
    expect(doiOf(facts({ pages: [firstPage([line])] }))?.doi).toBe('10.5555/own.1');
  });

  it('takes the footer DOI after every trap in reading order', () => {
    const traps: Line[] = [
      ['Journal DOI: 10.5555/(ISSN)2049-0001', 7.5],
      ['Earlier trials were small (doi:10.5555/cited.1).', 9],
      ['Fig 1: https://doi.org/10.1371/journal.pone.0123456.g001', 7.5],
    ];
    const f = facts({ pages: [firstPage(traps, 'https://doi.org/10.5555/own.2')] });
    expect(doiOf(f)).toEqual({ doi: '10.5555/own.2', via: 'pdf-text' });
  });

  it('stops at a References heading: no DOI from the reference list', () => {
    const refs: Line[] = [
      ['References', 11],
      ['1. Adams R. Hip fracture care. Injury Prev. 2019;12:101. doi:10.5555/cited.1', 8],
      ['2. Chen L. Mortality after surgery. https://doi.org/10.5555/cited.2', 8],
    ];
    expect(doiOf(facts({ pages: [firstPage(refs)] }))).toBeNull();
    const page2 = page(2, [
      ['Bibliography', 11],
      ['DOI: 10.5555/cited.3', 8],
    ]);
    expect(doiOf(facts({ pages: [firstPage(), page2] }))).toBeNull();
  });

  it('refuses a printed DOI that the reference list cites (a commentary on another paper)', () => {
    const p1 = firstPage([['Comment on: doi:10.5555/cited.1', 9]]);
    const last = page(8, [
      ['References', 11],
      ['1. Adams R. The trial. 2019. doi:10.5555/cited.1', 8],
    ]);
    expect(doiOf(facts({ pages: [p1, last] }))).toBeNull();
    expect(doiOf(facts({ pages: [p1] }))?.doi).toBe('10.5555/cited.1');
  });

  it('keeps its own DOI when a running footer repeats it on the reference pages', () => {
    const footer = 'Takeaway J Clin Tests | https://doi.org/10.5555/own.1';
    const last = page(8, [
      ['References', 11],
      ['1. Adams R. The trial. 2019. doi:10.5555/cited.1', 8],
      [footer, 7.5, 54, 28],
    ]);
    expect(doiOf(facts({ pages: [firstPage([], footer), last] }))?.doi).toBe('10.5555/own.1');
  });

  it('reads only the first three pages for the own DOI, never the last', () => {
    const pages = [
      firstPage(),
      page(2, [['x', 9]]),
      page(3, [['y', 9]]),
      page(9, [['DOI: 10.5555/late.1', 8]]),
    ];
    expect(doiOf(facts({ pages }))).toBeNull();
    pages[2] = page(3, [['DOI: 10.5555/third.1', 8]]);
    expect(doiOf(facts({ pages }))?.doi).toBe('10.5555/third.1');
  });

  it('keeps a parenthetical DOI when its lines cite the paper itself', () => {
    const cite: Line[] = [
      [`Cite this article: Okafor M, et al. ${TITLE}.`, 8],
      ['Takeaway J Clin Tests. 2024;7:e101 (doi:10.5555/self.1)', 8],
    ];
    expect(doiOf(facts({ pages: [firstPage(cite)] }))).toEqual({ doi: '10.5555/self.1', via: 'pdf-text' });
  });

  it('reads a labelled PMID and PMCID, never a parenthetical one or one after the references', () => {
    const printed = firstPage([['Takeaway J Clin Tests 2024. PMID: 31000001 PMCID: PMC7000001', 8]]);
    const p = identifyPdf(facts({ pages: [printed] })).paper;
    expect(p?.pmid).toMatchObject({ value: '31000001', via: 'pdf-text' });
    expect(p?.pmcid).toMatchObject({ value: 'PMC7000001', via: 'pdf-text' });
    expect(p?.doi).toBeNull();

    const cited = firstPage([['Earlier work (PMID: 30000011) and [PMCID: PMC6000001].', 9]]);
    expect(identifyPdf(facts({ pages: [cited] })).paper?.pmid).toBeNull();
    expect(identifyPdf(facts({ pages: [cited] })).paper?.pmcid).toBeNull();
    const refs = firstPage([
      ['References', 11],
      ['1. Adams R. 2019. PMID: 30000011', 8],
    ]);
    expect(identifyPdf(facts({ pages: [refs] })).paper?.pmid).toBeNull();
  });
});

describe('identifyPdf: the title', () => {
  const otherTitle = 'Oral anticoagulation in older adults with atrial fibrillation';

  it('takes XMP dc:title, then the Info Title, when printed on the first page', () => {
    const both = facts({
      xmp: xmp(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${TITLE}</rdf:li></rdf:Alt></dc:title>`),
      info: { Title: `${TITLE} (accepted manuscript)` },
    });
    expect(identifyPdf(both).paper?.title).toMatchObject({ display: TITLE, via: 'xmp' });
    expect(identifyPdf({ ...both, xmp: null }).paper?.title?.via).toBe('pdf-info');
  });

  it.each([
    'Microsoft Word - hip_trial_final_v3.docx',
    'Word - draft',
    'untitled',
    'Untitled-2',
    'Document1',
    'Layout 1',
    'hip_trial_v3',
    'manuscript.pdf',
    'Title of the article',
    'PII: S0140-6736(20)30183-5',
    '10.5555/takeaway.1',
    'RESEARCH ARTICLE',
  ])('ignores the placeholder Info Title %j and falls back to the largest text', (junk) => {
    expect(identifyPdf(facts({ info: { Title: junk } })).paper?.title).toMatchObject({
      display: TITLE,
      via: 'pdf-largest-text',
    });
  });

  it("ignores a metadata title that is not on the first page (a template's stale title)", () => {
    expect(identifyPdf(facts({ info: { Title: otherTitle } })).paper?.title?.via).toBe('pdf-largest-text');
  });

  it('trusts the metadata title of a PDF without text (a scan)', () => {
    const scan = facts({ info: { Title: otherTitle }, pages: [page(1, [])] });
    expect(identifyPdf(scan).paper?.title).toMatchObject({ display: otherTitle, via: 'pdf-info' });
  });

  it('joins a title printed over several lines, outside the header band and past a large label', () => {
    const p = page(1, [
      ['THE TAKEAWAY JOURNAL', 30, 54, 770],
      ['Original article', 22],
      ['Vitamin D supplementation and fracture', 20],
      ['risk in community-', 20],
      ['dwelling adults', 20],
      ['Maria Okafor', 10],
      ['A smaller line', 20, 54, 300],
    ]);
    expect(identifyPdf(facts({ pages: [p] })).paper?.title).toMatchObject({
      display: 'Vitamin D supplementation and fracture risk in community-dwelling adults',
      via: 'pdf-largest-text',
    });
  });
});

describe('readingOrder', () => {
  it('reads a title block, then the left column, then the right column, then the footer', () => {
    const p = page(1, [
      ['Header band', 7.5, 54, 762],
      ['A full-width title over both columns of the page', 18, 54, 700],
      ['Right column first line', 9, 315, 650],
      ['Left column first line', 9, 54, 650],
      ['Left column second line', 9, 54, 636],
      ['Right column second line', 9, 315, 636],
      ['Footer line', 7.5, 54, 28],
    ]);
    expect(readingOrder(p).map((l) => l.text)).toEqual([
      'Header band',
      'A full-width title over both columns of the page',
      'Left column first line',
      'Left column second line',
      'Right column first line',
      'Right column second line',
      'Footer line',
    ]);
    expect(readingOrder(p).map((l) => l.band)).toEqual([true, false, false, false, false, false, true]);
  });

  it('joins the runs of one line, with a space only at a gap', () => {
    const p: PdfPageText = {
      page: 1,
      width: W,
      height: H,
      items: [
        { str: 'https://doi.org/', x: 54, y: 400, width: 60, size: 8 },
        { str: '10.5555/split.1', x: 114, y: 400, width: 60, size: 8 },
        { str: 'Open', x: 180, y: 400.5, width: 20, size: 8 },
      ],
    };
    expect(readingOrder(p).map((l) => l.text)).toEqual(['https://doi.org/10.5555/split.1 Open']);
  });
});

describe('identifyPdf: the fingerprint and robustness', () => {
  it('returns the fingerprint, also when nothing identifies the paper', () => {
    const r = identifyPdf(facts({ pages: [page(1, [['tiny', 9]])] }));
    expect(r).toEqual({ paper: null, list: [], fingerprint: 'f00dfeed' });
    expect(identifyPdf(facts({ fingerprint: '' })).fingerprint).toBeNull();
  });

  it('marks the paper as identified by the pdf adapter', () => {
    expect(identifyPdf(facts()).paper?.adapter).toBe('pdf');
  });

  it.each([
    ['null facts', null],
    ['pages that are not arrays', { fingerprint: 'x', info: null, xmp: 42, pages: 'nope' }],
    [
      'items with missing and non-finite fields',
      {
        fingerprint: 'x',
        info: { Title: 7 },
        xmp: null,
        pages: [{ page: 1, width: NaN, height: 0, items: [null, { str: 5 }, { str: 'a', x: NaN }] }],
      },
    ],
  ])('never throws on %s', (_name, input) => {
    expect(() => identifyPdf(input as unknown as PdfFacts)).not.toThrow();
  });
});
