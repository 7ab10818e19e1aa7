import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Run axe-core on a rendered component. Rules that need real layout (contrast) are checked in the
 * browser suite instead; happy-dom has no rendering.
 */
export async function expectAccessible(container: Element): Promise<void> {
  const result = await axe.run(container, {
    iframes: false,
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
