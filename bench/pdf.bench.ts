/**
 * PDF budgets (issue "Papers read as PDFs"), in a real Chromium with the built extension: from the
 * file chosen in pdf.html to the first page drawn (< 500 ms) and to the panel shown (< 1 s), on a
 * 50-page PDF made by the fixture generator (written to bench/out/), median of several runs. The
 * baseline in the same run: the same timings on the 12-page fixture long.pdf.
 * Prints `name: value unit` lines. Needs Chromium; says so and exits 0 without it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { longPaperPdf } from '../build/make-pdf-fixtures';
import { findChromium } from '../tests/support/browser';
import setup from '../tests/support/build-extension';
import { launchWithExtension } from '../tests/support/harness';
import { line, median } from './report';

const RUNS = 7;

async function main(): Promise<void> {
  mkdirSync('bench/out', { recursive: true });
  const fifty = resolve('bench/out/fifty-pages.pdf');
  writeFileSync(fifty, longPaperPdf(48));
  const teardown = setup();
  const s = await launchWithExtension();
  try {
    for (const [name, file] of [
      ['50-page PDF', fifty],
      ['12-page PDF (long.pdf), baseline', resolve('tests/fixtures/pdf/long.pdf')],
    ] as const) {
      const page: number[] = [];
      const panel: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const p = await s.context.newPage();
        await p.goto(`chrome-extension://${s.extensionId}/pdf.html`);
        const input = p.getByTestId('pdf-open-file');
        await input.waitFor({ state: 'attached', timeout: 15_000 });
        // Measured in the page, from the file input's change event: what the reader waits for.
        await p.evaluate(`(() => {
          window.times = {};
          document.querySelector('[data-testid="pdf-open-file"]').addEventListener('change', () => {
            window.times.chosen = performance.now();
            const seen = (name, selector) => {
              if (window.times[name] === undefined && document.querySelector(selector)) window.times[name] = performance.now();
            };
            new MutationObserver(() => {
              seen('page', '.tw-pdf-page[data-page="1"][data-rendered="true"]');
              seen('panel', '[data-testid="takeaway-glance"], [data-testid="takeaway-key-takeaway"], [data-testid="takeaway-no-summary"]');
            }).observe(document.body, { subtree: true, childList: true, attributes: true });
          });
        })()`);
        await input.setInputFiles(file);
        await p.locator('.tw-pdf-page[data-page="1"][data-rendered="true"]').waitFor({ timeout: 20_000 });
        await p.getByTestId('takeaway-overlay').waitFor({ timeout: 20_000 });
        const t = (await p.evaluate('window.times')) as Record<string, number>;
        page.push((t.page ?? NaN) - (t.chosen ?? NaN));
        panel.push((t.panel ?? NaN) - (t.chosen ?? NaN));
        await p.close();
      }
      line(`${name}: file chosen to first page drawn (median of ${RUNS})`, median(page), 'ms');
      line(`${name}: file chosen to panel shown (median of ${RUNS})`, median(panel), 'ms');
    }
  } finally {
    await s.close();
    teardown?.();
  }
}

if (!findChromium()) console.log('pdf bench: Chromium not found (apt-get install -y chromium); skipped');
else await main();
