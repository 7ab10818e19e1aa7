import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../lib/extension/db';
import { highlightsOf, saveHighlight } from '../../../../lib/extension/db/highlights';
import { allTags, normaliseTags, notesOfPaper, saveNote } from '../../../../lib/extension/db/notes';
import { findPaper, upsertPaper } from '../../../../lib/extension/db/papers';
import { belongs } from '../../../../lib/shared/model';
import { MAX_COMMENT, MAX_NOTE, MAX_QUOTE } from '../../../../lib/shared/limits';

const fresh = () => openDatabase(`papers-${crypto.randomUUID()}`);
const quote = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' });

describe('one paper, many identifiers', () => {
  it('finds the paper noted by PMID when the publisher page gives only its DOI, once PubMed linked them', async () => {
    const db = fresh();
    await saveNote(
      db,
      { pmid: '41800001', doi: '10.1136/BMJ-2025-081234', url: 'https://pubmed.ncbi.nlm.nih.gov/41800001/' },
      'aaaaaaaa-1',
      'On PubMed',
    );
    const byDoi = await findPaper(db, { doi: '10.1136/bmj-2025-081234' });
    const byPmcid = await upsertPaper(db, {
      pmcid: 'PMC12345678',
      pmid: '41800001',
      url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC12345678/',
    });
    expect(byDoi?.id).toBe(byPmcid.id);
    expect(byPmcid.keys).toEqual(
      expect.arrayContaining(['doi:10.1136/bmj-2025-081234', 'pmid:41800001', 'pmcid:PMC12345678']),
    );
    expect(byPmcid.urls).toHaveLength(2);
    expect(await db.papers.count()).toBe(1);
  });

  it('merges two known records when a page shows they are one paper: notes folded, highlights moved, nothing lost', async () => {
    const db = fresh();
    await saveNote(db, { doi: '10.1000/x' }, 'aaaaaaaa-1', 'From the publisher page', ['rct']);
    await saveNote(db, { pmid: '77' }, 'aaaaaaaa-2', 'From PubMed', ['cardiology']);
    await saveHighlight(
      db,
      { pmid: '77' },
      { id: 'bbbbbbbb-1', quote: quote('mortality'), color: 'green' },
      'https://pubmed.ncbi.nlm.nih.gov/77/',
    );
    await saveHighlight(
      db,
      { doi: '10.1000/x' },
      { id: 'bbbbbbbb-2', quote: quote('primary outcome'), color: 'yellow' },
      'https://www.bmj.com/x',
    );
    expect(await db.papers.count()).toBe(2);

    const merged = await upsertPaper(db, { doi: '10.1000/x', pmid: '77' });
    expect(await db.papers.count()).toBe(1);
    const notes = await notesOfPaper(db, merged.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.id).toBe('aaaaaaaa-1');
    expect(notes[0]?.body).toContain('From the publisher page');
    expect(notes[0]?.body).toContain('From PubMed');
    expect(notes[0]?.tags).toEqual(['rct', 'cardiology']);
    // The folded note is kept in the trash, pointing where its text went (undo).
    const folded = await db.notes.get('aaaaaaaa-2');
    expect(folded).toMatchObject({ paperId: merged.id, mergedInto: 'aaaaaaaa-1', body: 'From PubMed' });
    expect(folded?.deletedAt).toBeTypeOf('number');
    expect((await highlightsOf(db, { pmid: '77' })).map((h) => h.id).sort()).toEqual([
      'bbbbbbbb-1',
      'bbbbbbbb-2',
    ]);
  });

  it('brings a folded note back if an editor still open on it saves again', async () => {
    const db = fresh();
    await saveNote(db, { doi: '10.1000/x' }, 'aaaaaaaa-1', 'A');
    await saveNote(db, { pmid: '77' }, 'aaaaaaaa-2', 'B');
    await upsertPaper(db, { doi: '10.1000/x', pmid: '77' });
    await saveNote(db, { pmid: '77' }, 'aaaaaaaa-2', 'B, and more typed meanwhile');
    const paper = await findPaper(db, { pmid: '77' });
    const bodies = (await notesOfPaper(db, paper!.id)).map((n) => n.body);
    expect(bodies).toEqual(['A\n\nB', 'B, and more typed meanwhile']);
  });

  it('never loses a note body, whatever order papers are seen and linked in (property)', async () => {
    const idArb = fc.record({
      doi: fc.option(fc.constantFrom('10.1/a', '10.1/b'), { nil: undefined }),
      pmid: fc.option(fc.constantFrom('1', '2', '3'), { nil: undefined }),
      pmcid: fc.option(fc.constantFrom('PMC1', 'PMC2'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(idArb, { minLength: 1, maxLength: 8 }), async (sightings) => {
        const db = fresh();
        const written: string[] = [];
        let i = 0;
        for (const s of sightings) {
          if (!s.doi && !s.pmid && !s.pmcid) continue;
          const body = `note-${i++}`;
          await saveNote(db, s, crypto.randomUUID(), body);
          written.push(body);
        }
        const live = (await db.notes.toArray())
          .filter((n) => n.deletedAt === undefined)
          .map((n) => n.body)
          .join('\n');
        for (const b of written) expect(live).toContain(b);
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});

describe('tags', () => {
  it('normalises: trims, drops a leading #, folds case duplicates', () => {
    expect(normaliseTags([' RCT ', '#rct', 'heart  failure', '', 'Heart failure'])).toEqual([
      'RCT',
      'heart failure',
    ]);
  });

  it('offers the tags already used, most used first', async () => {
    const db = fresh();
    await saveNote(db, { pmid: '1' }, 'aaaaaaaa-1', 'a', ['rct', 'cardiology']);
    await saveNote(db, { pmid: '2' }, 'aaaaaaaa-2', 'b', ['cardiology']);
    await saveNote(db, { pmid: '3' }, 'aaaaaaaa-3', 'c', ['trashed']);
    expect(await allTags(db)).toEqual(['cardiology', 'rct', 'trashed']);
  });

  it('keeps the tags when only the text is saved', async () => {
    const db = fresh();
    await saveNote(db, { pmid: '1' }, 'aaaaaaaa-1', 'a', ['rct']);
    await saveNote(db, { pmid: '1' }, 'aaaaaaaa-1', 'a and b');
    expect((await db.notes.get('aaaaaaaa-1'))?.tags).toEqual(['rct']);
  });
});

describe('visiting a page of a known paper', () => {
  it('merges the records the page links and remembers the address, without creating unknown papers', async () => {
    const db = fresh();
    const { recordSighting } = await import('../../../../lib/extension/db/papers');
    expect(await recordSighting(db, { doi: '10.1/never-noted', url: 'https://x/' })).toBeUndefined();
    expect(await db.papers.count()).toBe(0);
    await saveNote(db, { doi: '10.1/a' }, 'aaaaaaaa-1', 'on the DOI');
    await saveNote(db, { pmid: '9' }, 'aaaaaaaa-2', 'on the PMID');
    const p = await recordSighting(db, {
      doi: '10.1/a',
      pmid: '9',
      url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC9/',
    });
    expect(await db.papers.count()).toBe(1);
    expect(p?.urls).toContain('https://pmc.ncbi.nlm.nih.gov/articles/PMC9/');
    expect((await notesOfPaper(db, p!.id)).map((n) => n.body)).toEqual(['on the DOI\n\non the PMID']);
    // Seen again at the same address: nothing to write.
    const before = (await db.papers.get(p!.id))?.updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    await recordSighting(db, {
      doi: '10.1/a',
      pmid: '9',
      url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC9/',
    });
    expect((await db.papers.get(p!.id))?.updatedAt).toBe(before);
  });
});

describe('a paper matched by several of its keys at once', () => {
  it('is not merged into itself: two notes of one paper stay two notes', async () => {
    const db = fresh();
    await saveNote(db, { doi: '10.1/a', pmid: '9' }, 'aaaaaaaa-1', 'first');
    await saveNote(db, { doi: '10.1/a', pmid: '9' }, 'aaaaaaaa-2', 'second');
    await saveNote(db, { doi: '10.1/a', pmid: '9' }, 'aaaaaaaa-1', 'first, edited');
    const p = await findPaper(db, { pmid: '9' });
    expect((await notesOfPaper(db, p!.id)).map((n) => n.body)).toEqual(['first, edited', 'second']);
    expect(await db.papers.count()).toBe(1);
  });
});

describe('papers that only share a title', () => {
  const title = 'Early mobilisation after hip fracture surgery: a randomised trial';

  it('are one paper when nothing contradicts it', async () => {
    const db = fresh();
    await saveNote(db, { pmid: '1', title }, 'aaaaaaaa-1', 'on PubMed');
    expect((await findPaper(db, { doi: '10.1/x', title }))?.id).toBeDefined();
  });

  it('stay two papers when their DOIs differ, and keep their own notes', async () => {
    const db = fresh();
    await saveNote(db, { doi: '10.1/article', title }, 'aaaaaaaa-1', 'the article');
    expect(await findPaper(db, { doi: '10.1/comment', title })).toBeUndefined();
    await saveNote(db, { doi: '10.1/comment', title }, 'aaaaaaaa-2', 'the comment');
    expect(await db.papers.count()).toBe(2);
    const a = await findPaper(db, { doi: '10.1/article' });
    expect((await notesOfPaper(db, a!.id)).map((n) => n.body)).toEqual(['the article']);
    // A page giving only the title cannot tell them apart: it finds one of them, merging nothing.
    await upsertPaper(db, { title });
    expect(await db.papers.count()).toBe(2);
  });

  it('belong together when a strong identifier is shared, whatever else differs', () => {
    expect(belongs({ keys: ['doi:10.1/a', 'pmid:1'] }, ['doi:10.1/a', 'pmid:2'])).toBe(true);
    expect(belongs({ keys: ['pmid:1', 'title:x y z w'] }, ['pmid:2', 'title:x y z w'])).toBe(false);
  });
});

describe('limits held by the write functions themselves', () => {
  it('refuses a note beyond MAX_NOTE whole, keeping what was saved before', async () => {
    const db = fresh();
    const s = { doi: '10.1/limits' };
    await saveNote(db, s, '00000000-0000-4000-8000-000000000001', 'kept');
    await expect(
      saveNote(db, s, '00000000-0000-4000-8000-000000000001', 'x'.repeat(MAX_NOTE + 1)),
    ).rejects.toThrow(/at most 1,000,000 characters/);
    expect((await db.notes.get('00000000-0000-4000-8000-000000000001'))?.body).toBe('kept');
  });

  it('refuses a highlight whose quote, colour or comment is out of bounds, and stores nothing', async () => {
    const db = fresh();
    const s = { doi: '10.1/limits-hl' };
    const ok = {
      id: '00000000-0000-4000-8000-00000000000a',
      quote: quote('a sentence'),
      color: 'green' as const,
    };
    await expect(
      saveHighlight(db, s, { ...ok, quote: quote('q'.repeat(MAX_QUOTE + 1)) }, 'https://x.org/'),
    ).rejects.toThrow(/quote/);
    await expect(saveHighlight(db, s, { ...ok, color: 'red' as never }, 'https://x.org/')).rejects.toThrow(
      /colour/,
    );
    await expect(
      saveHighlight(db, s, { ...ok, comment: 'c'.repeat(MAX_COMMENT + 1) }, 'https://x.org/'),
    ).rejects.toThrow(/comment/);
    expect(await db.highlights.count()).toBe(0);
    expect(await db.papers.count()).toBe(0);
  });
});

describe('a highlight refused by a full disk', () => {
  it('says "disk full", as a note does, rather than the browser’s own words', async () => {
    const db = fresh();
    db.transaction = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as unknown as typeof db.transaction;
    const draft = {
      id: '00000000-0000-4000-8000-0000000000f1',
      quote: quote('a sentence'),
      color: 'yellow' as const,
    };
    await expect(saveHighlight(db, { doi: '10.1/full' }, draft, 'https://x.org/')).rejects.toThrow(
      /^disk full/,
    );
  });
});
