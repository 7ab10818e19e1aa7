import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, findFirefox } from './browser';

/**
 * One `wxt build` of an edition, as an organisation runs it: the summaries in the folder
 * `summaries` (given as `TAKEAWAY_SUMMARIES`), named `edition`, for `browser`, into `outDir`
 * (`<outDir>/chrome-mv3`, `<outDir>/firefox-mv2`). Throws, with the build's errors on stderr,
 * when the build refuses the summaries.
 */
export function buildExtension({
  browser,
  outDir,
  summaries,
  edition,
}: {
  browser: 'chrome' | 'firefox';
  outDir: string;
  summaries: string;
  edition: string;
}): void {
  execFileSync('npx', ['wxt', 'build', '-b', browser], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      TAKEAWAY_OUT_DIR: outDir,
      TAKEAWAY_SUMMARIES: summaries,
      TAKEAWAY_EDITION: edition,
    },
  });
}

/**
 * Builds the extension once for the whole e2e run, into its own folder, as an edition of the
 * bundled summaries plus the fixture papers' summaries (`TAKEAWAY_SUMMARIES`, as an organisation
 * would build its own): for Chrome, and for Firefox too when Firefox ESR is there. Without
 * Chromium the suite says what to install; in CI that is a failure, and so is a missing Firefox.
 */
export default function setup(): (() => void) | void {
  if (!findChromium()) {
    const msg =
      'End-to-end tests need Chromium: run `apt-get update && apt-get install -y chromium` ' +
      '(or set CHROMIUM_PATH to a Chromium binary).';
    if (process.env.CI) throw new Error(msg);
    console.warn(`\n${msg}\nSkipping the end-to-end tests.\n`);
    return;
  }
  const targets: ('chrome' | 'firefox')[] = ['chrome'];
  if (findFirefox()) targets.push('firefox');
  else {
    const msg =
      'The Firefox end-to-end tests need Firefox ESR: run `apt-get install -y firefox-esr` ' +
      '(or set FIREFOX_PATH to a Firefox binary).';
    if (process.env.CI) throw new Error(msg);
    console.warn(`\n${msg}\nSkipping the Firefox end-to-end tests.\n`);
  }
  const outDir = process.env.TAKEAWAY_E2E_DIR ?? `.output/e2e-${process.pid}`;
  process.env.TAKEAWAY_E2E_DIR = outDir;
  const edition = mkdtempSync(join(tmpdir(), 'takeaway-e2e-summaries-'));
  try {
    cpSync('summaries', join(edition, 'bundled'), { recursive: true });
    cpSync('tests/fixtures/e2e-summaries', join(edition, 'fixtures'), { recursive: true });
    for (const target of targets) {
      buildExtension({ browser: target, outDir, summaries: edition, edition: 'Takeaway test edition' });
    }
  } finally {
    rmSync(edition, { recursive: true, force: true });
  }
  return () => rmSync(outDir, { recursive: true, force: true });
}
