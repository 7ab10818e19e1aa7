import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchFirefox,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const HOSTILE = 'https://journals.plos.org/plosmedicine/article?id=10.1371/journal.pmed.1004321';
const SECRET = 'canary-note-firefox-b71d0 patient Smith';

async function probe(page: Page): Promise<{ found: string; recorded: string }> {
  return page.evaluate(() =>
    (window as unknown as { __probe: () => Promise<{ found: string; recorded: string }> }).__probe(),
  );
}

describe.skipIf(skipFirefoxE2E)('a hostile page cannot read the note, in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds nothing of the note in the DOM, shadow roots, frames, its storage or its messages', async () => {
    const page = await s.newPage();
    await page.goto(HOSTILE);
    // A paper without a summary starts as a small tab: open it, once the page is read (the panel
    // mounted from <head> is busy until then).
    await page.waitForSelector('pierce/[data-testid="takeaway-overlay"]:not([aria-busy="true"])', {
      timeout: 15_000,
    });
    const tab = await page.waitForSelector('pierce/.tw-tab', { timeout: 15_000 });
    await tab?.click();
    const { frame, editor } = await readyNoteFrame(page);
    await editor.type(SECRET);
    await expect
      .poll(() => frame.$eval('[data-testid="takeaway-note-status"]', (e) => e.textContent), {
        timeout: 5_000,
      })
      .toMatch(/^Saved/);

    const live = await probe(page);
    expect(live.found).toContain('Residual confounding');
    expect(live.found).toMatch(/frame-src moz-extension:/);
    expect(live.found).not.toContain(SECRET);
    expect(live.recorded).not.toContain(SECRET);

    await page.reload();
    const again = await readyNoteFrame(page);
    await expect
      .poll(() => again.editor.evaluate((e) => (e as HTMLTextAreaElement).value), { timeout: 10_000 })
      .toBe(SECRET);
    const later = await probe(page);
    expect(later.found).not.toContain(SECRET);
    expect(later.recorded).not.toContain(SECRET);
    await page.close();
  });
});
