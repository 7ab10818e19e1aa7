/**
 * The background's side of the protocol: who may send what, and dispatch to the handlers after
 * the request checks. A message from another extension or a web page gets no answer at all.
 */
import type { Browser } from 'wxt/browser';
import {
  EXTENSION_PAGES_ONLY,
  type MessageType,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/protocol';
import { isEnvelope, validators } from './request-checks';

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
