/**
 * `npm run fixtures:pdf`: writes the PDF fixtures in tests/fixtures/pdf/ with a minimal PDF writer
 * of our own (no PDF library), so every byte of them is ours and reproducible.
 *
 * The papers are fictional. Each file carries the traps identification must resist: a journal DOI
 * in the running header, a cited paper's DOI in parentheses, a cited paper's figure and supplement
 * DOIs in a caption, and a reference list full of other papers' DOIs and PMIDs. The output is
 * deterministic: fixed /ID (so pdf.js's fingerprint is fixed), fixed dates, no clock, no random.
 *
 * `buildFixtures()` is also what the fixture test compares the committed files with.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const FIXTURE_DIR = 'tests/fixtures/pdf';

// ---------------------------------------------------------------------------------------------
// The writer: objects, streams, a classic xref table and a trailer with /ID.

type Font = 'F1' | 'F2';

interface Draw {
  x: number;
  y: number;
  size: number;
  font: Font;
  text: string;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  gray: number;
}

interface PageSpec {
  draws: Draw[];
  rects: Rect[];
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 54;
const GUTTER = 18;
const COL_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2;
const LEFT_X = MARGIN;
const RIGHT_X = MARGIN + COL_W + GUTTER;
const FULL_W = PAGE_W - 2 * MARGIN;
/** Running header and footer baselines: inside the top and bottom 6% of the page. */
const HEADER_Y = PAGE_H - 30;
const FOOTER_Y = 28;
const BODY_TOP = PAGE_H - MARGIN - 10;
const BODY_BOTTOM = MARGIN + 10;

/** Text for a PDF literal string: ASCII only (WinAnsi), with `\`, `(` and `)` escaped. */
function pdfString(s: string): string {
  if (/[^\x20-\x7e]/.test(s)) throw new Error(`non-ASCII text in a fixture: ${JSON.stringify(s)}`);
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function contentStream(page: PageSpec): string {
  const out: string[] = [];
  for (const r of page.rects) {
    out.push(`${num(r.gray)} g ${num(r.x)} ${num(r.y)} ${num(r.w)} ${num(r.h)} re f 0 g`);
  }
  for (const d of page.draws) {
    out.push(`BT /${d.font} ${num(d.size)} Tf 1 0 0 1 ${num(d.x)} ${num(d.y)} Tm ${pdfString(d.text)} Tj ET`);
  }
  return out.join('\n') + '\n';
}

class PdfWriter {
  private readonly bodies: (Buffer | null)[] = [];

  /** Reserves an object number, for objects that refer to each other. */
  reserve(): number {
    this.bodies.push(null);
    return this.bodies.length;
  }

  set(ref: number, body: string | Buffer): void {
    this.bodies[ref - 1] = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  }

  add(body: string | Buffer): number {
    const ref = this.reserve();
    this.set(ref, body);
    return ref;
  }

  addStream(dict: string, data: Buffer): number {
    return this.add(
      Buffer.concat([
        Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  }

  finish(root: number, info: number | null, id: string): Buffer {
    // The binary comment on line 2 tells transfer tools the file is binary (PDF 32000-1, 7.5.2).
    const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0]!.length;
    const offsets: number[] = [];
    this.bodies.forEach((body, i) => {
      if (!body) throw new Error(`object ${i + 1} was reserved but never written`);
      const obj = Buffer.concat([
        Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
        body,
        Buffer.from('\nendobj\n', 'latin1'),
      ]);
      offsets.push(offset);
      chunks.push(obj);
      offset += obj.length;
    });
    const size = this.bodies.length + 1;
    // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space, LF.
    const xref =
      `xref\n0 ${size}\n0000000000 65535 f \n` +
      offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    const trailer =
      `trailer\n<< /Size ${size} /Root ${root} 0 R${info ? ` /Info ${info} 0 R` : ''}` +
      ` /ID [<${id}> <${id}>] >>\nstartxref\n${offset}\n%%EOF\n`;
    chunks.push(Buffer.from(xref + trailer, 'latin1'));
    return Buffer.concat(chunks);
  }
}

interface DocSpec {
  /** Seeds the fixed /ID, so each fixture has its own stable fingerprint. */
  name: string;
  info: Record<string, string> | null;
  xmp: string | null;
  pages: PageSpec[];
}

function writePdf(doc: DocSpec): Buffer {
  const w = new PdfWriter();
  const catalog = w.reserve();
  const pagesRef = w.reserve();
  const f1 = w.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const f2 = w.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of doc.pages) {
    const content = w.addStream('', Buffer.from(contentStream(page), 'latin1'));
    kids.push(
      w.add(
        `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}]` +
          ` /Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  w.set(
    pagesRef,
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`,
  );
  const metadata = doc.xmp
    ? w.addStream('/Type /Metadata /Subtype /XML', Buffer.from(doc.xmp, 'utf8'))
    : null;
  w.set(
    catalog,
    `<< /Type /Catalog /Pages ${pagesRef} 0 R${metadata ? ` /Metadata ${metadata} 0 R` : ''} >>`,
  );
  const info = doc.info
    ? w.add(
        `<< ${Object.entries(doc.info)
          .map(([k, v]) => `/${k} ${pdfString(v)}`)
          .join(' ')} >>`,
      )
    : null;
  const id = createHash('md5').update(`takeaway-fixture:${doc.name}`).digest('hex');
  return w.finish(catalog, info, id);
}

// ---------------------------------------------------------------------------------------------
// Layout: a header band, a full-width title block, two columns, a footer band.

/** Helvetica advance widths in 1/1000 em, by character class: close enough to wrap lines. */
function approxWidth(s: string, size: number, bold: boolean): number {
  let units = 0;
  for (const c of s) {
    if (c === ' ') units += 278;
    else if (/[ilI.,:;'|!()[\]/-]/.test(c)) units += 280;
    else if (/[mwMW]/.test(c)) units += 860;
    else if (/[A-Z]/.test(c)) units += 690;
    else if (/[0-9]/.test(c)) units += 556;
    else units += 540;
  }
  return ((bold ? units * 1.06 : units) * size) / 1000;
}

function wrap(text: string, width: number, size: number, bold: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && approxWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

class Page implements PageSpec {
  draws: Draw[] = [];
  rects: Rect[] = [];

  text(x: number, y: number, size: number, text: string, font: Font = 'F1'): void {
    this.draws.push({ x, y, size, font, text });
  }

  /** Draws a wrapped paragraph from baseline `y` down; returns the baseline after it. */
  para(
    x: number,
    y: number,
    width: number,
    size: number,
    text: string,
    font: Font = 'F1',
    gap = 0.5,
  ): number {
    const lead = size * 1.3;
    for (const line of wrap(text, width, size, font === 'F2')) {
      if (y < BODY_BOTTOM) throw new Error(`fixture text runs off the page: ${line}`);
      this.text(x, y, size, line, font);
      y -= lead;
    }
    return y - size * gap;
  }
}

interface Section {
  heading: string;
  paragraphs: string[];
}

interface PaperSpec {
  name: string;
  title: string;
  authors: string;
  affiliation: string;
  /** Running header (top band). */
  header: string;
  /** Running footer (bottom band) of page 1. */
  footer: string;
  /** A line printed under the affiliation, e.g. the citation with its PMID. */
  citationLine?: string;
  abstract: { background: string; methods: string; results: string; conclusions: string };
  /** Right column of page 1. */
  intro: Section;
  /** A figure with its caption under the introduction. */
  figureCaption?: string;
  /** Extra body pages between page 1 and the references (long.pdf). */
  bodyPages?: number;
  /** Reference list on the last page (single column). */
  references: string[];
  info: Record<string, string> | null;
  xmp: string | null;
}

/** The running header and footer every page carries. */
function bands(page: Page, spec: PaperSpec, n: number, footer: string): void {
  page.text(MARGIN, HEADER_Y, 7.5, spec.header);
  page.text(PAGE_W - MARGIN - 30, HEADER_Y, 7.5, `Page ${n}`);
  page.text(MARGIN, FOOTER_Y, 7.5, footer);
}

function firstPage(spec: PaperSpec): Page {
  const p = new Page();
  bands(p, spec, 1, spec.footer);
  let y = BODY_TOP;
  p.text(MARGIN, y, 9, 'RESEARCH ARTICLE', 'F2');
  y -= 30;
  y = p.para(MARGIN, y, FULL_W, 20, spec.title, 'F2', 0.2);
  y = p.para(MARGIN, y - 4, FULL_W, 10.5, spec.authors);
  y = p.para(MARGIN, y, FULL_W, 8, spec.affiliation);
  if (spec.citationLine) y = p.para(MARGIN, y, FULL_W, 8, spec.citationLine);
  const top = y - 10;

  let left = p.para(LEFT_X, top, COL_W, 11, 'Abstract', 'F2', 0.1);
  const parts: [string, string][] = [
    ['Background', spec.abstract.background],
    ['Methods', spec.abstract.methods],
    ['Results', spec.abstract.results],
    ['Conclusions', spec.abstract.conclusions],
  ];
  for (const [label, text] of parts) {
    left = p.para(LEFT_X, left, COL_W, 9, label, 'F2', 0);
    left = p.para(LEFT_X, left, COL_W, 9, text);
  }

  let right = p.para(RIGHT_X, top, COL_W, 11, spec.intro.heading, 'F2', 0.1);
  for (const para of spec.intro.paragraphs) right = p.para(RIGHT_X, right, COL_W, 9, para);
  if (spec.figureCaption) {
    const h = 90;
    p.rects.push({ x: RIGHT_X, y: right - h, w: COL_W, h, gray: 0.85 });
    right = p.para(RIGHT_X, right - h - 12, COL_W, 7.5, spec.figureCaption);
  }
  return p;
}

const FILLER = [
  'Participants were followed at the outpatient clinic every six months, and outcomes were',
  'recorded by assessors who did not know the allocation. Missing visits were rare and were',
  'handled by multiple imputation under a missing-at-random assumption, checked in a',
  'sensitivity analysis that assumed worse outcomes for those lost to follow-up.',
].join(' ');

function bodyPage(spec: PaperSpec, n: number): Page {
  const p = new Page();
  bands(p, spec, n, `${spec.header} - continued`);
  let left = p.para(LEFT_X, BODY_TOP, COL_W, 11, `Section ${n - 1}: follow-up year ${n - 1}`, 'F2', 0.1);
  let right = BODY_TOP;
  for (let i = 0; i < 4; i++) left = p.para(LEFT_X, left, COL_W, 9, `${FILLER} (page ${n} left ${i + 1})`);
  for (let i = 0; i < 4; i++)
    right = p.para(RIGHT_X, right, COL_W, 9, `${FILLER} (page ${n} right ${i + 1})`);
  return p;
}

function referencesPage(spec: PaperSpec, n: number): Page {
  const p = new Page();
  bands(p, spec, n, `${spec.header} - references`);
  let y = p.para(MARGIN, BODY_TOP, FULL_W, 11, 'Acknowledgements', 'F2', 0.1);
  y = p.para(
    MARGIN,
    y,
    FULL_W,
    9,
    'We thank the participants and the clinic staff. The funder had no role in the study.',
  );
  y = p.para(MARGIN, y - 6, FULL_W, 12, 'References', 'F2', 0.2);
  spec.references.forEach((ref, i) => {
    y = p.para(MARGIN, y, FULL_W, 8, `${i + 1}. ${ref}`, 'F1', 0.3);
  });
  return p;
}

function paper(spec: PaperSpec): DocSpec {
  const pages: PageSpec[] = [firstPage(spec)];
  for (let i = 0; i < (spec.bodyPages ?? 0); i++) pages.push(bodyPage(spec, pages.length + 1));
  pages.push(referencesPage(spec, pages.length + 1));
  return { name: spec.name, info: spec.info, xmp: spec.xmp, pages };
}

// ---------------------------------------------------------------------------------------------
// The papers (fictional) and their traps.

/** A journal-level DOI in the running header: never the article's. */
const HEADER = 'Takeaway Journal of Clinical Tests | ISSN 2049-0001 | journal doi: 10.5555/(ISSN)2049-0001';

/** Other papers: their DOIs appear only as citations. */
const REFERENCES = [
  'Adams R, Baker T. Hip fracture care pathways in Europe. Injury Prev Stud. 2019;12:101-9. doi:10.5555/cited.2019.0001. PMID: 30000011',
  'Chen L, Dubois M, Ekwueme O. Mortality after surgery in older adults: a cohort study. Clin Ageing. 2020;8:44-52. https://doi.org/10.5555/cited.2020.0002',
  'Fischer K. Early mobilisation protocols: a scoping review. Rehab Res. 2021;3:e17. DOI: 10.5555/cited.2021.0003',
  'Garcia P, Hansen J. Statistical methods for cluster trials. Stat Med Test. 2018;37:2001-15. doi:10.5555/cited.2018.0004. PMID: 30000014',
  'Ibrahim S, Jones W, Kowalski A. Outcome measures in geriatric trials. J Test Geriatr. 2017;5:9-18. https://doi.org/10.5555/cited.2017.0005',
];

const ABSTRACT = {
  background:
    'Older adults who undergo surgery often lose mobility. Whether structured early mobilisation changes short-term outcomes is uncertain.',
  methods:
    'We randomly assigned 412 patients aged 65 years or older to mobilisation within 24 hours or usual care, and followed them for 30 days.',
  results:
    'Mortality at 30 days was 6.1% with early mobilisation and 9.8% with usual care (risk ratio 0.62, 95% CI 0.33 to 1.17). Falls did not differ.',
  conclusions:
    'Early mobilisation was safe and feasible. The trial was not powered for mortality and the estimate is imprecise.',
};

/** Body text with a cited paper's DOI in parentheses: a citation, never the article's DOI. */
const INTRO: Section = {
  heading: 'Introduction',
  paragraphs: [
    'Loss of mobility after surgery is common in older adults and predicts institutional care. Earlier trials were small and used different definitions of mobilisation (doi:10.5555/cited.2016.0006).',
    'Guidelines recommend getting patients out of bed on the first day, but adherence varies widely between hospitals, and the evidence behind the recommendation is mostly observational.',
  ],
};

/** A cited paper's figure and supplement DOIs: component DOIs, never the article's. */
const CAPTION =
  'Fig 1. Enrolment and follow-up, adapted from ref 2: https://doi.org/10.1371/journal.pone.0123456.g001 (data in S1 Table, https://doi.org/10.1371/journal.pone.0123456.s001).';

const AUTHORS = 'Maria Okafor, Tomas Lindqvist, Priya Raman, Jonas Weber';
const AFFILIATION = 'Department of Clinical Tests, Example University Hospital, Exampletown';
const CREATED = 'D:20240301090000Z';
const PRODUCER = 'Takeaway fixture writer';
const XMP_DATE = '2024-03-01T09:00:00Z';

function xmpPacket(fields: string, attributes = ''): string {
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:prism="http://prismstandard.org/namespaces/basic/3.0/"',
    '    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    `    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"${attributes}>`,
    fields,
    `   <xmp:CreateDate>${XMP_DATE}</xmp:CreateDate>`,
    `   <pdf:Producer>${PRODUCER}</pdf:Producer>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function dcTitle(title: string): string {
  return `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(title)}</rdf:li></rdf:Alt></dc:title>`;
}

const base = {
  authors: AUTHORS,
  affiliation: AFFILIATION,
  header: HEADER,
  abstract: ABSTRACT,
  intro: INTRO,
  figureCaption: CAPTION,
  references: REFERENCES,
};

/** What each fixture is expected to yield; the fixture test reads this table. */
export interface FixtureExpectation {
  file: string;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  title: string;
  doiVia: string | null;
  titleVia: string;
  pages: number;
}

interface Fixture {
  expect: FixtureExpectation;
  doc: DocSpec;
}

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  const add = (expect: Omit<FixtureExpectation, 'pages'>, doc: DocSpec): void => {
    out.push({ expect: { ...expect, pages: doc.pages.length }, doc });
  };

  // DOI in XMP (prism:doi, dc:identifier, prism:url); the Info title is a word processor's junk.
  {
    const title =
      'Early mobilisation after hip fracture surgery and 30-day mortality: a randomised controlled trial';
    const doi = '10.5555/takeaway.xmp.2024.101';
    add(
      { file: 'with-xmp.pdf', doi, pmid: null, pmcid: null, title, doiVia: 'xmp', titleVia: 'xmp' },
      paper({
        ...base,
        name: 'with-xmp',
        title,
        footer: `Takeaway J Clin Tests 2024;7:e101 | https://doi.org/${doi} | Open access`,
        info: {
          Title: 'Microsoft Word - hip_trial_final_v3.docx',
          Author: AUTHORS,
          Creator: 'Microsoft Word',
          Producer: PRODUCER,
          CreationDate: CREATED,
          ModDate: CREATED,
        },
        xmp: xmpPacket(
          [
            dcTitle(title),
            `   <dc:creator><rdf:Seq><rdf:li>Maria Okafor</rdf:li><rdf:li>Tomas Lindqvist</rdf:li></rdf:Seq></dc:creator>`,
            `   <dc:identifier>doi:${doi}</dc:identifier>`,
            `   <prism:doi>${doi}</prism:doi>`,
            `   <prism:url>https://doi.org/${doi}</prism:url>`,
          ].join('\n'),
        ),
      }),
    );
  }

  // DOI only in the Info dictionary's Subject (as publishers print the citation there).
  {
    const title = 'Oral anticoagulation in older adults with atrial fibrillation and frailty: a cohort study';
    const doi = '10.5555/takeaway.info.2024.202';
    add(
      {
        file: 'info-only.pdf',
        doi,
        pmid: null,
        pmcid: null,
        title,
        doiVia: 'pdf-info',
        titleVia: 'pdf-info',
      },
      paper({
        ...base,
        name: 'info-only',
        title,
        footer: 'Takeaway J Clin Tests 2024;7:e202 | Open access under CC BY 4.0',
        info: {
          Title: title,
          Author: AUTHORS,
          Subject: `Takeaway J Clin Tests 2024;7:e202. doi:${doi}`,
          Keywords: 'atrial fibrillation; frailty; anticoagulation',
          Producer: PRODUCER,
          CreationDate: CREATED,
        },
        xmp: null,
      }),
    );
  }

  // DOI only printed in page 1's footer, after every trap in reading order; junk Info title.
  {
    const title =
      'Vitamin D supplementation and fracture risk in community-dwelling adults: a systematic review';
    const doi = '10.5555/takeaway.text.2024.303';
    add(
      {
        file: 'text-only.pdf',
        doi,
        pmid: null,
        pmcid: null,
        title,
        doiVia: 'pdf-text',
        titleVia: 'pdf-largest-text',
      },
      paper({
        ...base,
        name: 'text-only',
        title,
        footer: `Takeaway J Clin Tests 2024;7:e303 | https://doi.org/${doi}`,
        info: { Title: 'untitled', Producer: PRODUCER, CreationDate: CREATED },
        xmp: null,
      }),
    );
  }

  // No identifier anywhere: the title comes from the largest text, the file from its fingerprint.
  {
    const title = 'Handwashing reminders in outpatient clinics: a pilot before-and-after study';
    add(
      {
        file: 'no-doi.pdf',
        doi: null,
        pmid: null,
        pmcid: null,
        title,
        doiVia: null,
        titleVia: 'pdf-largest-text',
      },
      paper({
        ...base,
        name: 'no-doi',
        title,
        footer: 'Preprint - not peer reviewed',
        info: { Producer: PRODUCER, CreationDate: CREATED },
        xmp: null,
      }),
    );
  }

  // PMID and PMCID printed with their labels under the byline; no DOI of its own.
  {
    const title = 'Low-dose aspirin for primary prevention in adults over seventy: a secondary analysis';
    add(
      {
        file: 'pmid-text.pdf',
        doi: null,
        pmid: '31000001',
        pmcid: 'PMC7000001',
        title,
        doiVia: null,
        titleVia: 'pdf-info',
      },
      paper({
        ...base,
        name: 'pmid-text',
        title,
        citationLine: 'Takeaway J Clin Tests 2024;7:e404. PMID: 31000001 PMCID: PMC7000001',
        footer: 'Author manuscript',
        info: { Title: title, Author: AUTHORS, Producer: PRODUCER, CreationDate: CREATED },
        xmp: null,
      }),
    );
  }

  // Only other papers' DOIs (cited in the text, the caption and the reference list): no DOI.
  {
    const title = 'Screening for depression in primary care: a narrative review of recent trials';
    add(
      {
        file: 'references-only.pdf',
        doi: null,
        pmid: null,
        pmcid: null,
        title,
        doiVia: null,
        titleVia: 'pdf-largest-text',
      },
      paper({
        ...base,
        name: 'references-only',
        title,
        footer: 'Takeaway J Clin Tests 2024;7:e505',
        info: { Title: 'layout 1', Producer: PRODUCER, CreationDate: CREATED },
        xmp: null,
      }),
    );
  }

  // Twelve pages for the viewer; DOI in XMP as a pdfx:doi attribute, title in dc:title.
  {
    const title =
      'Long-term outcomes of bariatric surgery in adolescents: twelve-year follow-up of a prospective cohort';
    const doi = '10.5555/takeaway.long.2024.606';
    add(
      { file: 'long.pdf', doi, pmid: null, pmcid: null, title, doiVia: 'xmp', titleVia: 'xmp' },
      paper({
        ...base,
        name: 'long',
        title,
        footer: `Takeaway J Clin Tests 2024;7:e606 | https://doi.org/${doi}`,
        bodyPages: 10,
        info: { Title: title, Author: AUTHORS, Producer: PRODUCER, CreationDate: CREATED },
        xmp: xmpPacket(dcTitle(title), ` pdfx:doi="${doi}"`),
      }),
    );
  }
  return out;
}

/**
 * long.pdf with `bodyPages` pages between page 1 and the references, for the benchmarks (a 50-page
 * paper: 48). Not a committed fixture.
 */
export function longPaperPdf(bodyPages: number): Buffer {
  const title =
    'Long-term outcomes of bariatric surgery in adolescents: twelve-year follow-up of a prospective cohort';
  const doi = '10.5555/takeaway.long.2024.606';
  return writePdf(
    paper({
      ...base,
      name: 'long',
      title,
      footer: `Takeaway J Clin Tests 2024;7:e606 | https://doi.org/${doi}`,
      bodyPages,
      info: { Title: title, Author: AUTHORS, Producer: PRODUCER, CreationDate: CREATED },
      xmp: xmpPacket(dcTitle(title), ` pdfx:doi="${doi}"`),
    }),
  );
}

export function buildFixtures(): { expect: FixtureExpectation; bytes: Buffer }[] {
  return fixtures().map((f) => ({ expect: f.expect, bytes: writePdf(f.doc) }));
}

function main(): void {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const f of buildFixtures()) {
    writeFileSync(join(FIXTURE_DIR, f.expect.file), f.bytes);
    console.log(`${join(FIXTURE_DIR, f.expect.file)}: ${f.bytes.length} bytes, ${f.expect.pages} pages`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
