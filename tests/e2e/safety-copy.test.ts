/**
 * The safety copy (lib/extension/db/safety-copy.ts): when the browser deletes the extension's
 * database (as Chromium does after a full disk tore its log, see disk-full.test.ts), everything the
 * reader wrote comes back from the copy, in Chromium and in Firefox ESR.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { ElementHandle, Frame, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteEditor,
  noteStatus,
  readyEditor,
  screenshotPath,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';
import {
  launchFirefox,
  openReviewFrom,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const PUBMED = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
/** A backup with papers, notes, highlights and study cards (tests/support/make-old-backups.ts). */
const OLD_BACKUP = resolve('tests/fixtures/backups/v1-2026-11-21-first.json');
const TYPED = 'Written here, then the browser deleted the database: RR 0.65 (0.41 to 1.02).';

/** What the reader wrote, as the database holds it: read in an extension page with plain IndexedDB. */
function readTables(): Promise<Record<string, string[]>> {
  const tables = ['notes', 'highlights', 'reviewCards'];
  return new Promise((done, fail) => {
    const open = indexedDB.open('takeaway');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const out: Record<string, string[]> = {};
      const tx = db.transaction(tables);
      for (const t of tables) {
        const req = tx.objectStore(t).getAll();
        req.onsuccess = () => {
          out[t] = (req.result as { id: string; body?: string; updatedAt: number }[])
            .map((r) => `${r.id} ${r.updatedAt} ${r.body ?? ''}`)
            .sort();
        };
      }
      tx.oncomplete = () => {
        db.close();
        done(out);
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}

/**
 * Delete the database as the browser does when it finds it corrupt: the open connections (pages,
 * the worker) are closed, and the next open finds a new, empty database.
 */
function deleteDatabase(): Promise<string> {
  return new Promise((done, fail) => {
    const req = indexedDB.deleteDatabase('takeaway');
    req.onsuccess = () => done('deleted');
    req.onerror = () => fail(req.error);
    req.onblocked = () => console.warn('delete blocked, waiting for the connections to close');
  });
}

describe.skipIf(skipE2E)('the safety copy in Chromium', () => {
  let s: ExtensionSession | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'takeaway-safety-'));
  afterAll(async () => {
    await s?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });

  async function library(session: ExtensionSession): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/review.html`);
    await page.getByTestId('review-paper').first().waitFor({ timeout: 15_000 });
    return page;
  }

  it('a deleted database comes back whole, while the browser runs and after a restart', async () => {
    s = await launchWithExtension({ userDataDir: profile });
    const article = await s.context.newPage();
    await article.goto(PUBMED);
    const editor = await readyEditor(article);
    await editor.fill(TYPED);
    await expect.poll(() => noteStatus(article).textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html#/backup`);
    await review.getByTestId('backup-file').setInputFiles(OLD_BACKUP);
    await review.getByTestId('backup-done').waitFor({ timeout: 30_000 });
    const before = await review.evaluate(readTables);
    expect(before.notes).toHaveLength(5);
    expect(before.highlights).toHaveLength(3);
    expect(before.reviewCards).toHaveLength(2);
    // Written a moment after each commit.
    await review.waitForTimeout(1_000);

    // While the browser runs: the pages and the worker lose their connections, the next open
    // finds the database new and fills it from the copy before answering.
    expect(await review.evaluate(deleteDatabase)).toBe('deleted');
    await article.reload();
    await readyEditor(article);
    await expect.poll(() => noteEditor(article).inputValue(), { timeout: 15_000 }).toBe(TYPED);
    // The library tab that was open through it all shows the notes again, and says why.
    await review.getByTestId('nav-library').click();
    await expect.poll(() => review.getByTestId('review-paper').count(), { timeout: 15_000 }).toBe(3);
    await review.getByTestId('safety-restored').waitFor({ timeout: 10_000 });
    const lib = await library(s);
    const notice = lib.getByTestId('safety-restored');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(
      /^Your notes were put back\. The browser discarded .*: 5 notes, 3 highlights and 2 study cards \(2 of them in the trash\), on /,
    );
    expect(await lib.evaluate(readTables)).toEqual(before);
    await lib.screenshot({ path: screenshotPath('safety-copy-restored') as `${string}.png` });
    await lib.getByTestId('safety-restored-ok').click();
    await notice.waitFor({ state: 'detached', timeout: 5_000 });

    // After a restart, with the database's files gone from the profile.
    await s.close();
    const idb = join(profile, 'Default', 'IndexedDB');
    const gone = readdirSync(idb).filter((d) => d.startsWith('chrome-extension_'));
    expect(gone.length).toBeGreaterThan(0);
    for (const d of gone) rmSync(join(idb, d), { recursive: true, force: true });
    s = await launchWithExtension({ userDataDir: profile });
    const again = await s.context.newPage();
    await again.goto(PUBMED);
    await readyEditor(again);
    await expect.poll(() => noteEditor(again).inputValue(), { timeout: 15_000 }).toBe(TYPED);
    const lib2 = await library(s);
    await lib2.getByTestId('safety-restored').waitFor({ timeout: 10_000 });
    expect(await lib2.evaluate(readTables)).toEqual(before);
  }, 150_000);
});

describe.skipIf(skipFirefoxE2E)('the safety copy in Firefox ESR', () => {
  let s: FirefoxSession | undefined;
  afterAll(async () => {
    await s?.close();
  });

  const textOf = (page: FirefoxPage, testId: string) =>
    page.$$eval(`[data-testid="${testId}"]`, (els) => els.map((e) => e.textContent ?? ''));

  it('a deleted database comes back whole', async () => {
    s = await launchFirefox();
    const article = await s.newPage();
    await article.goto(PUBMED);
    const { frame, editor } = await readyNoteFrame(article);
    await editor.type(TYPED);
    const status = (f: Frame) => f.$eval('[data-testid="takeaway-note-status"]', (e) => e.textContent);
    await expect.poll(() => status(frame), { timeout: 10_000 }).toMatch(/^Saved/);
    const review = await openReviewFrom(s, frame);
    await (await review.waitForSelector('[data-testid="nav-backup"]', { timeout: 15_000 }))!.click();
    const input = await review.waitForSelector('[data-testid="backup-file"]', { timeout: 15_000 });
    await (input as ElementHandle<HTMLInputElement>).uploadFile(OLD_BACKUP);
    await review.waitForSelector('[data-testid="backup-done"]', { timeout: 30_000 });
    const before = await review.evaluate(readTables);
    expect(before.notes).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 1_000));

    expect(await review.evaluate(deleteDatabase)).toBe('deleted');
    await article.reload({ waitUntil: 'domcontentloaded' });
    const reloaded = await readyNoteFrame(article);
    await expect
      .poll(() => reloaded.editor.evaluate((e) => (e as HTMLTextAreaElement).value), { timeout: 15_000 })
      .toBe(TYPED);
    // A new library tab (a test cannot reload a moz-extension: page over BiDi).
    await review.close();
    const lib = await openReviewFrom(s, reloaded.frame);
    await expect
      .poll(() => textOf(lib, 'safety-restored').then((t) => t[0] ?? ''), { timeout: 15_000 })
      .toMatch(/^Your notes were put back\..*5 notes, 3 highlights and 2 study cards/);
    expect(await lib.evaluate(readTables)).toEqual(before);
  }, 120_000);
});
