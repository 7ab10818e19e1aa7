/**
 * Panel budgets, in a real Chromium with the built extension (issue budgets: DESIGN.md):
 * - content script on a page that is not an article: no DOM writes, its own work < 5 ms;
 * - navigation to a visible takeaway < 300 ms median, and at most 1.15 times the page's own paint
 *   of its title in the same run (the baseline), on PubMed and on a heavy publisher page: seen
 *   by the driver (a locator's wait) and in the page's own clock at every frame (recordPaint);
 * - the same two pages in Firefox ESR, in the page's own clock.
 * Prints `name: value unit` lines. Needs Chromium; says so and exits 0 without it.
 */
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { findChromium, findFirefox } from '../tests/support/browser';
import setup from '../tests/support/build-extension';
import { FIXTURE_PAGES, launchWithExtension } from '../tests/support/harness';
import { launchFirefox } from '../tests/support/firefox-harness';
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

const HEAVY_URL = 'https://www.nejm.org/doi/full/10.1056/NEJMoa2599001';
/** Served from tests/fixtures/pages: the generated page is reached from there. */
const PAGES = { ...FIXTURE_PAGES, [HEAVY_URL]: '../../../bench/out/heavy-publisher.html' };
/** A quiet PubMed page, and a heavy publisher page: [name, URL, the page's own title]. */
const CASES: [string, string, string][] = [
  ['PubMed', 'https://pubmed.ncbi.nlm.nih.gov/42393435/', 'h1.heading-title'],
  ['heavy publisher page', HEAVY_URL, 'h1.o-article__title'],
];

/**
 * Run in the page before its own scripts: at every animation frame, whether the page's title and
 * the panel's takeaway are laid out and not hidden (what a locator calls visible), and the page
 * time (from navigation start) of the first frame each is. The same clock and the same check for
 * both, in any browser, with no driver polling between them.
 */
function recordPaint(title: string): void {
  const paint: { title?: number; takeaway?: number } = {};
  (window as unknown as { __paint: typeof paint }).__paint = paint;
  const shown = (el: Element | null | undefined): boolean => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const tick = (): void => {
    const now = performance.now();
    if (paint.title === undefined && shown(document.querySelector(title))) paint.title = now;
    const panel = document.querySelector('takeaway-panel')?.shadowRoot;
    if (paint.takeaway === undefined && shown(panel?.querySelector('[data-testid="takeaway-key-takeaway"]')))
      paint.takeaway = now;
    if (paint.title === undefined || paint.takeaway === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** recordPaint as a script; a no-op `__name` stands in for the helper tsx adds to compiled functions. */
function recordPaintScript(title: string): string {
  return `(() => { const __name = (f) => f; (${recordPaint.toString()})(${JSON.stringify(title)}); })()`;
}

const PAINTED =
  'window.__paint && window.__paint.title !== undefined && window.__paint.takeaway !== undefined';

function report(prefix: string, name: string, takeaway: number[], baseline: number[], how: string): void {
  const t = median(takeaway);
  const b = median(baseline);
  line(`${prefix}${name}: navigation to visible takeaway${how} (median of ${RUNS})`, t, 'ms');
  line(`${prefix}${name}: navigation to the page's own title${how}, baseline (median of ${RUNS})`, b, 'ms');
  line(`${prefix}${name}: takeaway vs page title ratio${how}`, t / b, 'x');
}

/**
 * The NEJM fixture made heavy: about 1 MB, with 40 parse-blocking inline scripts that each build
 * and sort a large array before the article, and long article text after it. Written to bench/out/.
 */
function heavyPage(): string {
  const base = readFileSync('tests/fixtures/pages/nejm-hip-fracture.html', 'utf8');
  const scripts = Array.from(
    { length: 40 },
    (_, i) =>
      `<script>(function(){var a=[${Array.from({ length: 2500 }, (_, j) => (j * 7919 + i) % 10007).join(',')}];a.sort(function(x,y){return x-y});window.__w${i}=a.length;})();</script>`,
  ).join('\n');
  const text = Array.from(
    { length: 2400 },
    (_, i) =>
      `<p>Paragraph ${i} of the discussion: early mobilisation after hip-fracture surgery was studied in older adults across many centres, with outcomes measured over months of follow-up and reported with their confidence intervals.</p>`,
  ).join('\n');
  const html = base.replace('<body>', `<body>\n${scripts}`).replace('</body>', `${text}\n</body>`);
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/heavy-publisher.html', html);
  return html;
}

async function inBrowser(): Promise<void> {
  const heavy = heavyPage();
  line('heavy publisher page size', heavy.length / 1e6, 'MB');
  const s = await launchWithExtension({ pages: PAGES });
  try {
    // No DOM writes on a page that is not an article: count mutations from the start of the page.
    const page = await s.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __mutations: number };
      w.__mutations = 0;
      // From the start of the page (the content script runs at document_start). While loading, the
      // parser itself inserts nodes and grows text nodes; anything of ours would be an element of
      // our own or an attribute written on the page's elements.
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes') w.__mutations++;
          for (const n of r.addedNodes)
            if ((n as Element).localName?.startsWith('takeaway-')) w.__mutations++;
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.goto('https://www.nature.com/nm/');
    await page.waitForTimeout(1500);
    line(
      'DOM writes on a non-article page',
      await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations),
      'mutations',
    );
    await page.close();

    for (const [name, url, title] of CASES) {
      const takeaway: number[] = [];
      const baseline: number[] = [];
      const framedTakeaway: number[] = [];
      const framedBaseline: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const p = await s.context.newPage();
        await p.addInitScript(recordPaintScript(title));
        const t0 = performance.now();
        await p.goto(url, { waitUntil: 'commit' });
        // Both watched at once, the same way: waiting for the takeaway only once the title was
        // seen would add a polling round to the takeaway alone.
        const [seenTitle, seenTakeaway] = await Promise.all([
          p
            .locator(title)
            .waitFor({ state: 'visible' })
            .then(() => performance.now() - t0),
          p
            .getByTestId('takeaway-key-takeaway')
            .waitFor({ state: 'visible', timeout: 10_000 })
            .then(() => performance.now() - t0),
        ]);
        baseline.push(seenTitle);
        takeaway.push(seenTakeaway);
        await p.waitForFunction(PAINTED, null, { timeout: 10_000 });
        const paint = (await p.evaluate('window.__paint')) as { title: number; takeaway: number };
        framedBaseline.push(paint.title);
        framedTakeaway.push(paint.takeaway);
        await p.close();
      }
      report('', name, takeaway, baseline, '');
      report('', name, framedTakeaway, framedBaseline, ', page time, every frame');
    }
  } finally {
    await s.close();
  }
}

/**
 * The same two pages in Firefox ESR (the Firefox build, over WebDriver BiDi), timed in the page by
 * recordPaint alone: a driver's polling over BiDi would be the larger part of any figure.
 */
async function inFirefox(): Promise<void> {
  const s = await launchFirefox({ pages: PAGES });
  try {
    for (const [name, url, title] of CASES) {
      const takeaway: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const p = await s.newPage();
        await p.evaluateOnNewDocument(recordPaintScript(title));
        await p.goto(url, { waitUntil: 'load' });
        await p.waitForFunction(PAINTED, { timeout: 10_000, polling: 50 });
        const paint = (await p.evaluate('window.__paint')) as {
          title: number;
          takeaway: number;
        };
        baseline.push(paint.title);
        takeaway.push(paint.takeaway);
        await p.close();
      }
      report('Firefox ', name, takeaway, baseline, ', page time, every frame');
    }
  } finally {
    await s.close();
  }
}

contentScriptWork();
if (!findChromium()) {
  console.log('panel bench: Chromium not found (apt-get install -y chromium); browser rows skipped');
} else {
  const cleanup = setup();
  try {
    await inBrowser();
    if (findFirefox()) await inFirefox();
    else
      console.log(
        'panel bench: Firefox ESR not found (apt-get install -y firefox-esr); Firefox rows skipped',
      );
  } finally {
    cleanup?.();
  }
}
