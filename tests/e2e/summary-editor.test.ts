/**
 * The journal-club loop in Chromium: write a summary from the panel (prefilled, checked by the
 * build's validator), see it in the panel at once and after a reload, on another address of the
 * paper; export it as Markdown and JSON Lines; build an index from the Markdown with the CLI; import
 * the JSON Lines as a pack in a fresh profile. Fixture: the glance's PubMed page, which has no summary.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import {
  FIXTURE_PAGES,
  launchWithExtension,
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
  const out = mkdtempSync(join(tmpdir(), 'takeaway-summaries-'));
  let jsonlPath = '';
  let zipPath = '';
  beforeAll(async () => {
    s = await launchWithExtension({ pages: PAGES });
  });
  afterAll(async () => {
    await s?.close();
    await fresh?.close();
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
    expect(await axeViolations(review)).toEqual([]);
    await review.screenshot({ path: screenshotPath('summaries-view'), fullPage: true });
    for (const [testid, name] of [
      ['summaries-export-markdown', 'summaries.zip'],
      ['summaries-export-jsonl', 'summaries.jsonl'],
    ] as const) {
      const download = review.waitForEvent('download');
      await review.getByTestId(testid).click();
      const path = join(out, name);
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
  });
});
