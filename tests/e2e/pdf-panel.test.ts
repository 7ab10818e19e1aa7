import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import {
  FIXTURE_PAGES,
  launchWithExtension,
  noteFrame,
  noteStatus,
  readyEditor,
  screenshotPath,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const FIXTURES = resolve('tests/fixtures/pdf');
const DOI = '10.5555/takeaway.xmp.2024.101';
/** The article page of with-xmp.pdf's paper, on a content-script site. */
const ARTICLE = 'https://www.bmj.com/content/392/bmj-2024-000101';
const PAGES = { ...FIXTURE_PAGES, [ARTICLE]: 'pdf-paper-bmj-xmp101.html' };
const NOTE = 'Read in the PDF: the mortality estimate is imprecise.';

const rendered = (page: Page, n: number) =>
  page.locator(`.tw-pdf-page[data-page="${n}"][data-rendered="true"]`);

/** Selects the text layer's first run holding `words` on page 1 and releases the mouse there. */
async function selectRun(page: Page, words: string): Promise<string> {
  const text = await page.evaluate((w) => {
    const spans = Array.from(document.querySelectorAll('.tw-pdf-page[data-page="1"] .textLayer span'));
    const span = spans.find((s) => s.textContent?.includes(w));
    if (!span) throw new Error(`no run with "${w}"`);
    const range = document.createRange();
    range.selectNodeContents(span);
    const sel = document.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    span.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return span.textContent ?? '';
  }, words);
  return text.trim();
}

/** The note editor of the viewer's panel, once the paper is read and the note frame loaded. */
async function pdfEditor(page: Page) {
  await page.locator('iframe.tw-note-frame').waitFor({ state: 'attached', timeout: 15_000 });
  return readyEditor(page);
}

async function openFile(page: Page, extensionId: string, file: string): Promise<number> {
  await page.goto(`chrome-extension://${extensionId}/pdf.html`);
  await page.getByTestId('pdf-open-file').waitFor({ state: 'attached', timeout: 15_000 });
  const t0 = Date.now();
  await page.getByTestId('pdf-open-file').setInputFiles(resolve(FIXTURES, file));
  return t0;
}

describe.skipIf(skipE2E)('a PDF read in the viewer, with the article panel beside it (Chromium)', () => {
  let s: ExtensionSession;
  let page: Page;
  const errors: string[] = [];
  let quote = '';

  beforeAll(async () => {
    s = await launchWithExtension({ pages: PAGES });
    page = await s.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens a fixture PDF through the picker: the paper, the glance of its abstract, the note frame', async () => {
    await openFile(page, s.extensionId, 'with-xmp.pdf');
    const panel = page.getByTestId('pdf-panel-slot').getByTestId('takeaway-overlay');
    await panel.waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.getByTestId('pdf-identity-doi').textContent()).toBe(DOI);
    // No reviewed summary for this fictional paper: the glance of the PDF's own abstract.
    await panel.getByTestId('takeaway-no-summary').waitFor({ timeout: 15_000 });
    const glance = panel.getByTestId('takeaway-glance');
    await glance.waitFor();
    expect(await glance.getByTestId('takeaway-glance-design').textContent()).toMatch(/randomi[sz]ed/i);
    expect(await glance.textContent()).toContain('412');
    expect(await glance.textContent()).toContain('not powered for mortality');
    expect(await panel.locator('iframe.tw-note-frame').count()).toBe(1);
    expect(await page.getByTestId('pdf-keep-copy').isChecked()).toBe(false);
  });

  it('keeps a note written in the panel', async () => {
    const editor = await pdfEditor(page);
    await editor.fill(NOTE);
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
  });

  it('highlights text selected on the page with the toolbar, and lists it in the note frame', async () => {
    await rendered(page, 1).waitFor({ timeout: 15_000 });
    quote = await selectRun(page, 'safe and feasible');
    const bar = page.getByTestId('takeaway-highlight-toolbar');
    await bar.waitFor({ timeout: 5_000 });
    expect(await axeViolations(page)).toEqual([]);
    await bar.getByLabel('Highlight in green').click();
    const marks = page.locator('.tw-pdf-page[data-page="1"] [data-testid="pdf-highlight"]');
    await expect.poll(() => marks.count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await marks.first().getAttribute('data-color')).toBe('green');
    await expect
      .poll(() => noteFrame(page).getByTestId('takeaway-highlight-item').count(), { timeout: 5_000 })
      .toBe(1);
    expect(await noteFrame(page).getByTestId('takeaway-highlight-item').textContent()).toContain(quote);
  });

  it('keeps a copy of the file only when asked', async () => {
    await page.getByTestId('pdf-keep-copy').check();
    await expect.poll(() => page.getByTestId('pdf-keep-copy').isDisabled()).toBe(false);
    expect(await page.getByTestId('pdf-keep-copy').isChecked()).toBe(true);
  });

  it('is labelled for screen readers, light and dark; screenshots of both', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('pdf-panel') });
    // The top of the panel: the paper and the glance.
    await page.getByTestId('pdf-panel-slot').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('pdf-panel-top') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('pdf-panel-dark') });
    await page.getByLabel('Dark pages').check();
    await page.screenshot({ path: screenshotPath('pdf-panel-dark-pages') });
    await page.getByLabel('Dark pages').uncheck();
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('after closing and reopening the file: the note is there and the highlight is drawn again', async () => {
    await page.close();
    page = await s.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openFile(page, s.extensionId, 'with-xmp.pdf');
    await rendered(page, 1).waitFor({ timeout: 15_000 });
    const marks = page.locator('.tw-pdf-page[data-page="1"] [data-testid="pdf-highlight"]');
    await expect.poll(() => marks.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The boxes cover the quoted run of the text layer.
    const covered = await page.evaluate((q) => {
      const span = Array.from(document.querySelectorAll('.tw-pdf-page[data-page="1"] .textLayer span')).find(
        (el) => el.textContent?.trim() === q,
      );
      const box = document.querySelector('.tw-pdf-page[data-page="1"] [data-testid="pdf-highlight"]');
      if (!span || !box) return false;
      const a = span.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return Math.abs(a.top - b.top) < 3 && Math.abs(a.left - b.left) < 3;
    }, quote);
    expect(covered).toBe(true);
    const editor = await pdfEditor(page);
    await expect.poll(() => editor.inputValue(), { timeout: 10_000 }).toBe(NOTE);
    expect(await page.getByTestId('pdf-keep-copy').isChecked()).toBe(true);
  });

  it('the same paper’s article page shows the same note and the highlight', async () => {
    const article = await s.context.newPage();
    await article.goto(ARTICLE);
    const editor = await readyEditor(article);
    await expect.poll(() => editor.inputValue(), { timeout: 10_000 }).toBe(NOTE);
    await expect
      .poll(() => noteFrame(article).getByTestId('takeaway-highlight-item').count(), { timeout: 5_000 })
      .toBe(1);
    await article.screenshot({ path: screenshotPath('pdf-note-on-article') });
    await article.close();
  });

  it('the library lists the highlight with its page and opens the kept PDF again', async () => {
    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html`);
    const row = review
      .getByTestId('review-paper')
      .filter({ hasText: 'Early mobilisation after hip fracture' });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('link').first().click();
    await review.getByTestId('paper-view').waitFor();
    expect(await review.getByTestId('paper-highlight-page').textContent()).toBe('In the PDF, page 1');
    const link = review.getByTestId('paper-kept-pdf');
    await link.waitFor({ timeout: 5_000 });
    const [kept] = await Promise.all([s.context.waitForEvent('page'), link.click()]);
    await kept.waitForLoadState();
    expect(kept.url()).toMatch(/\/pdf\.html\?kept=[0-9a-f]+$/);
    await rendered(kept, 1).waitFor({ timeout: 15_000 });
    await expect.poll(() => kept.getByTestId('pdf-identity-doi').textContent()).toBe(DOI);
    await expect
      .poll(() => kept.locator('[data-testid="pdf-highlight"]').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await kept.getByTestId('pdf-keep-copy').isChecked()).toBe(true);
    await kept.close();
    await review.close();
  });

  it('a file without a DOI is known again by its fingerprint', async () => {
    const p = await s.context.newPage();
    await openFile(p, s.extensionId, 'no-doi.pdf');
    let editor = await pdfEditor(p);
    await editor.fill('No DOI, same file.');
    await expect.poll(() => noteStatus(p).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
    await p.close();
    const again = await s.context.newPage();
    await openFile(again, s.extensionId, 'no-doi.pdf');
    editor = await pdfEditor(again);
    await expect.poll(() => editor.inputValue(), { timeout: 10_000 }).toBe('No DOI, same file.');
    await again.close();
  });

  it('long.pdf: first page drawn and paper identified (timings printed)', async () => {
    const firstPage: number[] = [];
    const identified: number[] = [];
    const panelShown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await s.context.newPage();
      await p.goto(`chrome-extension://${s.extensionId}/pdf.html`);
      const input = p.getByTestId('pdf-open-file');
      await input.waitFor({ state: 'attached', timeout: 15_000 });
      // Measured in the page, from the file input's change event: what the reader waits for.
      await p.evaluate(() => {
        const w = window as unknown as { times: Record<string, number> };
        w.times = {};
        const input = document.querySelector('[data-testid="pdf-open-file"]');
        input?.addEventListener('change', () => {
          w.times.chosen = performance.now();
          const seen = (name: string, selector: string) => {
            if (w.times[name] === undefined && document.querySelector(selector))
              w.times[name] = performance.now();
          };
          const check = () => {
            seen('page', '.tw-pdf-page[data-page="1"][data-rendered="true"]');
            seen('identified', '[data-testid="pdf-identity-doi"]');
            seen('panel', '[data-testid="takeaway-glance"], [data-testid="takeaway-key-takeaway"]');
          };
          new MutationObserver(check).observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
          });
        });
      });
      await input.setInputFiles(resolve(FIXTURES, 'long.pdf'));
      await rendered(p, 1).waitFor({ timeout: 15_000 });
      await p.getByTestId('takeaway-glance').waitFor({ timeout: 15_000 });
      const t = await p.evaluate(() => (window as unknown as { times: Record<string, number> }).times);
      const chosen = t.chosen ?? NaN;
      firstPage.push((t.page ?? NaN) - chosen);
      identified.push((t.identified ?? NaN) - chosen);
      panelShown.push((t.panel ?? NaN) - chosen);
      await p.close();
    }
    const median = (xs: number[]) =>
      Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);
    console.log(
      `pdf long.pdf (12 pages), from file chosen, median of 5: first page drawn ${median(firstPage)} ms, identified ${median(identified)} ms, panel with glance ${median(panelShown)} ms`,
    );
    expect(firstPage.every(Number.isFinite)).toBe(true);
    expect(errors).toEqual([]);
  });
});
