import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { launchWithExtension, screenshotPath, skipE2E, type ExtensionSession } from '../support/harness';
import { countRows, seedLibrary } from '../support/library-seed';

const MARKER = 'ketamineprotocol';
const EDITED = 'Edited in the library: ketamine dose was weight-based, check the appendix.';

async function openReview(s: ExtensionSession, hash = ''): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${s.extensionId}/review.html${hash}`);
  return page;
}

describe.skipIf(skipE2E)('the notes library in Chromium, at 10,000 papers and 50,000 notes', () => {
  let s: ExtensionSession;
  let fresh: ExtensionSession | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'takeaway-library-e2e-'));
  const backupFile = join(dir, 'backup.json');

  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
    await fresh?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds 50k notes, searches, opens a paper, edits a note and exports a backup', async () => {
    // The page opens the database at the current schema; the seed then writes into it.
    const setup = await openReview(s);
    await setup.getByTestId('review-empty').waitFor({ timeout: 15_000 });
    const seeded = await seedLibrary(setup, {
      papers: 10_000,
      notesPerPaper: 5,
      highlights: 2_000,
      markedPaper: 4321,
      marker: MARKER,
    });
    expect(seeded.notes).toBe(50_000);
    await setup.close();

    const page = await s.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.message} ${e.stack ?? ''}`));
    const t0 = performance.now();
    await page.goto(`chrome-extension://${s.extensionId}/review.html`);
    await page.getByTestId('review-paper').first().waitFor({ state: 'visible', timeout: 15_000 });
    console.log(`library e2e: first screen with 50k notes in ${Math.round(performance.now() - t0)} ms`);
    await expect
      .poll(() => page.getByTestId('library-count').textContent(), { timeout: 15_000 })
      .toMatch(/^10000 papers, 50000 notes, \d+ highlights/);
    // A windowed list: only the rows in view are in the document.
    expect(await page.getByTestId('review-paper').count()).toBeLessThan(40);
    await page.screenshot({ path: screenshotPath('library-50k') });
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('library-50k-dark') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Search for the one marked note, typed letter by letter.
    const box = page.getByTestId('library-search');
    await box.pressSequentially(MARKER.slice(0, 8), { delay: 20 });
    await expect.poll(() => page.getByTestId('review-paper').count(), { timeout: 15_000 }).toBe(1);
    const row = page.getByTestId('review-paper').first();
    expect(await row.locator('mark').first().textContent()).toBe(MARKER);

    expect(await axeViolations(page)).toEqual([]);

    // Open it and edit the note.
    await row.getByRole('link').click();
    await page.getByTestId('paper-view').waitFor();
    const editors = page.getByTestId('paper-note-editor');
    await editors.first().waitFor();
    const values = await editors.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    const at = values.findIndex((v) => v.startsWith(MARKER));
    const editor = editors.nth(at);
    await editor.fill(EDITED);
    await expect
      .poll(() => page.getByTestId('paper-note').nth(at).getByTestId('paper-note-status').textContent(), {
        timeout: 5_000,
      })
      .toMatch(/^Saved/);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('library-paper') });

    // Back in the list, the search follows the edit.
    await page.getByTestId('paper-back').click();
    await box.fill('weight-based appendix');
    await expect
      .poll(() => page.getByTestId('review-note').first().textContent(), { timeout: 10_000 })
      .toContain('weight-based');

    // Export a full backup.
    await page.getByTestId('nav-backup').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('backup-create').click(),
    ]);
    await download.saveAs(backupFile);
    expect(errors).toEqual([]);
    expect(statSync(backupFile).size).toBeGreaterThan(1_000_000);
    await expect.poll(() => page.getByTestId('backup-last').textContent()).toMatch(/^Last backup: /);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('nav-study').click();
    await page.getByTestId('study-show').click();
    await page.getByTestId('study-answer').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('library-study') });
    // The index is written out a few seconds after the last change, for the next visit.
    await page.waitForFunction(
      () => window.performance.getEntriesByName('takeaway:library-search-kept').length > 0,
      null,
      { timeout: 30_000 },
    );
    await page.close();

    // The next visit: the first rows at once, and the index read back rather than rebuilt, with
    // the edit in it; its ranked answer comes from it, marked as such.
    const again = await s.context.newPage();
    again.on('pageerror', (e) => errors.push(`second visit: ${e.message} ${e.stack ?? ''}`));
    await again.goto(`chrome-extension://${s.extensionId}/review.html`);
    await again.getByTestId('review-paper').first().waitFor({ state: 'visible', timeout: 15_000 });
    await again.getByTestId('library-search').fill('weight-based appendix');
    await expect
      .poll(() => again.getByTestId('library-results').getAttribute('data-ranked'), { timeout: 15_000 })
      .toBe('true');
    await expect
      .poll(() => again.getByTestId('review-note').first().textContent(), { timeout: 15_000 })
      .toBe(EDITED);
    const restored = await again.evaluate(
      () => window.performance.getEntriesByName('takeaway:library-search-restored').length,
    );
    expect(restored).toBe(1);
    await expect
      .poll(() =>
        again.evaluate(() => window.performance.getEntriesByName('takeaway:library-search-current').length),
      )
      .toBe(1);
    const changed = await again.evaluate(
      () =>
        (window.performance.getEntriesByName('takeaway:library-search-current')[0] as PerformanceMark)
          .detail as {
          changed: number;
          gone: number;
        },
    );
    // At most the edited paper is indexed again (the page closed within seconds of the edit, so
    // the kept index may predate it); none of the other 9,999.
    expect(changed.gone).toBe(0);
    expect(changed.changed).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await again.close();
  }, 300_000);

  it('imports the backup into a fresh profile and finds the same notes', async () => {
    fresh = await launchWithExtension();
    const page = await openReview(fresh, '#/backup');
    await page.getByTestId('backup-panel').waitFor({ timeout: 15_000 });
    const t0 = performance.now();
    await page.getByTestId('backup-file').setInputFiles(backupFile);
    await expect
      .poll(
        () =>
          page
            .getByTestId('backup-done')
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/^Merged the backup: 50000 new/);
    console.log(`library e2e: backup of 50k notes imported in ${Math.round(performance.now() - t0)} ms`);
    expect(await countRows(page, 'notes')).toBe(50_000);
    expect(await countRows(page, 'papers')).toBe(10_000);

    await page.getByTestId('nav-library').click();
    const box = page.getByTestId('library-search');
    await box.waitFor({ timeout: 15_000 });
    await box.fill('weight-based appendix');
    await expect
      .poll(() => page.getByTestId('review-note').first().textContent(), { timeout: 15_000 })
      .toBe(EDITED);
    console.log(
      `library e2e: imported note found by search ${Math.round(performance.now() - t0)} ms after choosing the file`,
    );
    await page.getByTestId('review-paper').first().getByRole('link').click();
    await page.getByTestId('paper-note-editor').first().waitFor();
    expect(
      await page
        .getByTestId('paper-note-editor')
        .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)),
    ).toContain(EDITED);

    // The same file imported again changes nothing.
    await page.getByTestId('nav-backup').click();
    await page.getByTestId('backup-file').setInputFiles(backupFile);
    await expect
      .poll(
        () =>
          page
            .getByTestId('backup-done')
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/^Merged the backup: 0 new and 0 newer notes, 0 new and 0 newer highlights, 0 new papers/);
    await page.close();
  }, 240_000);
});
