import { resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/harness';
import {
  inPanel,
  launchFirefox,
  openReviewFrom,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const SEED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
/** A backup written by the first version that made backups (tests/support/make-old-backups.ts). */
const OLD_BACKUP = resolve('tests/fixtures/backups/v1-2026-11-21-first.json');
const TYPED = 'Firefox library check: zoledronic acid timing, fxlibmarker.';

const textOf = (page: Page, testId: string) =>
  page.$$eval(`[data-testid="${testId}"]`, (els) => els.map((e) => e.textContent ?? ''));

async function click(page: Page, testId: string): Promise<void> {
  const el = await page.waitForSelector(`[data-testid="${testId}"]`, { timeout: 15_000 });
  await el!.click();
}

/**
 * The file a download button produced: the page's downloads go through a blob address, so the
 * blob is kept as it is made and read back (Firefox's download itself is not reachable over BiDi).
 */
async function captureDownloads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { takenBlobs: Blob[] };
    w.takenBlobs = [];
    const make = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (b: Blob | MediaSource) => {
      if (b instanceof Blob) w.takenBlobs.push(b);
      return make(b);
    };
  });
}

const lastDownload = (page: Page) =>
  page.evaluate(async () => {
    const blobs = (window as unknown as { takenBlobs: Blob[] }).takenBlobs;
    return blobs.length ? await blobs[blobs.length - 1]!.text() : null;
  });

describe.skipIf(skipFirefoxE2E)('the notes library in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('imports an old backup, searches, studies and exports, all in Firefox', async () => {
    const article = await s.newPage();
    await article.goto(SEED_URL);
    // The panel first (the welcome tab opened on installation may still be taking the focus).
    await inPanel(article, 'takeaway-key-takeaway');
    await article.bringToFront();
    const { frame, editor } = await readyNoteFrame(article);
    await editor.type(TYPED);
    expect(await editor.evaluate((e) => (e as HTMLTextAreaElement).value)).toBe(TYPED);
    await expect
      .poll(() => frame.$eval('[data-testid="takeaway-note-status"]', (e) => e.textContent), {
        timeout: 5_000,
      })
      .toMatch(/^Saved/);
    const review = await openReviewFrom(s, frame);
    const errors: string[] = [];
    review.on('pageerror', (e) => errors.push(String(e)));

    // Backup import: a file written by the first version with backups, merged with this note.
    await click(review, 'nav-backup');
    const input = await review.waitForSelector('[data-testid="backup-file"]', { timeout: 15_000 });
    await (input as ElementHandle<HTMLInputElement>).uploadFile(OLD_BACKUP);
    await expect
      .poll(() => textOf(review, 'backup-done').then((t) => t[0] ?? ''), { timeout: 30_000 })
      .toMatch(/^Merged the backup: 4 new/);

    // Search: the imported notes and the one typed here, by their words.
    await click(review, 'nav-library');
    const box = await review.waitForSelector('[data-testid="library-search"]', { timeout: 15_000 });
    await box!.type('physio');
    await expect
      .poll(() => textOf(review, 'review-note'), { timeout: 15_000 })
      .toEqual([expect.stringContaining('«physio» at weekends')]);
    await box!.click({ count: 3 });
    await box!.type('fxlibmarker');
    await expect.poll(() => textOf(review, 'review-note'), { timeout: 15_000 }).toEqual([TYPED]);
    await box!.click({ count: 3 });
    await box!.type('中文');
    await expect
      .poll(() => textOf(review, 'review-note'), { timeout: 15_000 })
      .toEqual([expect.stringContaining('β-blockers')]);
    await review.screenshot({ path: screenshotPath('firefox-library-search') as `${string}.png` });

    // Study mode: a card from the backup is due; answer it.
    await click(review, 'nav-study');
    await review.waitForSelector('[data-testid="study-card"]', { timeout: 15_000 });
    const before = (await textOf(review, 'study-counts'))[0];
    await click(review, 'study-show');
    await review.waitForSelector('[data-testid="study-answer"]', { timeout: 5_000 });
    await click(review, 'study-good');
    await expect
      .poll(() => textOf(review, 'study-counts').then((t) => t[0]), { timeout: 10_000 })
      .not.toBe(before);

    // Exports: the Markdown notes and a full backup, each with the typed and the imported notes.
    await click(review, 'nav-backup');
    await review.waitForSelector('[data-testid="export-markdown"]', { timeout: 15_000 });
    await captureDownloads(review);
    await click(review, 'export-csv');
    await expect.poll(() => lastDownload(review), { timeout: 10_000 }).toContain('fxlibmarker');
    const csv = (await lastDownload(review)) ?? '';
    expect(csv).toContain('β-blockers');
    await click(review, 'backup-create');
    await expect
      .poll(() => lastDownload(review).then((t) => t?.startsWith('{')), { timeout: 15_000 })
      .toBe(true);
    const backup = JSON.parse((await lastDownload(review)) ?? '{}') as {
      format: string;
      counts: Record<string, number>;
      data: { notes: { body: string }[] };
    };
    expect(backup.format).toBe('takeaway-backup');
    expect(backup.counts.notes).toBe(5);
    expect(backup.data.notes.map((n) => n.body)).toContain(TYPED);
    expect(backup.data.notes.map((n) => n.body)).toContain('In the trash, and still mine.');
    expect(errors).toEqual([]);
    await review.close();
    await article.close();
  });
});
