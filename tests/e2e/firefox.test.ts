import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/harness';
import {
  expectDockedWhileWatched,
  expectRoomMadeInOneStep,
  layoutDone,
  watchLayoutScript,
  type LayoutWatch,
} from '../support/layout-watch';
import {
  inPanel,
  launchFirefox,
  openReviewFrom,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const SEED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
/** In the fixtures but not in the test edition: only a pack can give it a summary. */
const PACK_PAPER_URL = 'https://pubmed.ncbi.nlm.nih.gov/39900001/';
const PACK_TAKEAWAY = 'Firefox pack: supervised exercise after hip fracture surgery improved walking.';

const text = (el: { evaluate(fn: (e: Element) => string | null): Promise<string | null> } | null) =>
  el ? el.evaluate((e) => e.textContent) : Promise.resolve(null);

describe.skipIf(skipFirefoxE2E)('a PubMed page in Firefox ESR with the built extension', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  const watchDocking = async (width: number): Promise<LayoutWatch> => {
    const page = await s.newPage();
    await page.setViewport({ width, height: 800 });
    await page.evaluateOnNewDocument(watchLayoutScript('h1, h2, p, li, a'));
    await page.goto(SEED_URL);
    const watch = (await (
      await page.waitForFunction(layoutDone(), { timeout: 10_000 })
    ).jsonValue()) as LayoutWatch;
    await page.close();
    expectDockedWhileWatched(watch, 10);
    return watch;
  };

  it('docks from the page start without moving the page or its own contents', async () => {
    expect((await watchDocking(1280)).moves).toEqual([]);
  });

  it('makes room for the panel in a narrow window in one step, as it docks', async () => {
    // The page's text would reach under the panel, so the page is narrowed. In Firefox the page is
    // often drawn before the panel's answers come (its messages take 10-30 ms while a page loads):
    // then the page moves once, as the panel docks (or as its text reaches under it), never again.
    expectRoomMadeInOneStep(await watchDocking(1000));
  });

  it('shows the takeaway and the evidence of the seed paper', async () => {
    const page = await s.newPage();
    await page.goto(SEED_URL);
    expect(await text(await inPanel(page, 'takeaway-key-takeaway'))).toMatch(/cytokine crosstalk/i);
    const evidence = (await text(await inPanel(page, 'takeaway-evidence'))) ?? '';
    expect(evidence).toMatch(/Narrative review/);
    expect(evidence).toMatch(/Level 5\/5/);
    await page.screenshot({ path: screenshotPath('firefox-pubmed-seed-overlay') as `${string}.png` });
    await page.close();
  });

  it('keeps a note typed in the panel across a reload, and lists it on the review page', async () => {
    const page = await s.newPage();
    await page.goto(SEED_URL);
    const { frame, editor } = await readyNoteFrame(page);
    // The editor is an extension document, out of the journal site's reach.
    expect(await frame.evaluate(() => location.origin)).toBe(s.extensionOrigin);
    const note = 'Firefox: ask the journal club whether RANKL blockade was ever tested with checkpoints.';
    await editor.type(note);
    await expect
      .poll(() => frame.$eval('[data-testid="takeaway-note-status"]', (e) => e.textContent), {
        timeout: 5_000,
      })
      .toMatch(/^Saved/);

    await page.reload();
    const again = await readyNoteFrame(page);
    await expect
      .poll(() => again.editor.evaluate((e) => (e as HTMLTextAreaElement).value), { timeout: 10_000 })
      .toBe(note);

    const review = await openReviewFrom(s, again.frame);
    const listed = await review.waitForSelector('[data-testid="review-note"]', { timeout: 10_000 });
    expect(await text(listed)).toContain(note);
    expect(await review.$eval('[data-testid="review-paper"]', (e) => e.textContent)).toContain(
      'Cytokine Networks',
    );
    await review.close();
    await page.close();
  });

  it('imports a summary pack on the review page, and an article page shows its summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'takeaway-pack-'));
    const file = join(dir, 'firefox-club.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        pmid: '39900001',
        title: 'Exercise Training After Hip Fracture Surgery in Older Adults: A Randomized Clinical Trial',
        study_type: 'randomized controlled trial',
        key_takeaway: PACK_TAKEAWAY,
        source: { name: 'Firefox Journal Club' },
      }) + '\n',
    );
    try {
      const seed = await s.newPage();
      await seed.goto(SEED_URL);
      const { frame } = await readyNoteFrame(seed);
      const review = await openReviewFrom(s, frame);
      const input = await review.waitForSelector('[data-testid="pack-file"]', { timeout: 15_000 });
      await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
      const done = await review.waitForSelector('[data-testid="pack-imported"]', { timeout: 15_000 });
      expect(await text(done)).toContain('Imported “firefox-club”: 1 summary.');

      const page = await s.newPage();
      await page.goto(PACK_PAPER_URL);
      expect(await text(await inPanel(page, 'takeaway-key-takeaway'))).toContain(PACK_TAKEAWAY);
      expect(await text(await inPanel(page, 'takeaway-provenance'))).toMatch(/Firefox Journal Club/);
      await page.close();
      await review.close();
      await seed.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
