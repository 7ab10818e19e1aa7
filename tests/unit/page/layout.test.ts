import { describe, expect, it } from 'vitest';
import { intersects, rightOverlap, type Box } from '../../../lib/page/layout';

const box = (left: number, right: number, top = 0, bottom = 20): Box => ({ left, right, top, bottom });

describe('keeping the panel off the text', () => {
  it.each([
    ['overlapping boxes', box(0, 100), box(50, 150), true],
    ['boxes that only touch', box(0, 100), box(100, 200), false],
    ['boxes side by side', box(0, 100), box(200, 300), false],
    ['boxes one above the other', box(0, 100, 0, 10), box(0, 100, 20, 30), false],
  ])('%s intersect: %s', (_l, a, b, expected) => {
    expect(intersects(a, b)).toBe(expected);
    expect(intersects(b, a)).toBe(expected);
  });

  it('measures how far the widest text block reaches under the panel', () => {
    const panelLeft = 940;
    expect(rightOverlap([box(64, 824), box(64, 700)], panelLeft)).toBeLessThanOrEqual(0);
    expect(rightOverlap([box(64, 824), box(100, 1000)], panelLeft)).toBe(60);
    expect(rightOverlap([], panelLeft)).toBe(0);
  });
});
