/**
 * The journal-club loop's first step in Firefox ESR: write a summary from the panel in the editor's
 * tab (an extension page), save it, and see it in the panel of the page it was written for, at once
 * and after a reload. Fixture: a PubMed page that the test edition does not cover.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/harness';
import { inPanel, launchFirefox, skipFirefoxE2E, type FirefoxSession } from '../support/firefox-harness';

const URL = 'https://pubmed.ncbi.nlm.nih.gov/39900001/';
const TAKEAWAY = 'Firefox club: supervised exercise after hip fracture surgery improved walking at 12 weeks.';
const CAVEAT = 'Single country';

const text = (el: ElementHandle | null) =>
  el ? el.evaluate((e) => (e.textContent ?? '').replace(/\s+/g, ' ')) : Promise.resolve(null);

/**
 * The tab the background opened on the summary editor. puppeteer reports an extension page opened
 * by `tabs.create` as about:blank, so it is recognised by the address its document gives.
 */
async function editorTab(s: FirefoxSession, before: Set<Page>): Promise<Page> {
  const prefix = `${s.extensionOrigin}/summary-editor.html`;
  for (let i = 0; i < 100; i++) {
    for (const p of await s.browser.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(prefix)) return p;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${prefix} did not open`);
}

/** Sets an input's text as typing would end, through the input event the editor listens to. */
async function fill(page: Page, testId: string, value: string): Promise<void> {
  const el = await page.waitForSelector(`[data-testid="${testId}"]`, { timeout: 10_000 });
  if (!el) throw new Error(`no ${testId}`);
  await el.evaluate((e, v) => {
    const input = e as HTMLInputElement | HTMLTextAreaElement;
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

const valueOf = (page: Page, testId: string) =>
  page.$eval(`[data-testid="${testId}"]`, (e) => (e as HTMLInputElement).value);

describe.skipIf(skipFirefoxE2E)('writing a summary in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('writes from the panel, saves, and the panel shows it at once and after a reload', async () => {
    const article = await s.newPage();
    await article.goto(URL);
    await inPanel(article, 'takeaway-no-summary');
    const before = new Set(await s.browser.pages());
    const write = await inPanel(article, 'takeaway-write-summary');
    await write?.click();
    const editor = await editorTab(s, before);
    await editor.waitForSelector('[data-testid="summary-save"]', { timeout: 10_000 });
    // The editor is an extension document, out of the journal site's reach, prefilled from the page.
    expect(await editor.evaluate(() => location.origin)).toBe(s.extensionOrigin);
    expect(await valueOf(editor, 'summary-field-pmid')).toBe('39900001');
    expect(await valueOf(editor, 'summary-field-doi')).toBe('10.1001/jamanetworkopen.2025.0001');
    expect(await valueOf(editor, 'summary-field-title')).toMatch(/^Exercise Training After Hip Fracture/);

    await fill(editor, 'summary-field-study_type', 'RCT');
    await fill(editor, 'summary-field-key_takeaway', TAKEAWAY);
    await fill(editor, 'summary-field-caveats', CAVEAT);
    await (await editor.$('[data-testid="summary-save"]'))?.click();
    await editor.waitForSelector('[data-testid="summary-saved"]', { timeout: 10_000 });
    await editor.screenshot({ path: screenshotPath('firefox-summary-editor-saved') as `${string}.png` });
    await editor.close();

    // At once, in the tab the reader came from.
    await expect
      .poll(async () => text(await inPanel(article, 'takeaway-key-takeaway')), { timeout: 10_000 })
      .toContain(TAKEAWAY);
    expect(await text(await inPanel(article, 'takeaway-provenance'))).toMatch(
      /Written by you, \d{4}-\d\d-\d\d/,
    );
    expect(await text(await inPanel(article, 'takeaway-evidence'))).toMatch(/Randomized controlled trial/);

    await article.reload();
    expect(await text(await inPanel(article, 'takeaway-key-takeaway'))).toContain(TAKEAWAY);
    expect(await text(await inPanel(article, 'takeaway-caveats'))).toContain(CAVEAT);
    expect(await text(await inPanel(article, 'takeaway-write-summary'))).toBe('Edit your summary');
    await article.screenshot({ path: screenshotPath('firefox-summary-in-panel') as `${string}.png` });
    await article.close();
  });
});
