import { storage } from 'wxt/utils/storage';

/** What the reader chose for one site. Kept in extension storage, never in the site's own storage. */
export interface SiteSetting {
  /** The panel starts as a small tab on this site. */
  collapsed?: boolean;
  /** Takeaway does nothing on this site until switched back on. */
  disabled?: boolean;
}

/** Per-site choices, keyed by host name. */
export const siteSettings = storage.defineItem<Record<string, SiteSetting>>('local:siteSettings', {
  fallback: {},
});

export async function getSiteSetting(host: string): Promise<SiteSetting> {
  const all = await siteSettings.getValue();
  return Object.prototype.hasOwnProperty.call(all, host) ? (all[host] ?? {}) : {};
}

export async function updateSiteSetting(host: string, change: Partial<SiteSetting>): Promise<SiteSetting> {
  const all = { ...(await siteSettings.getValue()) };
  const next = { ...(Object.prototype.hasOwnProperty.call(all, host) ? all[host] : {}), ...change };
  all[host] = next;
  await siteSettings.setValue(all);
  return next;
}

/**
 * When the reader last saved or removed one of their own summaries. Panels already showing a
 * paper look it up again when this changes, so a summary just written appears at once.
 */
export const yourSummariesChangedAt = storage.defineItem<number>('local:yourSummariesChangedAt', {
  fallback: 0,
});

export async function markYourSummariesChanged(): Promise<void> {
  await yourSummariesChangedAt.setValue(Date.now()).catch(() => undefined);
}

/** Call `onChange` whenever the reader's own summaries change, until `signal` aborts. */
export function onYourSummariesChanged(signal: AbortSignal, onChange: () => void): void {
  const stop = yourSummariesChangedAt.watch(() => onChange());
  signal.addEventListener('abort', stop, { once: true });
}
