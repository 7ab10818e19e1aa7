/**
 * Exports of the library for use elsewhere: Markdown for Obsidian and other note apps, CSV for
 * spreadsheets, RIS for reference managers (Zotero, EndNote), and W3C Web Annotation JSON-LD for
 * highlights. Pure functions of the library; the page turns the result into a download.
 */
import { zipSync, strToU8 } from 'fflate';
import { stringify } from 'yaml';
import type { Highlight } from '../db';
import { paperTitle, type Library, type LibraryPaper } from './model';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`;
}

/** The address a paper is best cited by: its DOI, else its PubMed or PMC page, else where it was read. */
export function paperUrl(lp: LibraryPaper): string | undefined {
  const p = lp.paper;
  if (p.doi) return doiUrl(p.doi);
  if (p.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(p.pmid)}/`;
  if (p.pmcid) return `https://pmc.ncbi.nlm.nih.gov/articles/${encodeURIComponent(p.pmcid)}/`;
  return p.urls.at(-1);
}

// ---------------------------------------------------------------------------------------------
// Markdown (one file per paper, YAML front matter), zipped

/** A file name every common file system accepts, from the title. */
export function fileNameFor(lp: LibraryPaper, taken: Set<string>): string {
  const base =
    paperTitle(lp.paper)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .slice(0, 80)
      .trim()
      .replace(/ /g, '-') || `paper-${lp.paper.id}`;
  let name = `${base}.md`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-${i}.md`;
  taken.add(name.toLowerCase());
  return name;
}

export function markdownFor(lp: LibraryPaper): string {
  const p = lp.paper;
  const front: Record<string, unknown> = { title: paperTitle(p) };
  if (p.doi) front.doi = p.doi;
  if (p.pmid) front.pmid = p.pmid;
  if (p.pmcid) front.pmcid = p.pmcid;
  if (p.journal) front.journal = p.journal;
  const url = paperUrl(lp);
  if (url) front.url = url;
  if (lp.summary) {
    front.evidence_level = lp.summary.level;
    front.study_type = lp.summary.studyType;
    front.takeaway = lp.summary.takeaway;
    if (lp.summary.concepts.length) front.concepts = lp.summary.concepts;
  }
  if (lp.tags.length) front.tags = lp.tags;
  front.created = iso(p.createdAt);
  front.updated = iso(lp.lastActivity || p.updatedAt);
  const out: string[] = [
    `---\n${stringify(front, { lineWidth: 0 }).trimEnd()}\n---`,
    '',
    `# ${paperTitle(p)}`,
    '',
  ];
  if (lp.summary)
    out.push(
      `> **Takeaway** (level ${lp.summary.level}/5, ${lp.summary.studyType}): ${lp.summary.takeaway}`,
      '',
    );
  if (lp.notes.length) {
    out.push('## Notes', '');
    for (const n of lp.notes) {
      out.push(n.body.trim());
      if (n.tags.length) out.push('', n.tags.map((t) => `#${t.replace(/\s+/g, '-')}`).join(' '));
      out.push('');
    }
  }
  if (lp.highlights.length) {
    out.push('## Highlights', '');
    for (const h of lp.highlights) {
      out.push(...h.quote.exact.split('\n').map((l) => `> ${l}`));
      if (h.page !== undefined) out.push('', `*PDF, page ${h.page}*`);
      if (h.comment) out.push('', h.comment.trim());
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A zip of one Markdown file per paper, ready to drop into an Obsidian vault. */
export function markdownZip(lib: Library): Uint8Array {
  const taken = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  for (const lp of lib.papers) files[`takeaway/${fileNameFor(lp, taken)}`] = strToU8(markdownFor(lp));
  return zipSync(files, { level: 6 });
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180), one row per note and per highlight

export const CSV_COLUMNS = [
  'kind',
  'title',
  'doi',
  'pmid',
  'pmcid',
  'journal',
  'text',
  'comment',
  'tags',
  'color',
  'evidence_level',
  'study_type',
  'takeaway',
  'created',
  'updated',
  /** The PDF page of a highlight made in the PDF viewer; empty otherwise. */
  'page',
] as const;

/**
 * A cell a spreadsheet would run as a formula (=, +, @, a tab or return, or a minus that is not a
 * list bullet) gets a leading apostrophe: a highlight copied from a page must not become code in
 * the reader's spreadsheet (OWASP "CSV injection").
 */
export function csvCell(v: string): string {
  const safe = /^[=+@\t\r]/.test(v) || /^-[^\s-]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(lib: Library): string {
  const lines = [CSV_COLUMNS.join(',')];
  const row = (lp: LibraryPaper, r: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) => {
    const p = lp.paper;
    const full: Record<(typeof CSV_COLUMNS)[number], string> = {
      kind: '',
      title: paperTitle(p),
      doi: p.doi ?? '',
      pmid: p.pmid ?? '',
      pmcid: p.pmcid ?? '',
      journal: p.journal ?? '',
      text: '',
      comment: '',
      tags: '',
      color: '',
      evidence_level: lp.summary ? String(lp.summary.level) : '',
      study_type: lp.summary?.studyType ?? '',
      takeaway: lp.summary?.takeaway ?? '',
      created: '',
      updated: '',
      page: '',
      ...r,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(full[c])).join(','));
  };
  for (const lp of lib.papers) {
    for (const n of lp.notes)
      row(lp, {
        kind: 'note',
        text: n.body,
        tags: n.tags.join('; '),
        created: iso(n.createdAt),
        updated: iso(n.updatedAt),
      });
    for (const h of lp.highlights)
      row(lp, {
        kind: 'highlight',
        text: h.quote.exact,
        comment: h.comment ?? '',
        color: h.color,
        page: h.page !== undefined ? String(h.page) : '',
        created: iso(h.createdAt),
        updated: iso(h.updatedAt),
      });
  }
  // CRLF as RFC 4180 says; a byte-order mark so that Excel reads the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// RIS with notes (Zotero imports N1 as child notes and KW as tags)

/** RIS values are one line each: line breaks inside a value become spaces. */
function risValue(v: string): string {
  return v
    .replace(/\r\n?|\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function risNote(text: string): string {
  // Zotero reads N1 as HTML when it looks like HTML; plain paragraphs are separated by <br/>, and
  // any markup the reader typed is escaped so that it reads as text.
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .trim()
    .split(/\r\n?|\n/)
    .join('<br/>');
}

export function toRis(lib: Library): string {
  const out: string[] = [];
  const tag = (t: string, v: string) => {
    const value = t === 'N1' ? risNote(v) : risValue(v);
    if (value) out.push(`${t}  - ${value}`);
  };
  for (const lp of lib.papers) {
    const p = lp.paper;
    out.push('TY  - JOUR');
    tag('TI', paperTitle(p));
    if (p.journal) tag('T2', p.journal);
    if (p.doi) tag('DO', p.doi);
    if (p.pmid) tag('AN', `PMID: ${p.pmid}`);
    if (p.pmcid) tag('C2', p.pmcid);
    const url = paperUrl(lp);
    if (url) tag('UR', url);
    for (const t of lp.tags) tag('KW', t);
    if (lp.summary)
      tag(
        'N1',
        `Takeaway (evidence level ${lp.summary.level}/5, ${lp.summary.studyType}): ${lp.summary.takeaway}`,
      );
    for (const n of lp.notes) if (n.body.trim()) tag('N1', n.body);
    for (const h of lp.highlights) tag('N1', highlightNote(h));
    out.push('ER  - ', '');
  }
  return out.join('\r\n');
}

function highlightNote(h: Highlight): string {
  const where = h.page !== undefined ? ` (PDF, page ${h.page})` : '';
  return `Highlight${where}: “${h.quote.exact}”${h.comment ? `\n${h.comment}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation (JSON-LD) for highlights

const COLOR_CSS: Record<Highlight['color'], string> = {
  yellow: '#fff59d',
  green: '#c5e1a5',
  blue: '#90caf9',
  pink: '#f8bbd0',
};

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body?: { type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' };
  target: {
    source: string;
    styleClass: string;
    selector: (Highlight['quote'] | NonNullable<Highlight['position']> | PdfPageSelector)[];
  };
}

/** The page of a PDF highlight, as a fragment of the PDF (RFC 8118 `page=`); its position is in that page's text. */
export interface PdfPageSelector {
  type: 'FragmentSelector';
  conformsTo: 'http://tools.ietf.org/rfc/rfc8118';
  value: string;
}

export interface AnnotationCollection {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  stylesheet: { type: 'CssStylesheet'; value: string };
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

export function annotationFor(h: Highlight, lp: LibraryPaper): WebAnnotation {
  const selector: WebAnnotation['target']['selector'] = [h.quote];
  if (h.position) selector.push(h.position);
  if (h.page !== undefined)
    selector.push({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc8118',
      value: `page=${h.page}`,
    });
  const a: WebAnnotation = {
    id: `urn:uuid:${h.id}`,
    type: 'Annotation',
    motivation: h.comment ? 'commenting' : 'highlighting',
    created: iso(h.createdAt),
    modified: iso(h.updatedAt),
    target: {
      source: h.url || paperUrl(lp) || `urn:takeaway:paper:${lp.paper.id}`,
      styleClass: `tw-${h.color}`,
      selector,
    },
  };
  if (h.comment)
    a.body = { type: 'TextualBody', value: h.comment, format: 'text/plain', purpose: 'commenting' };
  return a;
}

export function toWebAnnotations(lib: Library, now = Date.now()): AnnotationCollection {
  const items: WebAnnotation[] = [];
  for (const lp of lib.papers) for (const h of lp.highlights) items.push(annotationFor(h, lp));
  const id = `urn:takeaway:highlights:${now}`;
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'AnnotationCollection',
    label: 'Takeaway highlights',
    total: items.length,
    stylesheet: {
      type: 'CssStylesheet',
      value: Object.entries(COLOR_CSS)
        .map(([c, v]) => `.tw-${c} { background-color: ${v}; }`)
        .join(' '),
    },
    first: { id: `${id}:page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
