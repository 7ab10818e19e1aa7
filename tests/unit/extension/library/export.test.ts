import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../../lib/extension/library/model';
import {
  CSV_COLUMNS,
  csvCell,
  markdownZip,
  toCsv,
  toRis,
  toWebAnnotations,
  type AnnotationCollection,
} from '../../../../lib/extension/library/export';
import { readRis } from './ris-reader';
import { NOW, smallLibrary } from './fixtures';

function lib() {
  const s = smallLibrary();
  // A note with everything that breaks naive writers: quotes, commas, new lines, a formula, markup.
  s.notes.push({
    id: 'aaaaaaaa-0009',
    paperId: 2,
    body: '=HYPERLINK("https://evil.example","x"), then\n"quoted", <b>bold</b> & more',
    tags: ['tricky, tag'],
    createdAt: NOW,
    updatedAt: NOW,
  });
  return buildLibrary(s);
}

/** The W3C Web Annotation data model, as far as a consumer relies on it. */
function checkAnnotationCollection(c: unknown): string[] {
  const errors: string[] = [];
  const isIso = (v: unknown) =>
    typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v);
  const col = c as AnnotationCollection;
  if (col['@context'] !== 'http://www.w3.org/ns/anno.jsonld') errors.push('@context');
  if (col.type !== 'AnnotationCollection') errors.push('collection type');
  if (col.first?.type !== 'AnnotationPage' || !Array.isArray(col.first.items)) errors.push('first page');
  if (col.total !== col.first.items.length) errors.push('total');
  for (const [i, a] of col.first.items.entries()) {
    const at = `items[${i}]`;
    if (typeof a.id !== 'string' || !/^[a-z][a-z0-9+.-]*:/.test(a.id)) errors.push(`${at}.id is not an IRI`);
    if (a.type !== 'Annotation') errors.push(`${at}.type`);
    if (!['highlighting', 'commenting'].includes(a.motivation)) errors.push(`${at}.motivation`);
    if (!isIso(a.created) || !isIso(a.modified)) errors.push(`${at} dates`);
    if (a.body !== undefined && (a.body.type !== 'TextualBody' || typeof a.body.value !== 'string'))
      errors.push(`${at}.body`);
    if (a.motivation === 'commenting' && !a.body) errors.push(`${at} comment without body`);
    if (typeof a.target?.source !== 'string' || !/^(https:|urn:)/.test(a.target.source))
      errors.push(`${at}.target.source`);
    const sels = a.target?.selector ?? [];
    if (!sels.some((s) => s.type === 'TextQuoteSelector')) errors.push(`${at} has no TextQuoteSelector`);
    for (const s of sels) {
      if (s.type === 'TextQuoteSelector' && (typeof s.exact !== 'string' || !s.exact))
        errors.push(`${at} quote`);
      if (s.type === 'TextPositionSelector' && !(Number.isInteger(s.start) && s.end > s.start))
        errors.push(`${at} position`);
    }
  }
  return errors;
}

describe('exports, each read back by a parser', () => {
  it('CSV parses back (papaparse) to the same notes and highlights, with formulas defused', () => {
    const l = lib();
    const csv = toCsv(l);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(l.noteCount + l.highlightCount);
    const tricky = parsed.data.find((r) => r.text?.includes('HYPERLINK'));
    expect(tricky?.text).toBe(`'=HYPERLINK("https://evil.example","x"), then\n"quoted", <b>bold</b> & more`);
    expect(tricky?.tags).toBe('tricky, tag');
    const hl = parsed.data.find((r) => r.kind === 'highlight' && r.color === 'green');
    expect(hl?.text).toBe('supervised resistance training improved gait speed');
    expect(hl?.comment).toBe('Useful for the rehab talk');
    const n1 = parsed.data.find((r) => r.text?.startsWith('Hypocalcaemia'));
    expect(n1).toMatchObject({
      kind: 'note',
      doi: '10.1000/p1',
      pmid: '1001',
      evidence_level: '2',
      tags: 'oncology; safety',
    });
    expect(csvCell('- a bullet')).toBe('- a bullet');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('RIS parses back (strict reader): one record per paper, identifiers, tags and notes', () => {
    const l = lib();
    const records = readRis(toRis(l));
    expect(records).toHaveLength(l.papers.length);
    const r1 = records.find((r) => r.DO?.[0] === '10.1000/p1')!;
    expect(r1.TY).toEqual(['JOUR']);
    expect(r1.TI).toEqual(['Denosumab versus zoledronic acid for bone metastasis']);
    expect(r1.T2).toEqual(['Lancet Oncology']);
    expect(r1.AN).toEqual(['PMID: 1001']);
    expect(r1.UR).toEqual(['https://doi.org/10.1000/p1']);
    expect(r1.KW).toEqual(['oncology', 'safety']);
    expect(r1.N1?.[0]).toMatch(/^Takeaway \(evidence level 2\/5/);
    expect(r1.N1).toContain('Skeletal-related events delayed by about 8 months.');
    expect(r1.N1?.some((n) => n.includes('osteonecrosis of the jaw'))).toBe(true);
    const r2 = records.find((r) => r.DO?.[0] === '10.1000/p2')!;
    // Line breaks inside a note stay inside its one N1 line; markup is escaped.
    const tricky = r2.N1!.find((n) => n.includes('HYPERLINK'))!;
    expect(tricky).toContain('<br/>');
    expect(tricky).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; more');
    const r4 = records.find((r) => r.AN?.[0] === 'PMID: 4004')!;
    expect(r4.UR).toEqual(['https://pubmed.ncbi.nlm.nih.gov/4004/']);
  });

  it('Web Annotation JSON-LD has the shape of the W3C model, selectors included', () => {
    const l = lib();
    const c = JSON.parse(JSON.stringify(toWebAnnotations(l, NOW))) as AnnotationCollection;
    expect(checkAnnotationCollection(c)).toEqual([]);
    expect(c.total).toBe(2);
    const green = c.first.items.find((a) => a.target.styleClass === 'tw-green')!;
    expect(green.motivation).toBe('commenting');
    expect(green.body?.value).toBe('Useful for the rehab talk');
    expect(green.target.selector).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'supervised resistance training improved gait speed',
        prefix: 'We found that ',
        suffix: ' at 12 weeks',
      },
      { type: 'TextPositionSelector', start: 120, end: 171 },
    ]);
    expect(green.id).toBe('urn:uuid:bbbbbbbb-0001');
    // The checker catches a broken annotation.
    green.target.selector = [];
    expect(checkAnnotationCollection(c)).not.toEqual([]);
  });

  it('Markdown zip has one file per paper with YAML front matter that parses back', () => {
    const l = lib();
    const files = unzipSync(markdownZip(l));
    const names = Object.keys(files);
    expect(names).toHaveLength(l.papers.length);
    expect(names.every((n) => /^takeaway\/[\p{L}\p{N}-]+\.md$/u.test(n))).toBe(true);
    const md = strFromU8(files['takeaway/Denosumab-versus-zoledronic-acid-for-bone-metastasis.md']!);
    const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
    expect(m).not.toBeNull();
    const front = parseYaml(m![1]!) as Record<string, unknown>;
    expect(front).toMatchObject({
      title: 'Denosumab versus zoledronic acid for bone metastasis',
      doi: '10.1000/p1',
      pmid: '1001',
      evidence_level: 2,
      tags: ['oncology', 'safety'],
      concepts: ['bone metastasis', 'denosumab'],
    });
    expect(md).toContain('## Notes');
    expect(md).toContain('Hypocalcaemia was more common');
    expect(md).toContain('> osteonecrosis of the jaw');
    const tricky = strFromU8(
      files['takeaway/Vitamin-D-supplementation-and-fracture-risk-a-meta-analysis.md']!,
    );
    const front2 = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(tricky)![1]!) as Record<string, unknown>;
    expect(front2.tags).toEqual(['journal club', 'tricky, tag']);
  });
});
