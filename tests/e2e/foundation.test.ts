import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intersects, type Box } from '../../lib/page/layout';
import {
  launchWithExtension,
  noteEditor,
  noteStatus,
  screenshotPath,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const SEED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
const UNKNOWN_URL = 'https://pubmed.ncbi.nlm.nih.gov/39900001/';

describe.skipIf(skipE2E)('a PubMed page in Chromium with the built extension', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the takeaway, evidence, caveats and concepts of the seed paper, off the article text', async () => {
    const page = await s.context.newPage();
    await page.goto(SEED_URL);
    const takeaway = page.getByTestId('takeaway-key-takeaway');
    await expect.poll(() => takeaway.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await takeaway.textContent()).toMatch(/cytokine crosstalk/i);
    const evidence = (await page.getByTestId('takeaway-evidence').textContent()) ?? '';
    expect(evidence).toMatch(/Narrative review/);
    expect(evidence).toMatch(/Level 5\/5/);
    expect(await page.getByTestId('takeaway-caveats').locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('takeaway-concepts').textContent()).toContain('bone metastasis');

    // The panel must not sit on any of the article's text at 1280×800.
    const panel = (await page.getByTestId('takeaway-overlay').boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    const panelBox: Box = {
      left: panel.x,
      top: panel.y,
      right: panel.x + panel.width,
      bottom: panel.y + panel.height,
    };
    const textBoxes = await page
      .locator('#article-details')
      .locator('h1, p, li')
      .evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return {
            left: r.left,
            top: r.top,
            right: r.right,
            bottom: r.bottom,
            text: (e.textContent ?? '').slice(0, 40),
          };
        }),
      );
    expect(textBoxes.length).toBeGreaterThan(5);
    expect(textBoxes.filter((b) => intersects(b, panelBox))).toEqual([]);
    await page.screenshot({ path: screenshotPath('pubmed-seed-overlay') });

    // Collapsing leaves a small tab and no takeaway in the way.
    await page.getByRole('button', { name: 'Collapse Takeaway panel' }).click();
    await expect.poll(() => takeaway.count()).toBe(0);
    await page.getByRole('button', { name: /Show Takeaway|Takeaway/ }).click();
    await expect.poll(() => takeaway.isVisible()).toBe(true);
    await page.close();
  });

  it('shows no takeaway for a paper that is not in the index, and leaves the page intact', async () => {
    const page = await s.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(UNKNOWN_URL);
    const overlay = page.getByTestId('takeaway-overlay');
    await expect.poll(() => overlay.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('takeaway-key-takeaway').count()).toBe(0);
    await expect
      .poll(() => page.locator('h1.heading-title').textContent())
      .toMatch(/^Exercise Training After Hip Fracture/);
    expect(await page.locator('#eng-abstract p').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a note typed in the panel across a reload, and lists it in the library', async () => {
    const page = await s.context.newPage();
    await page.goto(SEED_URL);
    const editor = noteEditor(page);
    await editor.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => editor.isEnabled()).toBe(true);
    const text = 'Discuss at journal club: RANKL + checkpoint combination is untested.';
    await editor.fill(text);
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);

    await page.reload();
    await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(text);
    await page.close();

    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html`);
    await expect
      .poll(() => review.getByTestId('review-note').first().textContent(), { timeout: 10_000 })
      .toContain(text);
    expect(await review.getByTestId('review-paper').first().textContent()).toContain('Cytokine Networks');
    await review.close();
  });
});
