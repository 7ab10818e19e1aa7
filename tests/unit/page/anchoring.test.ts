import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchor,
  approximateSearch,
  describe as describeRange,
  rangeOf,
  segments,
  textMap,
} from '../../../lib/page/anchoring/index';

/** A page body in the test's document (Ranges across documents are unreliable in happy-dom). */
function page(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(
    `<!doctype html><html><body>${html}</body></html>`,
    'text/html',
  );
  const body = document.createElement('div');
  for (const n of Array.from(parsed.body.childNodes)) body.appendChild(document.importNode(n, true));
  document.body.replaceChildren(body);
  return body;
}

const ARTICLE = `
  <h1>Early mobilisation after hip fracture surgery</h1>
  <script>var ignored = "mortality at 30 days";</script>
  <section id="abstract">
    <p><b>Background:</b> Early mobilisation may reduce complications.</p>
    <p><b>Results:</b> Mortality at 30 days was <i>4.1%</i> with early mobilisation and 6.3% with usual care.
    Mortality at 30 days was lower in every subgroup.</p>
    <p><b>Conclusions:</b> Early mobilisation within 24 hours of surgery should be standard care.</p>
  </section>`;

/** Select the n-th occurrence of `words` in the body's text and describe it. */
function select(body: HTMLElement, words: string, nth = 0) {
  const map = textMap(body);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = map.text.indexOf(words, at + 1);
  const range = rangeOf(map, at, at + words.length)!;
  return describeRange(map, range)!;
}

describe('describing a selection', () => {
  it('keeps the words, some context each side and the position; script text is not page text', () => {
    const body = page(ARTICLE);
    const s = select(body, 'Mortality at 30 days was 4.1%');
    expect(s.quote.exact).toBe('Mortality at 30 days was 4.1%');
    expect(s.quote.prefix.endsWith('Results: ')).toBe(true);
    expect(s.quote.suffix.startsWith(' with early')).toBe(true);
    expect(textMap(body).text).not.toContain('ignored');
    expect(s.position.end - s.position.start).toBe(s.quote.exact.length);
  });

  it('trims white space picked up at the edges of a selection', () => {
    const body = page('<p>one two three</p>');
    const map = textMap(body);
    const s = describeRange(map, rangeOf(map, 3, 8)!);
    expect(s?.quote.exact).toBe('two');
  });
});

describe('anchoring again', () => {
  it('finds the same words on the same page, across element boundaries', () => {
    const body = page(ARTICLE);
    const s = select(body, 'Mortality at 30 days was 4.1%');
    const a = anchor(textMap(body).text, s.quote, s.position);
    expect(a).toMatchObject({ how: 'exact', start: s.position.start, end: s.position.end });
  });

  it('tells repeated words apart by their context, even when the position moved', () => {
    const body = page(ARTICLE);
    const second = select(body, 'Mortality at 30 days was', 1);
    // The page gained a paragraph at the top: every position shifted.
    const changed = page(`<p>Editor's note: corrected on 3 March.</p>${ARTICLE}`);
    const text = textMap(changed).text;
    const a = anchor(text, second.quote, second.position)!;
    expect(a.how).toBe('exact');
    expect(text.slice(a.end, a.end + 6)).toBe(' lower');
  });

  it('survives small edits to the highlighted words with a fuzzy match', () => {
    const body = page(ARTICLE);
    const s = select(body, 'Early mobilisation within 24 hours of surgery should be standard care');
    const edited = page(
      ARTICLE.replace(
        'Early mobilisation within 24 hours of surgery should be standard care',
        'Early mobilization within 24 h of surgery should be standard care',
      ),
    );
    const text = textMap(edited).text;
    const a = anchor(text, s.quote, s.position)!;
    expect(a.how).toBe('fuzzy');
    expect(text.slice(a.start, a.end)).toBe(
      'Early mobilization within 24 h of surgery should be standard care',
    );
  });

  it('gives up, rather than draw on the wrong words, when the passage is gone', () => {
    const body = page(ARTICLE);
    const s = select(body, 'Early mobilisation within 24 hours of surgery should be standard care');
    const text = textMap(page('<p>An entirely different article about statins and myopathy.</p>')).text;
    expect(anchor(text, s.quote, s.position)).toBeNull();
  });

  it('does not fuzzy-match very short quotes', () => {
    expect(
      anchor('the cat sat', { type: 'TextQuoteSelector', exact: 'dog', prefix: '', suffix: '' }),
    ).toBeNull();
  });

  it('approximate search finds a pattern with k edits anywhere (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 40 }),
        fc.string({ minLength: 12, maxLength: 30 }),
        fc.string({ minLength: 0, maxLength: 40 }),
        fc.nat(),
        (before, pattern, after, pos) => {
          const i = pos % pattern.length;
          const mutated = pattern.slice(0, i) + '\u0001' + pattern.slice(i + 1);
          const found = approximateSearch(before + mutated + after, pattern, 2);
          expect(found).not.toBeNull();
          expect(found!.errors).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('the pieces of text a highlight covers', () => {
  it('are exactly the anchored words, one piece per text node, and leave the text as it was', () => {
    const body = page(ARTICLE);
    const before = new XMLSerializer().serializeToString(body);
    const s = select(body, 'Mortality at 30 days was 4.1%');
    const map = textMap(body);
    const pieces = segments(map, s.position.start, s.position.end);
    expect(pieces.map((p) => p.node.data.slice(p.start, p.end))).toEqual([
      'Mortality at 30 days was ',
      '4.1%',
    ]);
    expect(pieces[1]!.node.parentElement?.localName).toBe('i');
    expect(rangeOf(map, s.position.start, s.position.end)?.toString()).toBe('Mortality at 30 days was 4.1%');
    expect(new XMLSerializer().serializeToString(body)).toBe(before);
  });

  it('never include our own UI or scripts', () => {
    const body = page(ARTICLE);
    body.appendChild(document.createElement('takeaway-highlights'));
    body.lastElementChild!.textContent = 'mortality at 30 days';
    const map = textMap(body);
    expect(map.text).not.toContain('var ignored');
    expect(map.text.match(/ortality at 30 days/g)).toHaveLength(2);
  });
});
