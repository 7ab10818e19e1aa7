/**
 * Where `pdf.html?src=<url>` may read a document from: this extension's own files, blobs it made,
 * local files (when the browser lets extensions read them), and https addresses the extension has
 * host access to: a site the reader granted (the optional host permission) or, in Manifest V3, a
 * content-script site (see ../open.ts). Anything else is refused before any request is made.
 */
import { mayRead } from '../open';

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
    return originOf(url) === extensionOrigin
      ? { ok: true, url, needsPermission: false }
      : { ok: false, reason: 'belongs to another extension or site' };
  }
  if (url.protocol === 'file:') return { ok: true, url, needsPermission: false };
  if (url.protocol === 'https:') return { ok: true, url, needsPermission: true };
  return { ok: false, reason: `${url.protocol} addresses are not opened` };
}

/**
 * `scheme://host` of an address, a blob's being that of the document that made it. Spelled out
 * rather than read from `URL.origin`, which is "null" for extension schemes outside the browsers
 * that own them.
 */
function originOf(url: URL): string {
  if (url.protocol === 'blob:') {
    try {
      return originOf(new URL(url.pathname));
    } catch {
      return 'null';
    }
  }
  return `${url.protocol}//${url.host}`;
}

/** Fetches the bytes of an allowed source; throws an Error with a reader-facing message. */
export async function fetchSource(raw: string): Promise<{ bytes: Uint8Array; name: string }> {
  const check = checkSource(raw, location.origin);
  if (!check.ok) throw new Error(`This address cannot be opened: ${check.reason}.`);
  if (check.needsPermission && !(await mayRead(check.url.href))) {
    throw new Error(`Takeaway has no access to ${check.url.host}. Enable it there first.`);
  }
  // With the reader's cookies for that site, as the tab read it (a subscription, a library proxy).
  const res = await fetch(check.url.href, { credentials: 'include' });
  if (!res.ok) throw new Error(`The document could not be read (HTTP ${res.status}).`);
  const name = decodeURIComponent(check.url.pathname.split('/').pop() || 'document.pdf');
  return { bytes: new Uint8Array(await res.arrayBuffer()), name };
}
