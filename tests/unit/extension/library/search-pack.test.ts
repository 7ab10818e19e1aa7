/**
 * The packed search index (lib/extension/library/search-pack.ts) reaches into MiniSearch's fields:
 * these round trips compare every answer of a packed and read-back index with the original's, so
 * that a change of MiniSearch that breaks the packing fails here.
 */
import { describe, expect, it } from 'vitest';
import { LibrarySearch } from '../../../../lib/extension/library/search';
import { generatedPapers } from './fixtures';

const QUERIES = [
  'renal',
  'ren',
  'fracture hazard',
  'eld',
  'warfarin bleeding',
  'denosumab gait statin',
  'creatinnine',
  'anticoagulaton',
  'teri',
  '10.1/7',
  'hypocalcaemia zoledronic',
  'sepsis ratio hazard elderly',
];

function answers(s: LibrarySearch) {
  return QUERIES.map((q) => s.search(q).map((h) => [h.id, h.score.toFixed(9), [...h.terms].sort().join()]));
}

function roundTrip(s: LibrarySearch): LibrarySearch {
  // Through structured clone, as storage hands it back.
  const packed = structuredClone(s.serialize());
  const back = new LibrarySearch();
  back.restore(packed);
  return back;
}

describe('the packed search index', () => {
  it('answers every query exactly as the index it was packed from', () => {
    const s = new LibrarySearch();
    s.buildNow(generatedPapers(400));
    const back = roundTrip(s);
    expect(back.size).toBe(s.size);
    const want = answers(s);
    expect(want.every((a) => a.length > 0)).toBe(true);
    expect(answers(back)).toEqual(want);
  });

  it('takes edits after it is read back, as a freshly built index does', () => {
    const papers = generatedPapers(300);
    const s = new LibrarySearch();
    s.buildNow(papers);
    const back = roundTrip(s);
    const fresh = new LibrarySearch();
    fresh.buildNow(papers);
    for (const idx of [back, fresh]) {
      const lp = papers[5]!;
      idx.put({ ...lp, notes: [{ ...lp.notes[0]!, body: 'teriparatide sepsis bleeding' }] });
      idx.remove(papers[9]!.paper.id);
      idx.put(generatedPapers(1, 99)[0]!);
    }
    expect(answers(back)).toEqual(answers(fresh));
  });

  it('packs again after partial use (some terms read as Maps, some still packed)', () => {
    const papers = generatedPapers(300);
    const s = new LibrarySearch();
    s.buildNow(papers);
    const once = roundTrip(s);
    once.search('renal fracture');
    once.put({ ...papers[2]!, notes: [{ ...papers[2]!.notes[0]!, body: 'warfarin warfarin gait' }] });
    const twice = roundTrip(once);
    expect(answers(twice)).toEqual(answers(once));
  });

  it('refuses a pack that does not add up', () => {
    const s = new LibrarySearch();
    s.buildNow(generatedPapers(20));
    const p = s.serialize();
    const back = new LibrarySearch();
    expect(() => back.restore({ ...p, layout: p.layout.subarray(0, p.layout.length - 1) })).toThrow(
      /do not add up|ends early/,
    );
    expect(() => back.restore({ ...p, docs: p.docs.subarray(1), freqs: p.freqs.subarray(1) })).toThrow(
      /do not add up/,
    );
    expect(() => back.restore({ ...p, head: '{"index": [[' })).toThrow();
  });
});

describe('hits as they cross from the worker', () => {
  it('arrive in the same order with the same scores, and the words of the best hits', async () => {
    const { packHits, unpackHits } = await import('../../../../lib/extension/library/search-worker-protocol');
    const s = new LibrarySearch();
    s.buildNow(generatedPapers(400));
    const hits = s.search('renal fracture');
    expect(hits.length).toBeGreaterThan(200);
    const back = unpackHits(structuredClone(packHits(hits)));
    expect(back).toEqual(hits);
    expect(back[0]!.terms).toEqual(expect.arrayContaining(['renal', 'fracture']));
    expect(back.at(-1)!.terms).toEqual([]);
  });
});

describe('cleaning up after edits', () => {
  it('never trips over a search made while it cleans up (the index is cleaned in one go)', async () => {
    // Enough distinct words that a clean-up in batches would pause midway, and enough replaced
    // papers to start one; searches meanwhile touch words of replaced papers.
    const base = generatedPapers(1);
    const papers = Array.from({ length: 2500 }, (_, i) => ({
      ...base[0]!,
      paper: { ...base[0]!.paper, id: 1000 + i },
      notes: [{ ...base[0]!.notes[0]!, id: `v-${i}`, paperId: 1000 + i, body: `renal fracture word${i}x` }],
    }));
    const s = new LibrarySearch();
    s.buildNow(papers);
    const failures: unknown[] = [];
    const onRejection = (e: unknown) => failures.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      for (let i = 0; i < 600; i++)
        s.put({ ...papers[i]!, notes: [{ ...papers[i]!.notes[0]!, body: `renal edited${i}` }] });
      for (let k = 0; k < 20; k++) {
        expect(s.search('renal').length).toBe(2500);
        s.search(`word${k}x`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(failures).toEqual([]);
    expect(s.search('edited599')[0]?.id).toBe(1599);
    // A replaced paper is no longer found by its old words.
    expect(s.search('word5x').map((h) => h.id)).not.toContain(1005);
  });
});
