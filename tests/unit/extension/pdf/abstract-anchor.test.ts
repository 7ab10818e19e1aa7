// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { pdfAbstract, pdfAbstractText } from '../../../../lib/extension/pdf/abstract';
import { anchorQuote, describeRange } from '../../../../lib/extension/pdf/anchor';
import { extractPdfFacts } from '../../../../lib/extension/pdf/extract';
import { glance } from '../../../../lib/shared/glance';
import type { PdfPageText } from '../../../../lib/shared/identify/pdf';

const STANDARD_FONTS = resolve('node_modules/pdfjs-dist/standard_fonts') + '/';

async function facts(file: string) {
  const data = new Uint8Array(readFileSync(resolve('tests/fixtures/pdf', file)));
  const doc = await getDocument({
    data,
    isEvalSupported: false,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  }).promise;
  try {
    return await extractPdfFacts(doc);
  } finally {
    await doc.destroy();
  }
}

const line = (str: string, y: number, size = 9, x = 50): PdfPageText['items'][number] => ({
  str,
  x,
  y,
  width: str.length * size * 0.5,
  size,
});

describe('the abstract of a PDF', () => {
  it('reads the structured abstract of the left column, up to the introduction on the right', async () => {
    const f = await facts('with-xmp.pdf');
    const abs = pdfAbstract(f.pages);
    expect(abs).not.toBeNull();
    expect(abs!.structured).toBe(true);
    expect(abs!.sections.map((s) => s.role)).toEqual(['background', 'methods', 'results', 'conclusions']);
    expect(abs!.text).not.toMatch(/Introduction|Loss of mobility|References/);
    const g = glance({ abstract: abs!.text, sections: abs!.sections });
    expect(g.conclusion).toBeTruthy();
    expect(abs!.text).toContain(g.conclusion!);
  });

  it.each(['info-only.pdf', 'text-only.pdf', 'no-doi.pdf', 'pmid-text.pdf', 'long.pdf'])(
    'finds the abstract of %s',
    async (file) => {
      const abs = pdfAbstract((await facts(file)).pages);
      expect(abs?.sections.at(-1)?.role).toBe('conclusions');
    },
  );

  it('starts at "Abstract" with text on the same line, joins cut words and stops at the keywords', () => {
    const page: PdfPageText = {
      page: 1,
      width: 600,
      height: 800,
      items: [
        line('A title in large type for the test', 700, 20),
        line('Abstract: We randomised 120 adults to early mobili-', 650),
        line('sation or usual care. Mortality fell. We conclude that it helps.', 638),
        line('Keywords: hip fracture; mobilisation', 620),
        line('1. Introduction', 600),
      ],
    };
    expect(pdfAbstractText(page)).toBe(
      'We randomised 120 adults to early mobilisation or usual care. Mortality fell. We conclude that it helps.',
    );
  });

  it('gives nothing for a page without an abstract', () => {
    const page: PdfPageText = { page: 1, width: 600, height: 800, items: [line('Just some text here', 600)] };
    expect(pdfAbstract([page])).toBeNull();
    expect(pdfAbstract([])).toBeNull();
  });
});

describe('PDF highlight selectors', () => {
  const text = 'Early mobilisation helps. Later, early mobilisation was repeated. The end.';

  it('describes a range with its context, trimmed of white space', () => {
    const s = describeRange(text, 25, 45)!;
    expect(s.quote.exact).toBe('Later, early mobili');
    expect(s.position).toEqual({ type: 'TextPositionSelector', start: 26, end: 45 });
    expect(s.quote.prefix).toBe('Early mobilisation helps. ');
    expect(describeRange(text, 3, 3)).toBeNull();
    expect(describeRange('   ', 0, 3)).toBeNull();
  });

  it('anchors at the old position, else by context among repeats, else across white space', () => {
    const s = describeRange(text, 33, 51)!;
    expect(s.quote.exact).toBe('early mobilisation');
    expect(anchorQuote(text, s.quote, s.position)).toEqual({ start: 33, end: 51 });
    // The page's text moved: the context still picks the second occurrence, not the first.
    const moved = `Preface. ${text}`;
    const a = anchorQuote(moved, s.quote, s.position)!;
    expect(moved.slice(a.start, a.end)).toBe('early mobilisation');
    expect(a.start).toBe(33 + 'Preface. '.length);
    // Text runs joined differently: same words, other spacing.
    const spaced = text.replace('early mobilisation was', 'early  mobilisation was');
    const b = anchorQuote(spaced, { ...s.quote, prefix: '', suffix: '' })!;
    expect(spaced.slice(b.start, b.end)).toBe('early  mobilisation');
    expect(anchorQuote(text, { ...s.quote, exact: 'not on this page' })).toBeNull();
  });
});
