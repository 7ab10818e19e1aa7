/**
 * Ways into the PDF viewer from the other extension pages: the address of `pdf.html` (empty, or
 * with `?src=` for a document in a tab), whether a tab shows a PDF, and whether the viewer may read
 * it. See viewer/source.ts for the rule the viewer itself applies.
 */
import { browser } from 'wxt/browser';
import { isArticleHost } from '../site-access';

/** `pdf.html`, with the document to open when `src` is given. */
export function pdfViewerUrl(src?: string): string {
  const page = browser.runtime.getURL('/pdf.html');
  return src ? `${page}?src=${encodeURIComponent(src)}` : page;
}

/** An https address whose path names a PDF file (`….pdf`, any case). */
export function isPdfAddress(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && /\.pdf$/i.test(u.pathname);
  } catch {
    return false;
  }
}

/**
 * Whether the viewer may read an https address as it stands, without asking: the reader granted
 * the site (the optional host permission), or it is a content-script site and the browser gives
 * extension pages access there (Manifest V3: content-script matches are host permissions; Firefox's
 * Manifest V2 keeps them apart).
 */
export async function mayRead(url: string): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (browser.runtime.getManifest().manifest_version >= 3 && isArticleHost(url)) return true;
  return browser.permissions.contains({ origins: [`${u.origin}/*`] }).catch(() => false);
}

/** What the popup offers for the active tab: a PDF it can open, and whether it must ask first. */
export interface TabPdf {
  url: string;
  /** The viewer may not read the site yet: the click asks the browser for that one site. */
  ask: boolean;
}

/**
 * The active tab's PDF, when it shows one: the address ends in `.pdf`, or the document says it is
 * a PDF (read with activeTab after the toolbar click; Firefox's own viewer refuses scripts, and
 * there only the address tells).
 */
export async function tabPdf(tabId: number, url: string): Promise<TabPdf | null> {
  if (!url.startsWith('https:')) return null;
  let pdf = isPdfAddress(url);
  if (!pdf) {
    pdf = await browser.scripting
      .executeScript({ target: { tabId }, func: () => document.contentType })
      .then((r) => r[0]?.result === 'application/pdf')
      .catch(() => false);
  }
  return pdf ? { url, ask: !(await mayRead(url)) } : null;
}

/**
 * Opens the tab's PDF in the viewer, in a new tab. Called from the click: when the site must be
 * granted first, the browser's prompt is asked for before anything else is awaited (Firefox only
 * shows it within the click).
 */
export async function openTabPdf(pdf: TabPdf): Promise<boolean> {
  if (pdf.ask) {
    const granted = await browser.permissions.request({ origins: [`${new URL(pdf.url).origin}/*`] });
    if (!granted) return false;
  }
  await browser.tabs.create({ url: pdfViewerUrl(pdf.url) });
  return true;
}
