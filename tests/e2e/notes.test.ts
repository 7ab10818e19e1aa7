import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteEditor,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from './harness';

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
