import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, skipE2E, type ExtensionSession } from '../support/harness';

/** A medRxiv PDF (served from tests/fixtures/pdf/with-xmp.pdf, see FIXTURE_PDFS). */
const PDF_URL = 'https://www.medrxiv.org/content/10.1101/2025.01.01.25300001v1.full.pdf';

/**
 * The toolbar popup, opened the way the reader opens it: a click on the toolbar button of `tab`
 * (`Extensions.triggerAction`), which also grants activeTab, so the popup sees the tab's address.
 * Playwright does not list popups as pages, so it is driven over its own DevTools session.
 */
async function clickToolbarButton(s: ExtensionSession, tab: Page) {
  const browser = s.context.browser();
  if (!browser) throw new Error('no browser');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos: tabs } = (await cdp.send('Target.getTargets', {
    filter: [{ type: 'tab' }],
  })) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = tabs.find((t) => t.url === tab.url());
  if (!target) throw new Error(`no tab target for ${tab.url()}`);
  await cdp.send(
    'Extensions.triggerAction' as never,
    { id: s.extensionId, targetId: target.targetId } as never,
  );
  let popupId: string | undefined;
  for (let i = 0; i < 50 && !popupId; i++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    popupId = targetInfos.find((t) => t.url.endsWith('/popup.html'))?.targetId;
    if (!popupId) await tab.waitForTimeout(100);
  }
  if (!popupId) throw new Error('the popup did not open');
  return popupSession(cdp, popupId);
}

/** `Runtime.evaluate` in the popup, through the browser session (the popup is no Playwright page). */
async function popupSession(cdp: CDPSession, targetId: string) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  const replies = new Map<number, (v: { result?: { result?: { value?: unknown } } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: { result?: { value?: unknown } } };
    if (m.id !== undefined) replies.get(m.id)?.(m);
  });
  let next = 0;
  const evaluate = <T>(expression: string): Promise<T> =>
    new Promise((res) => {
      const id = ++next;
      replies.set(id, (m) => res(m.result?.result?.value as T));
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({
          id,
          method: 'Runtime.evaluate',
          params: { expression, awaitPromise: true, returnByValue: true, userGesture: true },
        }),
      });
    });
  return { evaluate };
}

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
