import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { launchWithExtension, screenshotPath, skipE2E } from '../support/harness';

describe.skipIf(skipE2E)('the welcome page', () => {
  const profile = mkdtempSync(join(tmpdir(), 'takeaway-welcome-'));
  afterAll(() => rmSync(profile, { recursive: true, force: true }));

  it('opens on installation: what Takeaway does and never does, the shortcuts, where to start', async () => {
    const s = await launchWithExtension({ userDataDir: profile });
    try {
      expect(s.welcomeOpened).toBe(true);
      const page = await s.context.newPage();
      await page.goto(`chrome-extension://${s.extensionId}/welcome.html`);
      await page.getByTestId('welcome').waitFor();
      expect(await page.getByTestId('welcome-privacy').textContent()).toMatch(/never sends what you read/);
      const keys = (await page.getByTestId('welcome-shortcuts').textContent()) ?? '';
      for (const k of ['Alt+Shift+T', 'Alt+Shift+N', 'Alt+Shift+H', 'Alt+Shift+M']) expect(keys).toContain(k);
      expect(await page.getByTestId('welcome-library').getAttribute('href')).toBe(
        `chrome-extension://${s.extensionId}/review.html`,
      );
      // The example paper opens with its reviewed summary (served offline by the fixtures).
      await page.getByTestId('welcome-example').click();
      await page.getByTestId('takeaway-key-takeaway').waitFor({ timeout: 10_000 });
      await page.goBack();
      await page.getByTestId('welcome').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('welcome'), fullPage: true });
      await page.close();
    } finally {
      await s.close();
    }
  });

  it('never opens again: a restart of the same profile shows no welcome page', async () => {
    const s = await launchWithExtension({ userDataDir: profile });
    try {
      expect(s.welcomeOpened).toBe(false);
    } finally {
      await s.close();
    }
  });
});
