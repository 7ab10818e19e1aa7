import { browser, type Browser } from 'wxt/browser';
import {
  EXTENSION_PAGES_ONLY,
  isEnvelope,
  validators,
  type Envelope,
  type MessageType,
  type RequestOf,
  type ResponseOf,
  type Result,
  type TabProtocolMap,
} from './protocol';

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

export type Handlers = {
  [K in MessageType]: (data: RequestOf<K>, sender: Browser.runtime.MessageSender) => Promise<ResponseOf<K>>;
};

/** True when a message comes from this extension itself (its content scripts or its pages). */
export function isOwnSender(sender: Browser.runtime.MessageSender, ownId: string): boolean {
  return sender.id === ownId;
}

/** True when the sender is one of the extension's own pages (not a content script in a web page). */
export function isExtensionPage(sender: Browser.runtime.MessageSender, ownId: string): boolean {
  if (sender.id !== ownId || !sender.url) return false;
  try {
    // The host is not compared: Firefox uses a per-install UUID and Chrome a dynamic id for
    // web-accessible pages; `sender.id` already proves the extension.
    return /^(chrome|moz)-extension:$/.test(new URL(sender.url).protocol);
  } catch {
    return false;
  }
}

/**
 * Dispatch a message to its handler after validating sender and shape. Anything else is ignored
 * (undefined), so other listeners and foreign senders get no answer.
 */
export function dispatch(
  handlers: Handlers,
  msg: unknown,
  sender: Browser.runtime.MessageSender,
  ownId: string,
): Promise<Result<unknown>> | undefined {
  if (!isOwnSender(sender, ownId) || !isEnvelope(msg)) return undefined;
  const type = msg.type;
  if (EXTENSION_PAGES_ONLY.has(type) && !isExtensionPage(sender, ownId)) return undefined;
  if (!validators[type](msg.data)) return Promise.resolve({ ok: false, error: `invalid ${type} request` });
  const handler = handlers[type] as (data: unknown, s: Browser.runtime.MessageSender) => Promise<unknown>;
  return handler(msg.data, sender).then(
    (value) => ({ ok: true as const, value }),
    (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
  );
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
