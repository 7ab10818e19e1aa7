import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_OUT_DIR, findChromium } from './browser';

/**
 * Builds the extension once for the whole e2e run, into its own folder, as an edition of the
 * bundled summaries plus the fixture papers' summaries (`TAKEAWAY_SUMMARIES`, as an organisation
 * would build its own). Without Chromium the suite says what to install; in CI that is a failure.
 */
export default function setup(): void {
  if (!findChromium()) {
    const msg =
      'End-to-end tests need Chromium: run `apt-get update && apt-get install -y chromium` ' +
      '(or set CHROMIUM_PATH to a Chromium binary).';
    if (process.env.CI) throw new Error(msg);
    console.warn(`\n${msg}\nSkipping the end-to-end tests.\n`);
    return;
  }
  const edition = mkdtempSync(join(tmpdir(), 'takeaway-e2e-summaries-'));
  try {
    cpSync('summaries', join(edition, 'bundled'), { recursive: true });
    cpSync('tests/fixtures/e2e-summaries', join(edition, 'fixtures'), { recursive: true });
    execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        TAKEAWAY_OUT_DIR: E2E_OUT_DIR,
        TAKEAWAY_SUMMARIES: edition,
        TAKEAWAY_EDITION: 'Takeaway test edition',
      },
    });
  } finally {
    rmSync(edition, { recursive: true, force: true });
  }
}
