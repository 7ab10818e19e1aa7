import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bounds,
  clipBoxes,
  highlightBoxes,
  hitTest,
  luminance,
  snap,
  type Box,
} from '../../../lib/page/anchoring/geometry';

const r = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });

describe('the boxes of a highlight', () => {
  it.each([
    {
      name: 'one text node on one line',
      rects: [r(10, 100, 80, 18)],
      origin: { x: 0, y: 0 },
      boxes: [{ x: 10, y: 100, w: 80, h: 18 }],
    },
    {
      name: 'a word in italics inside the line: the pieces join',
      rects: [r(10, 100, 80, 18), r(90, 101, 30, 17), r(120, 100, 40, 18)],
      origin: { x: 0, y: 0 },
      boxes: [{ x: 10, y: 100, w: 150, h: 18 }],
    },
    {
      name: 'a passage over three lines: one box per line',
      rects: [r(200, 100, 300, 18), r(10, 118, 490, 18), r(10, 136, 120, 18)],
      origin: { x: 0, y: 0 },
      boxes: [
        { x: 200, y: 100, w: 300, h: 18 },
        { x: 10, y: 118, w: 490, h: 18 },
        { x: 10, y: 136, w: 120, h: 18 },
      ],
    },
    {
      name: 'collapsed white space and empty rectangles are dropped',
      rects: [r(10, 100, 0, 18), r(10, 100, 80, 18), r(300, 500, 0.2, 0.2)],
      origin: { x: 0, y: 0 },
      boxes: [{ x: 10, y: 100, w: 80, h: 18 }],
    },
    {
      name: 'the space left by a skipped white-space node is closed',
      rects: [r(10, 100, 60, 18), r(74, 100, 40, 18)],
      origin: { x: 0, y: 0 },
      boxes: [{ x: 10, y: 100, w: 104, h: 18 }],
    },
    {
      name: 'two columns on the same line stay apart',
      rects: [r(10, 100, 200, 18), r(400, 100, 200, 18)],
      origin: { x: 0, y: 0 },
      boxes: [
        { x: 10, y: 100, w: 200, h: 18 },
        { x: 400, y: 100, w: 200, h: 18 },
      ],
    },
    {
      name: 'out of order (right-to-left runs, floats): sorted by line, then from the left',
      rects: [r(10, 136, 120, 18), r(120, 100, 40, 18), r(10, 100, 110, 18)],
      origin: { x: 0, y: 0 },
      boxes: [
        { x: 10, y: 100, w: 150, h: 18 },
        { x: 10, y: 136, w: 120, h: 18 },
      ],
    },
    {
      name: 'in the layer’s coordinates: a page scrolled 1000px down and 20px right',
      rects: [r(10, 100, 80, 18)],
      origin: { x: -20, y: -1000 },
      boxes: [{ x: 30, y: 1100, w: 80, h: 18 }],
    },
  ])('$name', ({ rects, origin, boxes }) => {
    expect(highlightBoxes(rects, origin)).toEqual(boxes);
  });

  it('covers every rectangle it was given, and never more boxes than rectangles', () => {
    const rect = fc.record({
      left: fc.integer({ min: 0, max: 1000 }),
      top: fc.integer({ min: 0, max: 2000 }),
      width: fc.integer({ min: 1, max: 400 }),
      height: fc.integer({ min: 8, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 30 }), (rects) => {
        const boxes = highlightBoxes(rects);
        expect(boxes.length).toBeLessThanOrEqual(rects.length);
        for (const q of rects) {
          const inside = boxes.some(
            (b) =>
              q.left >= b.x && q.top >= b.y && q.left + q.width <= b.x + b.w && q.top + q.height <= b.y + b.h,
          );
          expect(inside).toBe(true);
        }
      }),
    );
  });

  it('snaps to device pixels without leaving a gap between lines', () => {
    const [a, b] = [snap({ x: 10.3, y: 100.4, w: 80.5, h: 18.2 }), snap({ x: 10.3, y: 118.6, w: 80, h: 18 })];
    expect(a).toEqual({ x: 10, y: 100, w: 81, h: 19 });
    expect(a.y + a.h).toBe(b.y);
    expect(snap({ x: 10.3, y: 100.4, w: 80, h: 18 }, 2)).toEqual({ x: 10.5, y: 100.5, w: 80, h: 18 });
  });
});

describe('clipping to the scroller the text is in', () => {
  const clip = { x: 100, y: 100, w: 300, h: 200 };
  it.each([
    {
      name: 'inside: kept whole',
      box: { x: 120, y: 120, w: 50, h: 18 },
      out: [{ x: 120, y: 120, w: 50, h: 18 }],
    },
    {
      name: 'across the right edge: cut',
      box: { x: 350, y: 120, w: 100, h: 18 },
      out: [{ x: 350, y: 120, w: 50, h: 18 }],
    },
    { name: 'scrolled out above: gone', box: { x: 120, y: 60, w: 50, h: 18 }, out: [] },
    {
      name: 'half under the bottom edge: cut',
      box: { x: 120, y: 290, w: 50, h: 18 },
      out: [{ x: 120, y: 290, w: 50, h: 10 }],
    },
    { name: 'beside it, scrolled out of a wide table: gone', box: { x: 900, y: 120, w: 50, h: 18 }, out: [] },
  ])('$name', ({ box, out }) => {
    expect(clipBoxes([box], clip)).toEqual(out);
  });
});

describe('hit-testing a click against the boxes', () => {
  const layout = new Map<string, Box[]>([
    [
      'a',
      [
        { x: 200, y: 100, w: 300, h: 18 },
        { x: 10, y: 118, w: 100, h: 18 },
      ],
    ],
    ['b', [{ x: 50, y: 118, w: 200, h: 18 }]],
  ]);
  it.each([
    { at: [210, 105], hit: 'a' },
    { at: [20, 120], hit: 'a' },
    // Where two overlap, the one drawn last is on top.
    { at: [60, 120], hit: 'b' },
    { at: [240, 130], hit: 'b' },
    // Beside a highlight, between its lines, past its ends: nothing.
    { at: [150, 105], hit: null },
    { at: [500, 105], hit: null },
    { at: [20, 136], hit: null },
    { at: [0, 0], hit: null },
  ])('at $at: $hit', ({ at, hit }) => {
    expect(hitTest(layout, at[0]!, at[1]!)).toBe(hit);
  });

  it('finds nothing on an empty layer', () => {
    expect(hitTest(new Map(), 10, 10)).toBeNull();
  });

  it('the bounds of a highlight are where the toolbar goes', () => {
    expect(bounds(layout.get('a')!)).toEqual({ x: 10, y: 100, w: 490, h: 36 });
    expect(bounds([])).toBeNull();
  });
});

describe('telling a dark background from a light one', () => {
  it.each([
    ['rgb(255, 255, 255)', 1],
    ['rgb(0, 0, 0)', 0],
    ['rgba(13, 17, 23, 1)', expect.closeTo(0.0058, 3)],
    ['rgb(13 17 23 / 100%)', expect.closeTo(0.0058, 3)],
  ])('%s has luminance %s', (color, l) => {
    expect(luminance(color)).toEqual(l);
  });
  it.each(['rgba(0, 0, 0, 0)', 'transparent', 'rgba(255, 255, 255, 0.1)'])('%s says nothing', (c) => {
    expect(luminance(c)).toBeNull();
  });
});
