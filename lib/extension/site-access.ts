import { browser } from 'wxt/browser';
import { ARTICLE_HOSTS, hostMatches } from '../shared/hosts';

/** The content script's files, as built by WXT: what is registered for a site the reader enables. */
const CONTENT_SCRIPT = '/content-scripts/article.js';

function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? `https://${u.host}/*` : null;
  } catch {
    return null;
  }
}

/** True when the content script runs on this address out of the box. */
export function isArticleHost(url: string): boolean {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return false;
    host = u.host;
  } catch {
    return false;
  }
  return hostMatches(host, ARTICLE_HOSTS);
}

/**
 * Switch Takeaway on for another site: ask for that one host (the browser shows the prompt), then
 * register the content script there and run it on the current tab. Must be called from a click.
 */
export async function enableOnSite(url: string, tabId: number): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return false;
  const granted = await browser.permissions.request({ origins: [pattern] });
  if (!granted) return false;
  const id = `takeaway-${new URL(url).host}`;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length === 0) {
    await browser.scripting.registerContentScripts([
      { id, matches: [pattern], js: [CONTENT_SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  await runOnce(tabId);
  return true;
}

/** Run the content script once on the current tab (the toolbar click grants activeTab). */
export async function runOnce(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
}
