import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionSession } from './harness';

/**
 * The toolbar popup, opened the way the reader opens it: a click on the toolbar button of `tab`
 * (`Extensions.triggerAction`), which also grants activeTab, so the popup sees the tab's address.
 * Playwright does not list popups as pages, so it is driven over its own DevTools session.
 */
export async function clickToolbarButton(s: ExtensionSession, tab: Page) {
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
