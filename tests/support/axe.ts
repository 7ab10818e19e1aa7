import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Run axe-core in a page (through the debugger, so the extension pages' CSP does not block it) and
 * return the violations as short strings. `include` narrows it to one part, e.g. the panel's
 * shadow root: [['takeaway-panel', '.tw-root']].
 */
export async function axeViolations(page: Page, include?: string[][]): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (inc) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } })
      .axe;
    interface AxeResult {
      violations: { id: string; help: string; nodes: { target: unknown }[] }[];
    }
    const result = await axe.run(inc ? { include: inc } : document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  }, include ?? null);
}
