import { existsSync } from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH); tools never download a browser of their own here. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * Each e2e run builds into its own folder (global-setup sets TAKEAWAY_E2E_DIR before the test
 * workers start), so two runs at once never load a half-written extension.
 */
export function e2eOutDir(): string {
  return process.env.TAKEAWAY_E2E_DIR ?? '.output/e2e';
}

export function chromeExtDir(): string {
  return `${e2eOutDir()}/chrome-mv3`;
}
