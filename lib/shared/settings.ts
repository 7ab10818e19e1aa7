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
