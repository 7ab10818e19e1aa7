/**
 * The glance in the real panel: fixture pages of the glance's own tests (tests/fixtures/glance/),
 * served at their real addresses, with the built extension. Each page has no reviewed summary in
 * the bundled index, so the panel opens with the automatic reading of its abstract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { clickToolbarButton } from '../support/popup';
import {
  FIXTURE_PAGES,
  launchWithExtension,
  noteStatus,
  readyEditor,
  screenshotPath,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const PANEL = [['takeaway-panel', '.tw-root']];

/** Address → file, relative to tests/fixtures/pages (where the harness serves from). */
const GLANCE_PAGES: Record<string, string> = {
  'https://pubmed.ncbi.nlm.nih.gov/39100001/': '../glance/pubmed-structured.html',
  'https://pubmed.ncbi.nlm.nih.gov/39100002/': '../glance/pubmed-plain.html',
  'https://pubmed.ncbi.nlm.nih.gov/39100003/': '../glance/pubmed-retracted.html',
  'https://pubmed.ncbi.nlm.nih.gov/39100004/': '../glance/pubmed-noabstract.html',
  'https://pmc.ncbi.nlm.nih.gov/articles/PMC11000001/': '../glance/pmc-article.html',
  'https://jamanetwork.com/journals/jama/fullarticle/2820001': '../glance/jama-keypoints.html',
  'https://www.medrxiv.org/content/10.1101/2025.03.10.25300001v1': '../glance/medrxiv-preprint.html',
};

async function card(page: Page) {
  const g = page.getByTestId('takeaway-glance');
  await g.waitFor({ state: 'visible', timeout: 10_000 });
  return g;
}

const text = async (page: Page, testid: string) =>
  ((await page.getByTestId(testid).first().textContent()) ?? '').replace(/\s+/g, ' ');

describe.skipIf(skipE2E)('the glance: an automatic reading of the page’s abstract', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension({ pages: { ...FIXTURE_PAGES, ...GLANCE_PAGES } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each([
    [
      'PubMed, structured abstract',
      'https://pubmed.ncbi.nlm.nih.gov/39100001/',
      /Randomized controlled trial.*publication type/,
      /212 participants/,
      /coached home walking programme improved walking distance/,
      ['Open label'],
    ],
    [
      'PubMed, unstructured abstract',
      'https://pubmed.ncbi.nlm.nih.gov/39100002/',
      /Cohort study.*from the words/,
      /38 participants/,
      /Low vitamin D is associated with falls in care-home residents/,
      ['Observational design', 'Small study', 'Single centre'],
    ],
    [
      'PMC',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC11000001/',
      /Randomized controlled trial/,
      /1,204 participants/,
      /Text-message reminders modestly improved statin adherence/,
      [],
    ],
    [
      'a publisher page (JAMA, with Key Points)',
      'https://jamanetwork.com/journals/jama/fullarticle/2820001',
      /Randomized controlled trial/,
      /640 participants/,
      /Mobilization on the day of hip fracture surgery shortened hospital stay/,
      ['Short follow-up'],
    ],
    [
      'a medRxiv preprint',
      'https://www.medrxiv.org/content/10.1101/2025.03.10.25300001v1',
      /Randomized controlled trial/,
      /96 participants/,
      /A full trial of classroom air filters is feasible/,
      ['Preprint', 'Pilot'],
    ],
  ])(
    '%s: shows the design, the sample and the authors’ conclusion',
    async (_site, url, design, sample, conclusion, caveats) => {
      const page = await s.context.newPage();
      await page.goto(url);
      const g = await card(page);
      expect(await g.textContent()).toMatch(/automatic reading, not a reviewed summary/);
      expect(await text(page, 'takeaway-glance-design')).toMatch(design);
      expect(await text(page, 'takeaway-glance-sample')).toMatch(sample);
      expect(await text(page, 'takeaway-glance-conclusion')).toMatch(conclusion);
      expect(await text(page, 'takeaway-glance-conclusion')).toMatch(/authors’ conclusion/);
      const caveatText = caveats.length ? await text(page, 'takeaway-glance-caveats') : '';
      for (const c of caveats) expect(caveatText).toContain(c);
      // No graded colour: the card carries no evidence-level badge.
      expect(await g.locator('.tw-evidence, [data-testid="takeaway-evidence"]').count()).toBe(0);
      await page.close();
    },
  );

  it('on a retracted paper, says so first and lists the retraction among the caveats', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/39100003/');
    await page.getByTestId('takeaway-retracted').waitFor({ timeout: 10_000 });
    await card(page);
    expect(await text(page, 'takeaway-glance-caveats')).toMatch(/Retracted/i);
    await page.close();
  });

  it('a page without an abstract gets the identified paper and the note only, no card', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/39100004/');
    const overlay = page.getByTestId('takeaway-overlay');
    await overlay.waitFor({ timeout: 10_000 });
    // Nothing to read: the panel starts as a tab; opened, it names the paper and offers the note.
    await overlay
      .getByRole('button', { name: /Takeaway/ })
      .first()
      .click();
    await page.getByTestId('takeaway-no-summary').waitFor({ timeout: 5_000 });
    expect(await page.locator('iframe.tw-note-frame').count()).toBe(1);
    expect(await page.getByTestId('takeaway-glance').count()).toBe(0);
    await page.close();
  });

  it('shows on the page the words a caveat and the conclusion rest on', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/39100002/');
    await card(page);
    const caveat = page.getByTestId('takeaway-glance-caveats').locator('li').first();
    // The evidence words appear on focus.
    await caveat.focus();
    const evidence = caveat.locator('.tw-caveat-evidence');
    await expect.poll(() => evidence.isVisible()).toBe(true);
    const words = ((await evidence.textContent()) ?? '').match(/Based on: “(.*)”/)?.[1] ?? '';
    expect(words.length).toBeGreaterThan(3);
    await caveat.getByRole('button', { name: /Show/ }).click();
    await expect.poll(() => page.evaluate(() => getSelection()?.toString().replace(/\s+/g, ' '))).toBe(words);
    // The selection is in the page's own abstract, not in the panel.
    expect(
      await page.evaluate(
        () => getSelection()?.anchorNode?.parentElement?.closest('#abstract, .abstract') !== null,
      ),
    ).toBe(true);
    await page
      .getByTestId('takeaway-glance-conclusion')
      .getByRole('button', { name: 'show on page' })
      .click();
    await expect
      .poll(() => page.evaluate(() => getSelection()?.toString()))
      .toMatch(/^Low vitamin D is associated with falls/);
    await page.close();
  });

  it('with a reviewed summary, keeps the summary first and the glance one click away', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/');
    await page.getByTestId('takeaway-key-takeaway').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('takeaway-glance').count()).toBe(0);
    const toggle = page.getByTestId('takeaway-glance-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await card(page);
    expect(await text(page, 'takeaway-glance')).toMatch(/From the abstract/);
    await page.close();
  });

  it('opens a concept page from the page’s subject terms, listing notes on papers that share it', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/39100001/');
    await card(page);
    const editor = await readyEditor(page);
    const note = 'Coached walking: check adherence data before recommending.';
    await editor.fill(note);
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
    const chip = page
      .getByTestId('takeaway-glance-concepts')
      .getByRole('button', { name: 'Intermittent Claudication' });
    const [concept] = await Promise.all([s.context.waitForEvent('page'), chip.click()]);
    await concept.getByTestId('concept-name').waitFor({ timeout: 10_000 });
    expect(await concept.getByTestId('concept-name').textContent()).toBe('Intermittent Claudication');
    // The paper has no summary naming the concept: its page listed it as a MeSH term.
    await concept.getByTestId('concept-notes').waitFor({ timeout: 10_000 });
    expect(await concept.getByTestId('concept-notes').textContent()).toContain(note);
    await concept.close();
    await page.close();
  });

  it('gives the popup the glance’s one line: design and sample', async () => {
    const tab = await s.context.newPage();
    await tab.goto('https://pubmed.ncbi.nlm.nih.gov/39100001/');
    await card(tab);
    await tab.bringToFront();
    const popup = await clickToolbarButton(s, tab);
    await expect
      .poll(
        () =>
          popup.evaluate<string | null>(
            `document.querySelector('[data-testid="popup-glance"]')?.textContent ?? null`,
          ),
        { timeout: 10_000 },
      )
      .toBe('From the abstract (automatic reading): Randomized controlled trial · 212 participants');
    await tab.close();
  });

  it('has no accessibility violations, light and dark, and takes screenshots', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/39100002/');
    await card(page);
    expect(await axeViolations(page, PANEL)).toEqual([]);
    await page.screenshot({ path: screenshotPath('glance-light') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page, PANEL)).toEqual([]);
    await page.screenshot({ path: screenshotPath('glance-dark') });
    await page.goto('https://jamanetwork.com/journals/jama/fullarticle/2820001');
    await card(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: screenshotPath('glance-jama') });
    await page.close();
  });
});
