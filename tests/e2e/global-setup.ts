import { execFileSync } from 'node:child_process';
import { E2E_OUT_DIR, findChromium } from './browser';

/**
 * Builds the extension once for the whole e2e run, into its own folder, and checks that a browser
 * is there. Without Chromium the suite says what to install; in CI that is a failure, not a skip.
 */
export default function setup(): void {
  if (!findChromium()) {
    const msg =
      'End-to-end tests need Chromium: run `apt-get update && apt-get install -y chromium` ' +
      '(or set CHROMIUM_PATH to a Chromium binary).';
    if (process.env.CI) throw new Error(msg);
    console.warn(`\n${msg}\nSkipping the end-to-end tests.\n`);
    process.env.TAKEAWAY_E2E_SKIP = '1';
    return;
  }
  execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TAKEAWAY_OUT_DIR: E2E_OUT_DIR },
  });
}
