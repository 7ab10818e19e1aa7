import { describe, expect, it } from 'vitest';
import { isPdfAddress } from '../../../../lib/extension/pdf/open';

describe('isPdfAddress: a tab whose address names a PDF', () => {
  it.each([
    ['https://www.medrxiv.org/content/10.1101/2025.01.01.25300001v1.full.pdf', true],
    ['https://journal.example/files/Paper.PDF', true],
    ['https://journal.example/paper.pdf?download=1#page=2', true],
    ['https://www.nejm.org/doi/full/10.1056/NEJMoa2599001', false],
    ['https://journal.example/pdf/', false],
    ['http://journal.example/paper.pdf', false],
    ['file:///home/reader/paper.pdf', false],
    ['not a url', false],
  ])('%s: %s', (url, expected) => {
    expect(isPdfAddress(url)).toBe(expected);
  });
});
