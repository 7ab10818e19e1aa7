/**
 * Where `pdf.html?src=<url>` may read a document from: this extension's own files, blobs it made,
 * local files (when the browser lets extensions read them), and https addresses the reader has
 * granted the extension (the optional host permission). Anything else is refused before any
 * request is made.
 */
import { browser } from 'wxt/browser';

export type SourceCheck = { ok: true; url: URL; needsPermission: boolean } | { ok: false; reason: string };

/** The rule, without the permission lookup: pure, for tests. */
export function checkSource(raw: string, extensionOrigin: string): SourceCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not an address' };
  }
  if (url.protocol === 'blob:' || url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:') {
    return url.origin === extensionOrigin
      ? { ok: true, url, needsPermission: false }
      : { ok: false, reason: 'belongs to another extension or site' };
  }
  if (url.protocol === 'file:') return { ok: true, url, needsPermission: false };
  if (url.protocol === 'https:') return { ok: true, url, needsPermission: true };
  return { ok: false, reason: `${url.protocol} addresses are not opened` };
}

/** Fetches the bytes of an allowed source; throws an Error with a reader-facing message. */
export async function fetchSource(raw: string): Promise<{ bytes: Uint8Array; name: string }> {
  const check = checkSource(raw, location.origin);
  if (!check.ok) throw new Error(`This address cannot be opened: ${check.reason}.`);
  if (check.needsPermission) {
    const origins = [`${check.url.origin}/*`];
    const granted = await browser.permissions.contains({ origins }).catch(() => false);
    if (!granted) throw new Error(`Takeaway has no access to ${check.url.host}. Enable it there first.`);
  }
  const res = await fetch(check.url.href);
  if (!res.ok) throw new Error(`The document could not be read (HTTP ${res.status}).`);
  const name = decodeURIComponent(check.url.pathname.split('/').pop() || 'document.pdf');
  return { bytes: new Uint8Array(await res.arrayBuffer()), name };
}
