/**
 * The journal-club loop in Chromium: write a summary from the panel (prefilled, checked by the
 * build's validator), see it in the panel at once and after a reload, on another address of the
 * paper; export it as Markdown and JSON Lines; build an index from the Markdown with the CLI, and
 * an extension with `TAKEAWAY_SUMMARIES` that shows the same summary in a new profile; import the
 * JSON Lines as a pack in a fresh profile. Fixture: the glance's PubMed page, which has no summary.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { buildExtension } from '../support/build-extension';
import {
  FIXTURE_PAGES,
  launchWithExtension,
  noteStatus,
  readyEditor,
  screenshotPath,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const URL_A = 'https://pubmed.ncbi.nlm.nih.gov/39100001/';
/** The same paper at another address. */
const URL_B = 'https://pubmed.ncbi.nlm.nih.gov/39100001/?from=club';
const PAGES = {
  ...FIXTURE_PAGES,
  [URL_A]: '../glance/pubmed-structured.html',
  [URL_B]: '../glance/pubmed-structured.html',
};
const CONCLUSION =
  'A coached home walking programme improved walking distance in people with claudication. It may be offered where supervised training is out of reach.';

const text = async (page: Page, testid: string) =>
  ((await page.getByTestId(testid).first().textContent()) ?? '').replace(/\s+/g, ' ');

/**
 * What the panel shows of a summary, field by field (the details' text is read whole, folded or
 * not). Provenance is left out: it names where the summary came from, which differs by design.
 */
async function panelFields(page: Page): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  for (const f of ['evidence', 'key-takeaway', 'caveats', 'details', 'concepts']) {
    const el = page.getByTestId(`takeaway-${f}`);
    fields[f] = (await el.count()) ? await text(page, `takeaway-${f}`) : '(absent)';
  }
  return fields;
}

async function openEditorFromPanel(s: ExtensionSession, article: Page): Promise<Page> {
  const opened = s.context.waitForEvent('page', {
    predicate: (p) => p.url().includes('/summary-editor.html'),
  });
  await article.getByTestId('takeaway-write-summary').click();
  const editor = await opened;
  await editor.getByTestId('summary-save').waitFor({ timeout: 10_000 });
  return editor;
}

describe.skipIf(skipE2E)('writing a summary where you read, and sharing it', () => {
  let s: ExtensionSession;
  let fresh: ExtensionSession | null = null;
  let edition: ExtensionSession | null = null;
  const out = mkdtempSync(join(tmpdir(), 'takeaway-summaries-'));
  let jsonlPath = '';
  let zipPath = '';
  /** The panel's fields of the summary as written, for the round trips to compare with. */
  let written: Record<string, string> = {};
  beforeAll(async () => {
    s = await launchWithExtension({ pages: PAGES });
  });
  afterAll(async () => {
    await s?.close();
    await fresh?.close();
    await edition?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes from the glance: prefilled, refused while invalid, saved, shown in the panel at once and after a reload', async () => {
    const article = await s.context.newPage();
    await article.goto(URL_A);
    await article.getByTestId('takeaway-no-summary').waitFor({ timeout: 10_000 });
    const editor = await openEditorFromPanel(s, article);
    const field = (f: string) => editor.getByTestId(`summary-field-${f}`);
    expect(await field('pmid').inputValue()).toBe('39100001');
    expect(await field('doi').inputValue()).toBe('10.5555/glance.2025.0001');
    expect(await field('title').inputValue()).toMatch(/^Home-based walking exercise/);
    expect(await field('study_type').inputValue()).toBe('randomized controlled trial');
    expect(await field('concepts').inputValue()).toMatch(/Walking/);
    expect(await field('key_takeaway').inputValue()).toBe('');
    expect(await axeViolations(editor)).toEqual([]);

    await field('doi').fill('10.5555 glance');
    expect(await text(editor, 'issues-doi')).toMatch(/Error: "10.5555 glance" is not a DOI/);
    await editor.getByTestId('summary-use-conclusion').click();
    expect(await field('key_takeaway').inputValue()).toBe(CONCLUSION);
    await editor.getByTestId('summary-use-caveats').click();
    expect(await field('caveats').inputValue()).toMatch(/Open label/i);
    await field('key_findings').fill('A retrospective look at adherence found most walked 3 times a week');
    expect(await text(editor, 'issues-study_type')).toMatch(/Warning: .*non-randomised design/);
    await editor.screenshot({ path: screenshotPath('summary-editor-issues'), fullPage: true });
    await editor.getByTestId('summary-save').click();
    expect(await text(editor, 'summary-refused')).toMatch(/Not saved: 1 error/);

    await field('doi').fill('10.5555/glance.2025.0001');
    await field('key_findings').fill(
      'Walking distance rose by 33 m more than with usual advice (95% CI 18 to 48).',
    );
    await editor.getByTestId('summary-save').click();
    expect(await text(editor, 'summary-refused')).toMatch(/confirm or rewrite/);
    await editor.getByTestId('summary-confirm-key_takeaway').click();
    await editor.getByTestId('summary-confirm-caveats').click();
    await editor.getByTestId('summary-field-source_name').fill('Riverside Journal Club');
    await editor.getByTestId('takeaway-tag-input').fill('vascular,');
    await editor.getByTestId('summary-save').click();
    await editor.getByTestId('summary-saved').waitFor({ timeout: 10_000 });
    expect(await axeViolations(editor)).toEqual([]);
    await editor.screenshot({ path: screenshotPath('summary-editor-saved'), fullPage: true });

    // At once, in the tab the reader came from.
    await expect
      .poll(() => text(article, 'takeaway-key-takeaway'), { timeout: 10_000 })
      .toContain(CONCLUSION);
    expect(await text(article, 'takeaway-provenance')).toMatch(/Written by you, \d{4}-\d\d-\d\d/);
    await article.reload();
    await article.getByTestId('takeaway-key-takeaway').waitFor({ timeout: 10_000 });
    expect(await text(article, 'takeaway-key-takeaway')).toContain(CONCLUSION);
    expect(await text(article, 'takeaway-write-summary')).toBe('Edit your summary');
    written = await panelFields(article);
    expect(written['caveats']).toMatch(/Open label/i);
    expect(written['details']).toContain('Walking distance rose by 33 m');
    expect(await axeViolations(article, [['takeaway-panel', '.tw-root']])).toEqual([]);
    await article.screenshot({ path: screenshotPath('summary-yours-in-panel') });
    const other = await s.context.newPage();
    await other.goto(URL_B);
    await other.getByTestId('takeaway-key-takeaway').waitFor({ timeout: 10_000 });
    expect(await text(other, 'takeaway-provenance')).toMatch(/Written by you/);
    await Promise.all([article.close(), other.close(), editor.close()]);
  });

  it('keeps a draft typed 100 ms before the tab closes', async () => {
    const hash = `#${new URLSearchParams({ paper: JSON.stringify({ pmid: '39100002', title: 'A paper with a draft only' }) })}`;
    const url = `chrome-extension://${s.extensionId}/summary-editor.html${hash}`;
    const first = await s.context.newPage();
    await first.goto(url);
    await first.getByTestId('summary-field-key_takeaway').fill('Typed just before closing');
    await first.waitForTimeout(100);
    await first.close();
    const again = await s.context.newPage();
    await again.goto(url);
    await again.getByTestId('summary-draft-restored').waitFor({ timeout: 10_000 });
    expect(await again.getByTestId('summary-field-key_takeaway').inputValue()).toBe(
      'Typed just before closing',
    );
    await again.close();
  });

  it('lists the summary in the library and exports Markdown and JSON Lines that the build accepts', async () => {
    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html#/summaries`);
    await review.getByTestId('summary-item').first().waitFor({ timeout: 10_000 });
    expect(await review.getByTestId('summary-item').count()).toBe(1);
    // Those with a tag: the choice applies to both exports.
    await review.getByTestId('summaries-tag-filter').selectOption('vascular');
    await expect.poll(() => text(review, 'summaries-export-jsonl')).toBe('Export 1 shown as JSON Lines');
    expect(await axeViolations(review)).toEqual([]);
    await review.screenshot({ path: screenshotPath('summaries-view'), fullPage: true });
    for (const [testid, name] of [
      ['summaries-export-markdown', 'summaries.zip'],
      ['summaries-export-jsonl', 'summaries.jsonl'],
    ] as const) {
      const download = review.waitForEvent('download');
      await review.getByTestId(testid).click();
      const path = join(out, name);
      expect((await download).suggestedFilename()).toMatch(/^takeaway-summaries-vascular-/);
      await (await download).saveAs(path);
      if (name.endsWith('.zip')) zipPath = path;
      else jsonlPath = path;
    }
    await review.close();

    const folder = join(out, 'unzipped');
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
      mkdirSync(join(folder, name, '..'), { recursive: true });
      writeFileSync(join(folder, name), bytes);
    }
    const md = readFileSync(join(folder, 'summaries/pmid-39100001.md'), 'utf8');
    expect(md).toMatch(/^---\n/);
    const index = join(out, 'index');
    execFileSync('npx', ['tsx', 'build/index-cli.ts', 'build', join(folder, 'summaries'), '--out', index], {
      stdio: 'pipe',
    });
    const hit = JSON.parse(
      execFileSync('npx', ['tsx', 'build/index-cli.ts', 'lookup', index, '39100001'], { encoding: 'utf8' }),
    ) as { summary: { key_takeaway: string } };
    expect(hit.summary.key_takeaway).toBe(CONCLUSION);
  }, 120_000);

  it('the Markdown export builds an edition (TAKEAWAY_SUMMARIES) that shows the same summary in a new profile', async () => {
    expect(zipPath).not.toBe('');
    const folder = join(out, 'unzipped', 'summaries');
    const outDir = join(out, 'edition-build');
    buildExtension({ browser: 'chrome', outDir, summaries: folder, edition: 'Riverside Journal Club 2026' });
    const ext = join(outDir, 'chrome-mv3');
    expect(existsSync(join(ext, 'manifest.json'))).toBe(true);

    edition = await launchWithExtension({ pages: PAGES, extensionDir: ext });
    const page = await edition.context.newPage();
    await page.goto(URL_A);
    await page.getByTestId('takeaway-key-takeaway').waitFor({ timeout: 10_000 });
    expect(await panelFields(page)).toEqual(written);
    const provenance = await text(page, 'takeaway-provenance');
    expect(provenance).toMatch(/Summary by Riverside Journal Club/);
    expect(provenance).toMatch(/Riverside Journal Club 2026, built \d{4}-\d\d-\d\d/);
    expect(provenance).not.toMatch(/imported pack|Written by you/);
    await page.screenshot({ path: screenshotPath('summary-built-edition-panel') });
    await page.close();
    await edition.close();
    edition = null;
  }, 240_000);

  it('a colleague imports the JSON Lines as a pack in a fresh profile and sees the same takeaway', async () => {
    fresh = await launchWithExtension({ pages: PAGES });
    const review = await fresh.context.newPage();
    await review.goto(`chrome-extension://${fresh.extensionId}/review.html`);
    await review.getByTestId('pack-file').first().setInputFiles(jsonlPath);
    await review.getByTestId('pack-imported').first().waitFor({ timeout: 10_000 });
    const page = await fresh.context.newPage();
    await page.goto(URL_A);
    await page.getByTestId('takeaway-key-takeaway').waitFor({ timeout: 10_000 });
    expect(await text(page, 'takeaway-key-takeaway')).toContain(CONCLUSION);
    expect(await text(page, 'takeaway-provenance')).toMatch(
      /Riverside Journal Club \(imported pack: summaries\)/,
    );
    expect(await panelFields(page)).toEqual(written);

    // A note on the paper, and the Summaries view lists the pack's summary (read-only, named by its
    // pack) and the paper as one still to summarise.
    const note = await readyEditor(page);
    await note.fill('Present at the next journal club.');
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
    await review.goto(`chrome-extension://${fresh.extensionId}/review.html#/summaries`);
    await review.getByTestId('pack-summary-item').first().waitFor({ timeout: 10_000 });
    expect(await review.getByTestId('pack-summary-item').count()).toBe(1);
    expect(await review.getByTestId('summary-item').count()).toBe(0);
    expect(await text(review, 'pack-summary-source')).toMatch(/From the pack “summaries” · by Riverside/);
    await review.getByTestId('summaries-to-do-count').waitFor({ timeout: 10_000 });
    expect(await text(review, 'summaries-to-do-count')).toMatch(/^1 paper you noted but have not summarised/);
    await review.getByTestId('summaries-search').fill('claudicat');
    await expect.poll(() => text(review, 'summaries-count')).toMatch(/^1 of 1 summary shown/);
    expect(await review.locator('[data-testid="pack-summary-item"] mark').count()).toBeGreaterThan(0);
    expect(await axeViolations(review)).toEqual([]);
    await review.screenshot({ path: screenshotPath('summaries-view-packs'), fullPage: true });
    await review.getByTestId('summaries-search').fill('denosumab');
    await expect.poll(() => text(review, 'summaries-count')).toMatch(/^0 of 1 summary shown/);
    await review.getByTestId('summaries-search').fill('');
    await review.getByTestId('summaries-to-do-paper').getByRole('link').first().click();
    await review.getByTestId('paper-write-summary').waitFor({ timeout: 10_000 });
    expect(review.url()).toMatch(/#\/paper\/\d+$/);
  });
});
