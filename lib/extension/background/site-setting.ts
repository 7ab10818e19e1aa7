import type { Browser } from 'wxt/browser';
import { getSiteSetting, type SiteSetting } from '../../shared/settings';

/**
 * The reader's choices for the site a message came from: the host of the sending frame's address,
 * never another site's (the request names none). A sender without an address gets the defaults.
 */
export async function siteSettingOfSender(sender: Browser.runtime.MessageSender): Promise<SiteSetting> {
  if (!sender.url) return {};
  let host: string;
  try {
    host = new URL(sender.url).hostname;
  } catch {
    return {};
  }
  return host ? getSiteSetting(host) : {};
}
