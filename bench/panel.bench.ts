/**
 * Panel budgets, in a real Chromium with the built extension (issue budgets: DESIGN.md):
 * - content script on a page that is not an article: no DOM writes, its own work < 5 ms;
 * - navigation to a visible takeaway < 300 ms median, against the page's own first paint of its
 *   title in the same run as the baseline.
 * Prints `name: value unit` lines. Needs Chromium; says so and exits 0 without it.
 */
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';
import { findChromium } from '../tests/support/browser';
import setup from '../tests/support/build-extension';
import { launchWithExtension } from '../tests/support/harness';
import { identify, looksLikeArticle } from '../lib/shared/identify';
import { line, median } from './report';

const RUNS = 9;

/** The content script's own work on a page that is not an article, in Node on the same markup. */
function contentScriptWork(): void {
  const html = readFileSync('tests/fixtures/pages/journal-home.html', 'utf8');
  const { document } = parseHTML(html);
  const url = 'https://www.nature.com/nm/';
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    if (looksLikeArticle(document, url)) identify(document, url);
    times.push(performance.now() - t0);
  }
  line('content script work on a non-article page (median of 200)', median(times), 'ms');
}

async function inBrowser(): Promise<void> {
  const cleanup = setup();
  const s = await launchWithExtension();
  try {
    // No DOM writes on a page that is not an article: count mutations from the start of the page.
    const page = await s.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __mutations: number };
      w.__mutations = 0;
      // From DOMContentLoaded on: before it the parser is still building the page itself, and the
      // content script runs at document_idle, after it.
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          w.__mutations += records.length;
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    });
    await page.goto('https://www.nature.com/nm/');
    await page.waitForTimeout(1500);
    line(
      'DOM writes on a non-article page',
      await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations),
      'mutations',
    );
    await page.close();

    const takeaway: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const p = await s.context.newPage();
      const t0 = performance.now();
      await p.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/', { waitUntil: 'commit' });
      await p.locator('h1.heading-title').waitFor({ state: 'visible' });
      baseline.push(performance.now() - t0);
      await p.getByTestId('takeaway-key-takeaway').waitFor({ state: 'visible', timeout: 10_000 });
      takeaway.push(performance.now() - t0);
      await p.close();
    }
    const t = median(takeaway);
    const b = median(baseline);
    line(`navigation to visible takeaway (median of ${RUNS})`, t, 'ms');
    line(`navigation to the page's own title, baseline (median of ${RUNS})`, b, 'ms');
    line('takeaway vs page title ratio', t / b, 'x');
  } finally {
    await s.close();
    cleanup?.();
  }
}

contentScriptWork();
if (!findChromium()) {
  console.log('panel bench: Chromium not found (apt-get install -y chromium); browser rows skipped');
} else {
  await inBrowser();
}
