import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/** Set once the welcome page has been shown: it never opens again in this browser profile. */
const welcomed = storage.defineItem<boolean>('local:welcomed', { fallback: false });

/**
 * On installation, and only then, open the welcome page. An update or a browser update
 * (`reason` 'update', 'browser_update', 'chrome_update', 'shared_module_update') opens nothing,
 * and neither does a second 'install' in a profile that has seen it (a browser that installs an
 * extension loaded from its command line anew at each start).
 */
export async function welcomeOnInstall(details: Browser.runtime.InstalledDetails): Promise<boolean> {
  if (details.reason !== 'install' || (await welcomed.getValue())) return false;
  await welcomed.setValue(true);
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  return true;
}
