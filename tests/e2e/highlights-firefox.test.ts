import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchFirefox,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const SEED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
const WORDS = 'an immunologically cold niche';

/** Select `words` in the abstract's second paragraph, then let go of the mouse. */
async function select(page: Page, words: string): Promise<void> {
  await page.evaluate((w) => {
    const p = document.querySelectorAll('#eng-abstract p')[1]!;
    const t = p.firstChild as Text;
    const at = t.data.indexOf(w);
    const r = document.createRange();
    r.setStart(t, at);
    r.setEnd(t, at + w.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(r);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, words);
}

const drawn = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('takeaway-hl'))
      .map((e) => e.textContent)
      .join(''),
  );

describe.skipIf(skipFirefoxE2E)('highlights in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a highlight made with the shortcut is drawn again on the same words after a reload', async () => {
    const page = await s.newPage();
    await page.goto(SEED_URL);
    await readyNoteFrame(page);
    await page.click('h1');
    await select(page, WORDS);
    await page.waitForSelector('takeaway-toolbar', { timeout: 5_000 });
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyH');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toBe(WORDS);

    await page.reload();
    await readyNoteFrame(page);
    await expect.poll(() => drawn(page), { timeout: 10_000 }).toBe(WORDS);
    // Listed with the paper's highlights in the note frame.
    const { frame } = await readyNoteFrame(page);
    await expect
      .poll(
        () =>
          frame.$$eval('[data-testid="takeaway-highlight-item"]', (els) =>
            els.map((e) => e.textContent ?? ''),
          ),
        {
          timeout: 5_000,
        },
      )
      .toEqual([expect.stringContaining(WORDS)]);
    await page.close();
  });
});
