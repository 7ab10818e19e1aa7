import { describe, expect, it } from 'vitest';
import { createBackup, importBackup, parseBackup } from '../../../../lib/extension/backup';
import { openDatabase } from '../../../../lib/extension/db';
import { highlightsOfPaper, saveHighlight } from '../../../../lib/extension/db/highlights';
import { saveNote } from '../../../../lib/extension/db/notes';
import { findPaper, upsertPaper } from '../../../../lib/extension/db/papers';
import { markdownFor, toCsv, toRis, toWebAnnotations } from '../../../../lib/extension/library/export';
import {
  copiesOf,
  forgetCopy,
  getCopy,
  keepCopy,
  keptHref,
  keptUsage,
} from '../../../../lib/extension/pdf/kept';
import { buildLibrary } from '../../../../lib/extension/library/model';

const fresh = () => openDatabase(`kept-${crypto.randomUUID()}`);
const FP = '0123456789abcdef0123456789abcdef';
const S = {
  doi: '10.5555/takeaway.xmp.2024.101',
  title: 'Early mobilisation after hip fracture surgery',
  fingerprint: FP,
};
const BYTES = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);

async function withPdfHighlight() {
  const db = fresh();
  await saveNote(db, S, 'aaaaaaaa-1', 'A note on the PDF');
  await saveHighlight(
    db,
    S,
    {
      id: 'bbbbbbbb-1',
      quote: { type: 'TextQuoteSelector', exact: 'safe and feasible', prefix: 'was ', suffix: '.' },
      position: { type: 'TextPositionSelector', start: 20, end: 37 },
      color: 'green',
      page: 1,
    },
    `urn:x-pdf:${FP}`,
  );
  return db;
}

describe('kept PDF copies', () => {
  it('are stored only when kept, found from the paper’s keys, counted, and deleted on request', async () => {
    const db = await withPdfHighlight();
    const paper = (await findPaper(db, S))!;
    expect(await copiesOf(db, paper)).toEqual([]);
    expect(await keptUsage(db)).toEqual({ count: 0, bytes: 0 });
    await keepCopy(db, { fingerprint: FP.toUpperCase(), name: 'paper.pdf', bytes: BYTES }, 5);
    expect(await copiesOf(db, paper)).toEqual([{ id: FP, name: 'paper.pdf', size: BYTES.length, keptAt: 5 }]);
    expect(await keptUsage(db)).toEqual({ count: 1, bytes: BYTES.length });
    expect((await getCopy(db, FP))?.bytes).toEqual(BYTES);
    expect(await getCopy(db, 'not-a-fingerprint')).toBeUndefined();
    expect(keptHref(FP)).toBe(`pdf.html?kept=${FP}`);
    // A paper merged with another record keeps its file.
    const merged = await upsertPaper(db, { doi: S.doi, pmid: '31000009' });
    expect((await copiesOf(db, merged)).map((c) => c.id)).toEqual([FP]);
    await forgetCopy(db, FP);
    expect(await keptUsage(db)).toEqual({ count: 0, bytes: 0 });
    await expect(keepCopy(db, { fingerprint: 'xyz', name: 'a.pdf', bytes: BYTES })).rejects.toThrow(
      /fingerprint/,
    );
  });

  it('are in a backup only when asked, and come back from it; the highlight keeps its page and the paper its pdf: key', async () => {
    const db = await withPdfHighlight();
    await keepCopy(db, { fingerprint: FP, name: 'paper.pdf', bytes: BYTES }, 5);

    const plain = await parseBackup(await createBackup(db));
    if (!plain.ok) throw new Error(plain.error);
    expect(plain.backup.data.pdfCopies).toBeUndefined();
    expect(plain.backup.data.highlights[0]?.page).toBe(1);
    expect(plain.backup.data.papers[0]?.keys).toContain(`pdf:${FP}`);

    const text = await createBackup(db, Date.now(), { pdfs: true });
    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.backup.counts.pdfCopies).toBe(1);

    const other = fresh();
    const report = await importBackup(other, parsed.backup, 'merge');
    expect(report.added.pdfCopies).toBe(1);
    expect((await getCopy(other, FP))?.bytes).toEqual(BYTES);
    const paper = (await findPaper(other, { fingerprint: FP }))!;
    expect(paper).toBeDefined();
    expect((await highlightsOfPaper(other, paper.id))[0]?.page).toBe(1);

    // A backup without the files replaces the rest and leaves the kept copies alone.
    await importBackup(other, plain.backup, 'replace');
    expect(await getCopy(other, FP)).toBeDefined();
  });

  it('refuses a backup whose kept PDF is not what the format says', async () => {
    const db = await withPdfHighlight();
    await keepCopy(db, { fingerprint: FP, name: 'paper.pdf', bytes: BYTES }, 5);
    const file = JSON.parse(await createBackup(db, Date.now(), { pdfs: true }));
    file.data.pdfCopies[0].base64 = 'not base64!';
    const text = JSON.stringify(file.data);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    file.checksum = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const r = await parseBackup(JSON.stringify(file));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/pdfCopies\[0\]\.base64/);
  });

  it('are listed in the exports with their page', async () => {
    const db = await withPdfHighlight();
    const lib = buildLibrary({
      papers: await db.papers.toArray(),
      notes: await db.notes.toArray(),
      highlights: await db.highlights.toArray(),
      summaries: [],
    });
    const lp = lib.papers[0]!;
    expect(markdownFor(lp)).toContain('*PDF, page 1*');
    expect(toCsv(lib)).toMatch(/highlight,.*,1\r\n/);
    expect(toRis(lib)).toContain('Highlight (PDF, page 1): “safe and feasible”');
    const a = toWebAnnotations(lib).first.items[0]!;
    expect(a.target.source).toBe(`urn:x-pdf:${FP}`);
    expect(a.target.selector).toContainEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc8118',
      value: 'page=1',
    });
  });
});
