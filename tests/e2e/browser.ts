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

export const E2E_OUT_DIR = '.output/e2e';
export const CHROME_EXT_DIR = `${E2E_OUT_DIR}/chrome-mv3`;
