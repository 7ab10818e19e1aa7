import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { launchWithExtension, skipE2E, type ExtensionSession } from '../support/harness';

const FIXTURES = resolve('tests/fixtures/pdf');

const rendered = (page: Page, n: number) =>
  page.locator(`.tw-pdf-page[data-page="${n}"][data-rendered="true"]`);
const pageWidth = (page: Page, n: number) =>
  page.locator(`.tw-pdf-page[data-page="${n}"]`).evaluate((el) => (el as HTMLElement).offsetWidth);

describe.skipIf(skipE2E)('the PDF viewer in Chromium', () => {
  let s: ExtensionSession;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    s = await launchWithExtension();
    s.context.on('request', (r) => requests.push(r.url()));
    page = await s.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`chrome-extension://${s.extensionId}/pdf.html`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('offers a file picker and a drop zone when no document is open', async () => {
    await page.getByTestId('pdf-drop-zone').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('pdf-open-file').getAttribute('accept')).toContain('application/pdf');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens a PDF from the picker, draws its text layer and identifies the paper', async () => {
    await page.getByTestId('pdf-open-file').setInputFiles(resolve(FIXTURES, 'with-xmp.pdf'));
    await rendered(page, 1).waitFor({ timeout: 15_000 });
    const text = await page.locator('.tw-pdf-page[data-page="1"] .textLayer').textContent();
    for (const word of ['Background', 'Methods', 'Results', 'Conclusions', 'Early mobilisation']) {
      expect(text).toContain(word);
    }
    const identity = page.getByTestId('pdf-identity');
    await expect
      .poll(() => identity.getByTestId('pdf-identity-doi').textContent())
      .toBe('10.5555/takeaway.xmp.2024.101');
    expect(await identity.getByTestId('pdf-identity-title').textContent()).toBe(
      'Early mobilisation after hip fracture surgery and 30-day mortality: a randomised controlled trial',
    );
    expect(await identity.getByTestId('pdf-identity-via').textContent()).toContain('XMP metadata');
    expect(await page.getByTestId('pdf-panel-slot').getByTestId('pdf-identity').count()).toBe(1);
    // The canvas is drawn (not blank).
    const inked = await page
      .locator('.tw-pdf-page[data-page="1"] canvas')
      .evaluate((c: HTMLCanvasElement) => {
        const ctx = c.getContext('2d');
        const data = ctx?.getImageData(0, 0, c.width, Math.floor(c.height / 3)).data ?? [];
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
        return dark;
      });
    expect(inked).toBeGreaterThan(500);
  });

  it('zooms with the buttons and with Ctrl+= / Ctrl+-, and fits the width again', async () => {
    const before = await pageWidth(page, 1);
    const zoom = page.getByTestId('pdf-zoom');
    const startZoom = await zoom.textContent();
    await page.getByTestId('pdf-zoom-in').click();
    await expect.poll(() => pageWidth(page, 1)).toBeGreaterThan(before);
    expect(await zoom.textContent()).not.toBe(startZoom);
    await rendered(page, 1).waitFor({ timeout: 15_000 });

    const zoomed = await pageWidth(page, 1);
    await page.getByTestId('pdf-pages').focus();
    await page.keyboard.press('Control+Minus');
    await expect.poll(() => pageWidth(page, 1)).toBeLessThan(zoomed);
    await page.keyboard.press('Control+Equal');
    await expect.poll(() => pageWidth(page, 1)).toBe(zoomed);

    await page.getByTestId('pdf-fit-width').click();
    await expect.poll(() => pageWidth(page, 1)).toBe(before);
    expect(await page.getByTestId('pdf-fit-width').getAttribute('aria-pressed')).toBe('true');
  });

  it('moves through a long document by page number and PageUp/PageDown, rendering lazily', async () => {
    await page.getByTestId('pdf-open-another').setInputFiles(resolve(FIXTURES, 'long.pdf'));
    await expect
      .poll(() => page.getByTestId('pdf-page-count').textContent(), { timeout: 15_000 })
      .toBe('of 12');
    await rendered(page, 1).waitFor({ timeout: 15_000 });
    // Far pages are placeholders until they come near the view.
    expect(await page.locator('.tw-pdf-page[data-page="12"]').getAttribute('data-rendered')).toBe('false');
    await expect
      .poll(() => page.getByTestId('pdf-identity-doi').textContent())
      .toBe('10.5555/takeaway.long.2024.606');

    const input = page.getByTestId('pdf-page-input');
    await input.fill('7');
    await input.press('Enter');
    await rendered(page, 7).waitFor({ timeout: 15_000 });
    expect(await page.locator('.tw-pdf-page[data-page="7"] .textLayer').textContent()).toContain(
      'page 7 left 1',
    );
    await expect.poll(() => input.inputValue()).toBe('7');

    await page.getByTestId('pdf-pages').focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => input.inputValue()).toBe('8');
    await rendered(page, 8).waitFor({ timeout: 15_000 });
    await page.keyboard.press('PageUp');
    await expect.poll(() => input.inputValue()).toBe('7');
    await page.keyboard.press('PageUp');
    await expect.poll(() => input.inputValue()).toBe('6');
    expect(await page.getByTestId('pdf-announce').textContent()).toBe('Page 6 of 12');
  });

  it('counts PageUp/PageDown from the page just reached, however fast the keys come', async () => {
    const input = page.getByTestId('pdf-page-input');
    await input.fill('4');
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('4');
    await page.getByTestId('pdf-pages').focus();
    // No wait between the keys: each one moves from where the previous one went.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageUp');
    await expect.poll(() => input.inputValue()).toBe('5');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect.poll(() => input.inputValue()).toBe('3');
    // The view settles on the page shown: the scroll handler agrees with the keys.
    await rendered(page, 3).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200);
    expect(await input.inputValue()).toBe('3');
    expect(await page.getByTestId('pdf-announce').textContent()).toBe('Page 3 of 12');
  });

  it('finds in the document with Ctrl+F and marks the matches in the text layer', async () => {
    await page.getByTestId('pdf-pages').focus();
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pdf-find');
    await page.keyboard.type('page 11 right');
    await expect.poll(() => page.getByTestId('pdf-find-count').textContent()).toBe('1/4');
    await rendered(page, 11).waitFor({ timeout: 15_000 });
    const current = page.locator('.tw-pdf-page[data-page="11"] mark.tw-pdf-match-current');
    await current.waitFor({ timeout: 15_000 });
    expect((await current.textContent())?.toLowerCase()).toBe('page 11 right');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pdf-find-count').textContent()).toBe('2/4');
    await page.screenshot({ path: '/tmp/pdf-viewer-find.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('mark.tw-pdf-match').count()).toBe(0);
  });

  it('opens ?src= only from addresses it may read, and asks the network nothing otherwise', async () => {
    const other = await s.context.newPage();
    const refused: [src: string, message: string][] = [
      ['http://journal.example/paper.pdf', 'http: addresses are not opened'],
      // Neither a content-script site nor one the reader granted.
      ['https://journal.example/paper.pdf', 'no access to journal.example'],
      ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.pdf', 'another extension'],
    ];
    for (const [src, message] of refused) {
      await other.goto(`chrome-extension://${s.extensionId}/pdf.html?src=${encodeURIComponent(src)}`);
      await expect.poll(() => other.getByTestId('pdf-error').textContent()).toContain(message);
      expect(requests).not.toContain(src);
    }
    await other.close();
  });

  it('is labelled for screen readers, shows dark pages on request, and fetched nothing remote', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Dark pages').check();
    expect(await page.locator('.tw-pdf-viewer.tw-pdf-invert').count()).toBe(1);
    await page.getByTestId('pdf-page-input').fill('1');
    await page.getByTestId('pdf-page-input').press('Enter');
    await rendered(page, 1).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: '/tmp/pdf-viewer-dark.png' });
    await page.getByLabel('Dark pages').uncheck();
    await page.screenshot({ path: '/tmp/pdf-viewer.png' });

    const own = `chrome-extension://${s.extensionId}/`;
    expect(
      requests.filter((u) => !u.startsWith(own) && !u.startsWith('blob:') && !u.startsWith('data:')),
    ).toEqual([]);
    // pdf.js runs in a real worker, loaded from the extension's own files.
    expect(page.workers().map((w) => w.url())).toEqual([
      expect.stringMatching(new RegExp(`^${own}assets/pdf\\.worker[^/]*\\.mjs$`)),
    ]);
    expect(errors).toEqual([]);
  });
});
