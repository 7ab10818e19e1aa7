import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../lib/extension/db';
import { highlightsOfPaper, saveHighlight } from '../../../../lib/extension/db/highlights';
import { notesOfPaper, saveNote } from '../../../../lib/extension/db/notes';
import { findPaper, paperKeys, upsertPaper } from '../../../../lib/extension/db/papers';
import { isSighting } from '../../../../lib/shared/checks';
import { frameParams, parseFrameParams } from '../../../../lib/shared/frame-params';
import { belongs, strongestFirst } from '../../../../lib/shared/model';

const fresh = () => openDatabase(`pdf-papers-${crypto.randomUUID()}`);
const FP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_FP = 'ffeeddccbbaa99887766554433221100';
const TITLE = 'Handwashing reminders in outpatient clinics: a pilot before-and-after study';
const quote = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' });

describe('a PDF fingerprint as one more key of the paper', () => {
  it('is a `pdf:` key after the identifiers and before the title', () => {
    expect(paperKeys({ doi: '10.5555/X', title: TITLE, fingerprint: FP.toUpperCase() })).toEqual([
      'doi:10.5555/x',
      `pdf:${FP}`,
      `title:${TITLE.toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()}`,
    ]);
    expect(paperKeys({ fingerprint: FP })).toEqual([`pdf:${FP}`]);
    expect(strongestFirst(['title:a b c d', `pdf:${FP}`, 'pmid:1'])).toEqual([
      'pmid:1',
      `pdf:${FP}`,
      'title:a b c d',
    ]);
  });

  it('knows the same file again without a DOI: one paper, its note and highlight', async () => {
    const db = fresh();
    await saveNote(db, { fingerprint: FP }, 'aaaaaaaa-1', 'Read as a PDF');
    // Opened again: now with the title read from its largest text.
    const again = await findPaper(db, { fingerprint: FP, title: TITLE });
    expect(again).toBeDefined();
    await saveHighlight(
      db,
      { fingerprint: FP, title: TITLE },
      { id: 'bbbbbbbb-1', quote: quote('pilot'), color: 'yellow', page: 1 },
      `urn:x-pdf:${FP}`,
    );
    expect(await db.papers.count()).toBe(1);
    expect((await notesOfPaper(db, again!.id)).map((n) => n.body)).toEqual(['Read as a PDF']);
    expect((await highlightsOfPaper(db, again!.id))[0]?.page).toBe(1);
  });

  it('joins a paper seen on PubMed by PMID when its PDF gives the DOI and the PMID', async () => {
    const db = fresh();
    await saveNote(
      db,
      { pmid: '31000001', url: 'https://pubmed.ncbi.nlm.nih.gov/31000001/' },
      'aaaaaaaa-2',
      'On PubMed',
    );
    const p = await upsertPaper(db, { doi: '10.5555/takeaway.pmid', pmid: '31000001', fingerprint: FP });
    expect(await db.papers.count()).toBe(1);
    expect(p.keys).toEqual(
      expect.arrayContaining(['pmid:31000001', 'doi:10.5555/takeaway.pmid', `pdf:${FP}`]),
    );
    // The article page with only the DOI finds it, and so does the file alone.
    expect((await findPaper(db, { doi: '10.5555/takeaway.pmid' }))?.id).toBe(p.id);
    expect((await findPaper(db, { fingerprint: FP }))?.id).toBe(p.id);
  });

  it('is not a strong key: a fingerprint shared by files with different DOIs does not merge them', async () => {
    const db = fresh();
    // A producer that writes one fixed /ID into every file.
    const a = await upsertPaper(db, { doi: '10.5555/one', fingerprint: FP });
    const b = await upsertPaper(db, { doi: '10.5555/two', fingerprint: FP });
    expect(a.id).not.toBe(b.id);
    expect(await db.papers.count()).toBe(2);
    expect(belongs({ keys: ['doi:10.5555/one', `pdf:${FP}`] }, ['doi:10.5555/two', `pdf:${FP}`])).toBe(false);
    // Two files of one paper (preprint, journal PDF): different fingerprints never conflict.
    const c = await upsertPaper(db, { doi: '10.5555/one', fingerprint: OTHER_FP });
    expect(c.id).toBe(a.id);
    expect(c.keys).toEqual(expect.arrayContaining([`pdf:${FP}`, `pdf:${OTHER_FP}`]));
  });

  it('crosses to the note frame and is checked like the other fields', () => {
    const s = { doi: '10.5555/x', fingerprint: FP };
    expect(parseFrameParams(frameParams(s))).toEqual(s);
    expect(isSighting({ fingerprint: FP })).toBe(true);
    expect(isSighting({ fingerprint: 'not hex at all, no' })).toBe(false);
    expect(isSighting({ fingerprint: 'ab' })).toBe(false);
    expect(isSighting({ fingerprint: 'a'.repeat(65) })).toBe(false);
  });

  it('keeps a PDF highlight’s page and place when it is re-saved from a web page', async () => {
    const db = fresh();
    const s = { doi: '10.5555/x', fingerprint: FP };
    const pos = { type: 'TextPositionSelector' as const, start: 10, end: 15 };
    await saveHighlight(
      db,
      s,
      { id: 'cccccccc-1', quote: quote('pilot'), position: pos, color: 'green', page: 2 },
      'urn:x',
    );
    const h = await saveHighlight(
      db,
      { doi: '10.5555/x' },
      { id: 'cccccccc-1', quote: quote('pilot'), position: { ...pos, start: 900, end: 905 }, color: 'green' },
      'https://example.org/',
    );
    expect(h.page).toBe(2);
    expect(h.position).toEqual(pos);
    await expect(
      saveHighlight(db, s, { id: 'cccccccc-2', quote: quote('x'), color: 'green', page: 0 }, 'urn:x'),
    ).rejects.toThrow(/page/);
  });
});
