/**
 * Sending the protocol's messages (lib/shared/protocol.ts) from any context, and the content
 * script's side of the tab protocol. One of the two modules of lib/shared that may use the
 * browser's API (with settings.ts); the background's side, checks and dispatch, is
 * lib/extension/background/router.ts.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Envelope, MessageType, RequestOf, ResponseOf, Result, TabProtocolMap } from './protocol';

/** Send a typed request to the background; never throws, errors come back as `{ok: false}`. */
export async function sendMessage<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<Result<ResponseOf<K>>> {
  try {
    const res = (await browser.runtime.sendMessage({ type, data } satisfies Envelope<K>)) as
      Result<ResponseOf<K>> | undefined;
    return res ?? { ok: false, error: 'no answer from the extension' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

type TabType = keyof TabProtocolMap;
type TabRequest<K extends TabType> = Parameters<TabProtocolMap[K]>[0];
type TabResponse<K extends TabType> = ReturnType<TabProtocolMap[K]>;

/** Send a typed request to the content script of one tab; errors (no content script there) come back as data. */
export async function sendTabMessage<K extends TabType>(
  tabId: number,
  type: K,
  data: TabRequest<K>,
): Promise<Result<TabResponse<K>>> {
  try {
    const res = (await browser.tabs.sendMessage(tabId, { type, data })) as Result<TabResponse<K>> | undefined;
    return res ?? { ok: false, error: 'Takeaway is not running on this page' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export type TabHandlers = {
  [K in TabType]: (data: TabRequest<K>) => Promise<TabResponse<K>> | TabResponse<K>;
};

/** Content-script side of the tab protocol: only this extension's own messages, only known types. */
export function listenForTabMessages(handlers: TabHandlers, signal: AbortSignal): void {
  const listener = (msg: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    if (typeof msg !== 'object' || msg === null) return undefined;
    const { type, data } = msg as { type?: unknown; data?: unknown };
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, type)) return undefined;
    const handler = handlers[type as TabType] as (d: unknown) => unknown;
    return Promise.resolve()
      .then(() => handler(data))
      .then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
      );
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
