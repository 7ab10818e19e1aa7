import type { CDPSession, Page } from 'playwright-core';
import { PACKS_FLAG } from '../../lib/extension/packs/presence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, screenshotPath, skipE2E, type ExtensionSession } from '../support/harness';

/** In the fixtures but not in the test edition: only a pack can give it a summary. */
const PACK_PAPER_URL = 'https://pubmed.ncbi.nlm.nih.gov/39900001/';
/** In the test edition: a pack summary of the same paper must not replace it. */
const BUNDLED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';

const PACK_TAKEAWAY = 'Supervised exercise after hip fracture surgery improved walking at 12 weeks.';
const pack = [
  {
    pmid: '39900001',
    doi: '10.1001/jamanetworkopen.2025.0001',
    title: 'Exercise Training After Hip Fracture Surgery in Older Adults: A Randomized Clinical Trial',
    study_type: 'randomized controlled trial',
    key_takeaway: PACK_TAKEAWAY,
    caveats: ['Single country', 'Outcome assessors were not blinded'],
    concepts: ['hip fracture', 'rehabilitation', 'older adults'],
    source: { name: 'Riverside Journal Club', review: 'Read and summarised by two residents.' },
  },
  {
    doi: '10.5555/riverside.2',
    title: 'Home-based rehabilitation after hip fracture, a cohort study of older adults',
    study_type: 'cohort study',
    key_takeaway: 'Home programmes matched clinic programmes for mobility at six months.',
    concepts: ['hip fracture', 'rehabilitation'],
    source: { name: 'Riverside Journal Club' },
  },
  {
    pmid: '42393435',
    title: 'A pack summary of the paper the edition already covers',
    study_type: 'expert opinion',
    key_takeaway: 'This pack summary must never replace the bundled one.',
    source: { name: 'Riverside Journal Club' },
  },
];

/** The article page once the panel has settled: with no summary it stays a slim, collapsed tab. */
async function openArticle(s: ExtensionSession, url: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(url);
  await expect.poll(() => page.getByTestId('takeaway-overlay').count(), { timeout: 10_000 }).toBe(1);
  return page;
}

function packFile(records: object[], name = 'riverside-club.jsonl') {
  return {
    name,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n'),
  };
}

describe.skipIf(skipE2E)('summary packs in Chromium: imported in the library, used on article pages', () => {
  let s: ExtensionSession;
  let review: Page;
  let cdp: CDPSession;
  /** Stop the extension's service worker, as the browser does when it idles one out. */
  const stopWorker = () => cdp.send('ServiceWorker.stopAllWorkers');
  /** The flag a waking worker reads to skip IndexedDB on a miss (lib/extension/packs/presence.ts). */
  const packsFlag = () =>
    review.evaluate(`chrome.storage.local.get('${PACKS_FLAG}').then((r) => r['${PACKS_FLAG}'])`);
  beforeAll(async () => {
    s = await launchWithExtension();
    review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html`);
    await review.getByTestId('packs-panel').first().waitFor({ timeout: 15_000 });
    cdp = await s.context.newCDPSession(review);
    await cdp.send('ServiceWorker.enable');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('records at install that no pack exists, so a woken worker answers misses without IndexedDB', async () => {
    await expect.poll(packsFlag, { timeout: 10_000 }).toBe(false);
  });

  it('refuses a broken pack with file, line and field, and installs nothing', async () => {
    const broken = [pack[0] as object, { doi: 'not a doi', study_type: 'cohort study', key_takeaway: 'x' }];
    await review.getByTestId('pack-file').first().setInputFiles(packFile(broken, 'broken.jsonl'));
    const errors = review.getByTestId('pack-error-list').first();
    await errors.waitFor({ timeout: 10_000 });
    expect(await errors.textContent()).toMatch(/broken\.jsonl:2/);
    expect(await review.getByTestId('pack-item').count()).toBe(0);
    const page = await openArticle(s, PACK_PAPER_URL);
    expect(await page.getByTestId('takeaway-key-takeaway').count()).toBe(0);
    await page.close();
  });

  it('imports a pack, lists it with size and source, and the article page shows its summary', async () => {
    // The worker is asleep while the pack is imported: it learns of the pack when it wakes.
    await stopWorker();
    await review.getByTestId('pack-file').first().setInputFiles(packFile(pack));
    const imported = review.getByTestId('pack-imported').first();
    await imported.waitFor({ timeout: 10_000 });
    // The third summary's paper is in the test edition, which the review page reads to compare.
    expect(await imported.textContent()).toContain(
      'Imported “riverside-club”: 3 summaries. 1 of these papers already has a built-in summary, which is shown instead.',
    );
    expect(await packsFlag()).toBe(true);
    const item = review.getByTestId('pack-item').first();
    await item.waitFor();
    expect(await item.textContent()).toMatch(
      /riverside-club 3 summaries · [\d.]+ (B|kB) · from Riverside Journal Club \(riverside-club\.jsonl\)/,
    );
    await review.screenshot({ path: screenshotPath('packs-library') });

    const page = await s.context.newPage();
    await page.goto(PACK_PAPER_URL);
    const takeaway = page.getByTestId('takeaway-key-takeaway');
    await takeaway.waitFor({ timeout: 10_000 });
    expect(await takeaway.textContent()).toContain(PACK_TAKEAWAY);
    expect(await page.getByTestId('takeaway-evidence').textContent()).toMatch(/Level 2\/5/);
    // The overlay says where the summary came from.
    expect(await page.getByTestId('takeaway-provenance').textContent()).toMatch(
      /Riverside Journal Club \(imported pack: riverside-club\).*\(riverside-club\.jsonl\), imported \d{4}-\d\d-\d\d\./s,
    );
    // Related summaries come from the same pack, by shared concepts.
    expect(await page.getByTestId('takeaway-related').textContent()).toContain(
      'Home-based rehabilitation after hip fracture',
    );
    await page.screenshot({ path: screenshotPath('packs-article') });
    await page.close();
  });

  it('keeps the bundled summary when a pack has the same paper', async () => {
    const page = await s.context.newPage();
    await page.goto(BUNDLED_URL);
    const takeaway = page.getByTestId('takeaway-key-takeaway');
    await takeaway.waitFor({ timeout: 10_000 });
    expect(await takeaway.textContent()).toMatch(/cytokine crosstalk/i);
    expect(await page.getByTestId('takeaway-provenance').textContent()).not.toMatch(/imported pack/);
    await page.close();
  });

  it('removes the pack: its papers have no summary again', async () => {
    await review.getByRole('button', { name: 'Remove pack riverside-club' }).first().click();
    await review.getByTestId('packs-empty').first().waitFor({ timeout: 10_000 });
    await expect.poll(packsFlag, { timeout: 10_000 }).toBe(false);
    await stopWorker();
    const page = await openArticle(s, PACK_PAPER_URL);
    expect(await page.getByTestId('takeaway-key-takeaway').count()).toBe(0);
    await page.close();
  });
});
