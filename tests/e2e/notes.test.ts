import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteEditor,
  noteFrame,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const PUBMED = 'https://pubmed.ncbi.nlm.nih.gov/41800001/';
const PMC = 'https://pmc.ncbi.nlm.nih.gov/articles/PMC12345678/';
const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';

describe.skipIf(skipE2E)('notes follow the paper, in Chromium', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a note typed on PubMed appears on the PMC and publisher pages of the same paper', async () => {
    const pubmed = await s.context.newPage();
    await pubmed.goto(PUBMED);
    const editor = await readyEditor(pubmed);
    const text = 'RR 0.65 but CI crosses 1: not powered for mortality.';
    await editor.fill(text);
    await expect.poll(() => noteStatus(pubmed).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
    await pubmed.close();

    for (const url of [PMC, PUBLISHER]) {
      const page = await s.context.newPage();
      await page.goto(url);
      await readyEditor(page);
      await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(text);
      await page.close();
    }
  });

  it('closing the tab 100 ms after the last keystroke loses nothing', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    const editor = await readyEditor(page);
    await editor.fill('');
    const typed = ' Weekend physio staffing is the barrier; ask our ward.';
    await editor.press('End');
    await editor.pressSequentially(typed, { delay: 5 });
    await page.waitForTimeout(100);
    await page.close({ runBeforeUnload: true });

    const again = await s.context.newPage();
    await again.goto(PUBMED);
    await readyEditor(again);
    await expect.poll(() => noteEditor(again).inputValue(), { timeout: 10_000 }).toBe(typed);
    await again.close();
  });

  it('offers the tags already used when tagging another paper', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    await readyEditor(page);
    const frame = noteFrame(page);
    const input = frame.getByTestId('takeaway-tag-input');
    await input.fill('hip fracture');
    await input.press('Enter');
    await input.fill('rct');
    await input.press('Enter');
    await expect
      .poll(() => frame.getByTestId('takeaway-tag').allTextContents(), { timeout: 5_000 })
      .toEqual(['hip fracture×', 'rct×']);
    await page.waitForTimeout(200);
    await page.close();

    const other = await s.context.newPage();
    await other.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/');
    await readyEditor(other);
    const options = noteFrame(other).locator('datalist#tw-tag-suggestions option');
    await expect
      .poll(() => options.evaluateAll((os) => os.map((o) => o.getAttribute('value'))), { timeout: 5_000 })
      .toEqual(expect.arrayContaining(['hip fracture', 'rct']));
    await other.close();
  });

  it('two tabs on the same paper see each other’s edits as they are typed', async () => {
    const a = await s.context.newPage();
    const b = await s.context.newPage();
    await a.goto(PUBMED);
    await b.goto(PUBLISHER);
    const ea = await readyEditor(a);
    const eb = await readyEditor(b);
    await ea.fill('Typed in tab A.');
    await expect.poll(() => eb.inputValue(), { timeout: 10_000 }).toBe('Typed in tab A.');
    await eb.fill('Typed in tab A. Answered in tab B.');
    await expect.poll(() => ea.inputValue(), { timeout: 10_000 }).toBe('Typed in tab A. Answered in tab B.');
    await a.close();
    await b.close();
  });
});

describe.skipIf(skipE2E)('two records of one paper merge when a page links them, in Chromium', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a note on the DOI and a note on the PMID become one note with both texts once PMC shows both ids', async () => {
    // An older PubMed record that does not carry the DOI, under a title worded differently from
    // the journal's: nothing but the PMID identifies it.
    const withoutDoi = readFileSync('tests/fixtures/pages/notes-pubmed-41800001.html', 'utf8')
      .replaceAll(
        'Early mobilisation within 24 hours of hip fracture surgery and 30-day mortality: randomised controlled trial',
        'Mobilising patients on the day after hip surgery (MOBILE-HIP)',
      )
      .replace(/<meta name="citation_doi"[^>]*>/, '')
      .replace(/<li><span class="identifier doi">.*?<\/li>/s, '')
      .replace(/ doi: 10\.1136\/bmj-2025-081234\./, '');
    await s.context.route(PUBMED, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: withoutDoi }),
    );

    const publisher = await s.context.newPage();
    await publisher.goto(PUBLISHER);
    await (await readyEditor(publisher)).fill('From the BMJ page.');
    await expect.poll(() => noteStatus(publisher).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);

    const pubmed = await s.context.newPage();
    await pubmed.goto(PUBMED);
    const pe = await readyEditor(pubmed);
    expect(await pe.inputValue()).toBe('');
    await pe.fill('From PubMed.');
    await expect.poll(() => noteStatus(pubmed).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);

    const pmc = await s.context.newPage();
    await pmc.goto(PMC);
    await readyEditor(pmc);
    const merged = 'From the BMJ page.\n\nFrom PubMed.';
    await expect.poll(() => noteEditor(pmc).inputValue(), { timeout: 10_000 }).toBe(merged);
    // The tabs still open follow the merge.
    await expect.poll(() => noteEditor(publisher).inputValue(), { timeout: 10_000 }).toBe(merged);
    await expect.poll(() => noteEditor(pubmed).inputValue(), { timeout: 10_000 }).toBe(merged);

    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html`);
    await expect.poll(() => review.getByTestId('review-paper').count(), { timeout: 10_000 }).toBe(1);
    expect(await review.getByTestId('review-note').count()).toBe(1);
    await expect
      .poll(() => review.getByTestId('review-storage').textContent(), { timeout: 5_000 })
      .toMatch(/Storage used: \d/);
    await s.context.unroute(PUBMED);
    for (const p of [publisher, pubmed, pmc, review]) await p.close();
  });
});
