import { describe, expect, it } from 'vitest';
import { findMatches, markMatches, normaliseQuery } from '../../../../lib/extension/pdf/viewer/find';

const PAGES = [
  { page: 1, items: ['Background', 'Early mobilisation after surgery', 'mobilisation, mobilisation'] },
  { page: 2, items: ['No match here', 'EARLY MOBILISATION'] },
];

describe('findMatches', () => {
  it.each([
    [
      'mobilisation',
      [
        [1, 1, 6],
        [1, 2, 0],
        [1, 2, 14],
        [2, 1, 6],
      ],
    ],
    [
      '  Early  ',
      [
        [1, 1, 0],
        [2, 1, 0],
      ],
    ],
    ['background', [[1, 0, 0]]],
    ['absent', []],
    ['', []],
    ['   ', []],
  ] as const)('finds %j case-insensitively, in document order', (query, expected) => {
    expect(findMatches(PAGES, query).map((m) => [m.page, m.item, m.start])).toEqual(expected);
  });

  it('does not count overlapping matches twice', () => {
    expect(findMatches([{ page: 1, items: ['aaaa'] }], 'aa').map((m) => m.start)).toEqual([0, 2]);
  });

  it('does not find a phrase split across two text runs (a known limit)', () => {
    expect(findMatches([{ page: 1, items: ['Early mobil', 'isation'] }], 'mobilisation')).toEqual([]);
  });

  it('stops at ten thousand matches', () => {
    const items = Array.from({ length: 200 }, () => 'a'.repeat(100));
    expect(findMatches([{ page: 1, items }], 'a')).toHaveLength(10_000);
  });

  it('normalises the query by trimming and lower-casing', () => {
    expect(normaliseQuery('  Hip FRACTURE ')).toBe('hip fracture');
  });
});

describe('markMatches', () => {
  function layer(texts: string[]) {
    const root = document.createElement('div');
    const spans = texts.map((t) => {
      const span = document.createElement('span');
      span.textContent = t;
      root.append(span);
      return span;
    });
    return { root, spans, texts };
  }

  it('wraps each match in a mark, keeps the text, and returns the current one', () => {
    const { spans, texts } = layer(['Early mobilisation, mobilisation', 'nothing']);
    const current = markMatches(spans, texts, 'Mobilisation', { item: 0, start: 20 });
    const marks = spans[0]!.querySelectorAll('mark.tw-pdf-match');
    expect([...marks].map((m) => m.textContent)).toEqual(['mobilisation', 'mobilisation']);
    expect(spans[0]!.textContent).toBe('Early mobilisation, mobilisation');
    expect(current).toBe(marks[1]);
    expect(current?.classList.contains('tw-pdf-match-current')).toBe(true);
    expect(marks[0]!.classList.contains('tw-pdf-match-current')).toBe(false);
    expect(spans[1]!.querySelector('mark')).toBeNull();
    expect(spans[0]!.dataset.twMarked).toBe('1');
  });

  it('keeps the text of the page, not the case of the query', () => {
    const { spans, texts } = layer(['EARLY Mobilisation']);
    markMatches(spans, texts, 'early mobilisation', null);
    expect(spans[0]!.querySelector('mark')?.textContent).toBe('EARLY Mobilisation');
  });

  it('returns null when the current match is on another span or page', () => {
    const { spans, texts } = layer(['mobilisation']);
    expect(markMatches(spans, texts, 'mobilisation', { item: 3, start: 0 })).toBeNull();
    expect(markMatches(spans, texts, 'mobilisation', null)).toBeNull();
  });

  it('clears its marks when the query is cleared or no longer matches', () => {
    const { spans, texts } = layer(['Early mobilisation']);
    markMatches(spans, texts, 'mobilisation', null);
    markMatches(spans, texts, 'surgery', null);
    expect(spans[0]!.querySelector('mark')).toBeNull();
    expect(spans[0]!.textContent).toBe('Early mobilisation');
    expect(spans[0]!.dataset.twMarked).toBeUndefined();
    markMatches(spans, texts, 'early', null);
    markMatches(spans, texts, '', null);
    expect(spans[0]!.childNodes).toHaveLength(1);
  });

  it('builds DOM nodes, never markup from the document', () => {
    const { spans, texts } = layer(['<img src=x onerror=alert(1)> dose']);
    markMatches(spans, texts, 'dose', null);
    expect(spans[0]!.querySelector('img')).toBeNull();
    expect(spans[0]!.textContent).toBe('<img src=x onerror=alert(1)> dose');
  });
});
