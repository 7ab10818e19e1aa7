import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, skipE2E, type ExtensionSession } from '../support/harness';
import { clickToolbarButton } from '../support/popup';

/** A medRxiv PDF (served from tests/fixtures/pdf/with-xmp.pdf, see FIXTURE_PDFS). */
const PDF_URL = 'https://www.medrxiv.org/content/10.1101/2025.01.01.25300001v1.full.pdf';

describe.skipIf(skipE2E)('ways into the PDF viewer', () => {
  let s: ExtensionSession;

  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens the PDF of the tab from the popup: "Open in Takeaway" on a content-script site', async () => {
    const tab = await s.context.newPage();
    await tab.goto(PDF_URL);
    await tab.bringToFront();
    const popup = await clickToolbarButton(s, tab);
    const button = `document.querySelector('[data-testid="popup-open-in-takeaway"]')`;
    await expect
      .poll(() => popup.evaluate<string | null>(`${button}?.textContent ?? null`), { timeout: 10_000 })
      .toBe('Open in Takeaway');
    const opened = s.context.waitForEvent('page', { timeout: 15_000 });
    await popup.evaluate(`${button}.click()`);
    const viewer = await opened;
    expect(viewer.url()).toBe(
      `chrome-extension://${s.extensionId}/pdf.html?src=${encodeURIComponent(PDF_URL)}`,
    );
    await viewer.locator('.tw-pdf-page[data-page="1"][data-rendered="true"]').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => viewer.getByTestId('pdf-identity-doi').textContent(), { timeout: 15_000 })
      .toBe('10.5555/takeaway.xmp.2024.101');
    expect(await viewer.getByTestId('pdf-identity-via').textContent()).toContain('XMP metadata');
    expect(await viewer.title()).toContain('25300001v1.full.pdf');
    await viewer.close();
    await tab.close();
  });

  it('offers no "Open in Takeaway" on an article page that is not a PDF', async () => {
    const tab = await s.context.newPage();
    await tab.goto('https://www.nejm.org/doi/full/10.1056/NEJMoa2599001');
    await tab.getByTestId('takeaway-overlay').waitFor({ state: 'attached', timeout: 15_000 });
    await tab.bringToFront();
    const popup = await clickToolbarButton(s, tab);
    await expect
      .poll(() => popup.evaluate<string>(`document.querySelector('[data-testid="popup-tab"]').textContent`))
      .toContain('Switch off on www.nejm.org');
    expect(await popup.evaluate(`!!document.querySelector('[data-testid="popup-open-in-takeaway"]')`)).toBe(
      false,
    );
    await tab.close();
  });

  it('"Open a PDF" in the popup and in the library lead to the viewer\'s file picker', async () => {
    for (const [path, testId] of [
      ['popup.html', 'popup-open-pdf'],
      ['review.html', 'review-open-pdf'],
    ] as const) {
      const from = await s.context.newPage();
      await from.goto(`chrome-extension://${s.extensionId}/${path}`);
      const opened = s.context.waitForEvent('page', { timeout: 15_000 });
      await from.getByTestId(testId).click();
      const viewer = await opened;
      await viewer.getByTestId('pdf-open-file').waitFor({ state: 'attached', timeout: 15_000 });
      expect(new URL(viewer.url()).pathname).toBe('/pdf.html');
      await viewer.getByTestId('pdf-drop-zone').waitFor({ state: 'visible' });
      await viewer.close();
      await from.close();
    }
  });
});
