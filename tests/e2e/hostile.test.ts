import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, screenshotPath, skipE2E, type ExtensionSession } from '../support/harness';

const URL = 'https://www.frontiersin.org/articles/10.3389/fmed.2025.9999001/full';

/**
 * A page whose every field the extension reads (title, meta tags, JSON-LD) carries markup and
 * script, with a summary that does the same, and that floods its own document with mutations.
 */
describe.skipIf(skipE2E)('a hostile page', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows injected markup as text, runs none of it, and keeps working under a mutation flood', async () => {
    const page = await s.context.newPage();
    await page.goto(URL);
    const takeaway = page.getByTestId('takeaway-key-takeaway');
    await takeaway.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await takeaway.textContent()).toContain('<img src=x onerror=');
    expect(await takeaway.textContent()).toContain('<script>');

    // Nothing of the injected markup became elements in the panel.
    const panelElements = await page.evaluate(() => {
      const root = document.querySelector('takeaway-panel')?.shadowRoot;
      return root
        ? [...root.querySelectorAll('img, script, iframe:not(.tw-note-frame), svg, b, u, i')].map(
            (e) => e.localName,
          )
        : null;
    });
    expect(panelElements).toEqual([]);
    expect(await page.getByTestId('takeaway-caveats').textContent()).toContain('<b>Not bold</b>');
    // Links shown by the panel are https or the extension's own.
    const hrefs = await page.evaluate(() => {
      const root = document.querySelector('takeaway-panel')?.shadowRoot;
      return root ? [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '') : [];
    });
    expect(hrefs.filter((h) => !h.startsWith('https://'))).toEqual([]);

    // The flood is over, the page kept drawing frames, and nothing injected ever ran.
    await page.waitForFunction(
      () => (window as unknown as { __floodFrames?: number }).__floodFrames !== undefined,
      null,
      {
        timeout: 15_000,
      },
    );
    const frames = await page.evaluate(() => (window as unknown as { __floodFrames: number }).__floodFrames);
    expect(frames).toBeGreaterThan(30);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await takeaway.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('hostile-page') });
    await page.close();
  });

  it('the popup finds summaries by concept as well as by identifier', async () => {
    const popup = await s.context.newPage();
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html`);
    const box = popup.getByTestId('popup-search');
    await box.fill('bone metastasis');
    await box.press('Enter');
    const list = popup.getByTestId('popup-concept');
    await list.waitFor({ timeout: 10_000 });
    expect(await list.textContent()).toContain('Denosumab versus Zoledronic Acid');
    await box.fill('10.1056/NEJMoa2599001');
    await box.press('Enter');
    await expect.poll(() => popup.getByTestId('popup-hit').textContent()).toContain('Early Mobilization');
    await popup.close();
  });
});
