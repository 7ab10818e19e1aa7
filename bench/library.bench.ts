/**
 * Notes library budgets (DESIGN.md): with 10,000 papers and 50,000 notes, the review page's first
 * screen < 500 ms and each search keystroke < 50 ms. Measured in a real Chromium with the built
 * extension; baselines in the same run: the page's own HTML (DOMContentLoaded), reading every
 * note with IndexedDB getAll, and a naive substring filter over all notes per keystroke.
 * Prints `name: value unit` lines. Needs Chromium; says so and exits 0 without it.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { findChromium } from '../tests/support/browser';
import setup from '../tests/support/build-extension';
import { launchWithExtension } from '../tests/support/harness';
import { countRows, seedLibrary } from '../tests/support/library-seed';
import { line, median } from './report';

const RUNS = 7;
const QUERIES = [
  'ketamineprotocol',
  'renal fracture',
  'zomab',
  'journal club warfarin',
  'hazard ratio elderly',
];

/**
 * A first row of the library laid out and not hidden (what a locator calls visible), checked in the
 * page. A function, not a string: the extension's pages allow no eval.
 */
function visibleRow(): boolean {
  const row = document.querySelector('[data-testid="review-paper"]');
  if (!row) return false;
  const box = row.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(row).visibility !== 'hidden';
}

/** Evaluate in the page; a no-op `__name` stands in for the helper tsx adds to compiled functions. */
async function inPage<A, R>(page: Page, fn: (a: A) => R | Promise<R>, arg: A): Promise<R> {
  return page.evaluate(
    `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`,
  ) as Promise<R>;
}

async function main(): Promise<void> {
  const teardown = setup();
  const s = await launchWithExtension();
  try {
    const base = `chrome-extension://${s.extensionId}/review.html`;
    const first = await s.context.newPage();
    await first.goto(base);
    await first.getByTestId('review-empty').waitFor({ timeout: 15_000 });
    const seeded = await seedLibrary(first, {
      papers: 10_000,
      notesPerPaper: 5,
      highlights: 2_000,
      markedPaper: 4321,
      marker: 'ketamineprotocol',
    });
    line('seeded notes', seeded.notes, 'notes');
    await first.close();

    // Let the summary cache fill once (as on a reader's second visit), so runs are alike; then let
    // the page keep its search index for the next visit.
    const warm = await s.context.newPage();
    const tFill = performance.now();
    await warm.goto(base);
    const built = await warm
      .waitForFunction(
        () => performance.getEntriesByName('takeaway:library-search-current').length > 0,
        null,
        {
          timeout: 60_000,
        },
      )
      .then(() =>
        warm.evaluate(() => performance.getEntriesByName('takeaway:library-search-current')[0]!.startTime),
      );
    line('first visit: search index built from 50k notes (no kept index; baseline)', built, 'ms');
    for (let i = 0; i < 1200 && (await countRows(warm, 'summaryCache')) < 10_000; i++)
      await warm.waitForTimeout(100);
    line(
      'first visit: summaries of 10k papers looked up and cached (background, after the first screen)',
      performance.now() - tFill,
      'ms',
    );
    const tKeep = performance.now();
    await warm.waitForFunction(
      () => performance.getEntriesByName('takeaway:library-search-kept').length > 0,
      null,
      {
        timeout: 60_000,
      },
    );
    line(
      'first visit: search index written out for the next visit (after the last change)',
      performance.now() - tKeep,
      'ms',
    );
    await warm.close();

    const firstScreen: number[] = [];
    const firstScreenPolled: number[] = [];
    const shell: number[] = [];
    const searchReady: number[] = [];
    const ranked: number[] = [];
    const phases: Record<string, number[]> = {};
    for (let i = 0; i < RUNS; i++) {
      const page = await s.context.newPage();
      const t0 = performance.now();
      await page.goto(base, { waitUntil: 'commit' });
      // All three watched at once. A locator's wait polls with a backoff (checks 20, 50 and 100 ms
      // apart, playwright-core's retryWithProgressAndBackoff), so a row drawn just after a check is
      // seen up to 100 ms late: the figure is the wait that checks every frame; the locator's is
      // printed beside it.
      const [dcl, framed, polled] = await Promise.all([
        page.waitForLoadState('domcontentloaded').then(() => performance.now() - t0),
        page
          .waitForFunction(visibleRow, null, { polling: 'raf', timeout: 20_000 })
          .then(() => performance.now() - t0),
        page
          .getByTestId('review-paper')
          .first()
          .waitFor({ state: 'visible', timeout: 20_000 })
          .then(() => performance.now() - t0),
      ]);
      shell.push(dcl);
      firstScreen.push(framed);
      firstScreenPolled.push(polled);
      // The reader types at once: time until ranked results (from the index, not the plain scan).
      await inPage(
        page,
        (q: string) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        },
        'hazard ratio elderly',
      );
      await page.waitForFunction(
        () => {
          const r = document.querySelector('[data-testid="library-results"]');
          return (
            r?.getAttribute('data-query') === 'hazard ratio elderly' &&
            r.getAttribute('data-ranked') === 'true' &&
            document.querySelector('[data-testid="library-results"] [data-testid="review-paper"]') !== null
          );
        },
        null,
        { timeout: 30_000, polling: 'raf' },
      );
      ranked.push(performance.now() - t0);
      await page.waitForFunction(
        () => performance.getEntriesByName('takeaway:library-built').length > 0,
        null,
        {
          timeout: 30_000,
        },
      );
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      );
      for (const [k, v] of Object.entries(marks)) (phases[k] ??= []).push(v);
      const nav = (await page.evaluate(
        'performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? NaN',
      )) as number;
      (phases['DOMContentLoaded, page time (baseline)'] ??= []).push(nav);
      const details = await page.evaluate(() =>
        performance
          .getEntriesByType('mark')
          .filter((m) => (m as PerformanceMark).detail)
          .map((m) => ({ name: m.name, detail: (m as PerformanceMark).detail as Record<string, number> })),
      );
      for (const d of details)
        for (const [k, v] of Object.entries(d.detail)) (phases[`${d.name} ${k}`] ??= []).push(v);
      searchReady.push(marks['takeaway:library-search-ready'] ?? NaN);
      await page.close();
    }
    line(`library first screen, 10k papers / 50k notes (median of ${RUNS})`, median(firstScreen), 'ms');
    line(
      `library first screen, seen by a locator's backoff polling (median of ${RUNS})`,
      median(firstScreenPolled),
      'ms',
    );
    line(`review page shell, DOMContentLoaded, baseline (median of ${RUNS})`, median(shell), 'ms');
    line(
      `search typed at once: ranked results shown, from opening the page (median of ${RUNS}; budget 1000 ms)`,
      median(ranked),
      'ms',
    );
    line(`  search index answering, page time (median of ${RUNS})`, median(searchReady), 'ms');
    for (const [k, v] of Object.entries(phases)) line(`  page mark ${k} (median)`, median(v), 'ms');

    // Keystrokes in the first seconds, while the index is still being built: the plain scan answers.
    {
      const early = await s.context.newPage();
      await early.goto(base);
      await early.waitForFunction(
        () => performance.getEntriesByName('takeaway:library-built').length > 0,
        null,
        {
          timeout: 20_000,
        },
      );
      const times = await inPage(
        early,
        async (q: string) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
          const out: number[] = [];
          for (let i = 1; i <= q.length; i++) {
            const value = q.slice(0, i);
            if (value.endsWith(' ')) continue;
            if (performance.getEntriesByName('takeaway:library-search-ready').length > 0) break;
            out.push(
              await new Promise<number>((resolve) => {
                const t0 = performance.now();
                const obs = new MutationObserver(() => {
                  const shown = document
                    .querySelector('[data-testid="library-results"]')
                    ?.getAttribute('data-query');
                  if (shown === value) {
                    obs.disconnect();
                    resolve(performance.now() - t0);
                  }
                });
                obs.observe(document.body, {
                  subtree: true,
                  attributes: true,
                  attributeFilter: ['data-query'],
                });
                input.value = value;
                input.dispatchEvent(new Event('input', { bubbles: true }));
              }),
            );
          }
          return out;
        },
        'hazard ratio elderly',
      );
      if (times.length) {
        line(
          `search keystroke while the index is being built (plain scan; median of ${times.length})`,
          median(times),
          'ms',
        );
        line('search keystroke while the index is being built, worst', Math.max(...times), 'ms');
      } else {
        line('search keystrokes answered by the plain scan (the kept index answered first)', 0, 'keystrokes');
      }
      await early.close();
    }

    // Keystrokes: type each query letter by letter; time from the input event to the rendered result.
    // Once the library is read and its index current (the first seconds are timed above).
    const page = await s.context.newPage();
    await page.goto(base);
    await page.getByTestId('review-paper').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForFunction(
      () => performance.getEntriesByName('takeaway:library-search-current').length > 0,
      null,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(500);
    const keystrokes = await inPage(
      page,
      async (queries: string[]) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
        const results = () => document.querySelector('[data-testid="library-results"]')!;
        const times: number[] = [];
        const type = (value: string) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
              if (results().getAttribute('data-query') === value.trim()) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            });
            obs.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-query'] });
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          });
        for (const q of queries) {
          for (let i = 1; i <= q.length; i++) {
            if (q[i - 1] === ' ') continue;
            times.push(await type(q.slice(0, i)));
            await new Promise((r) => setTimeout(r, 30));
          }
          await type('');
        }
        return times;
      },
      QUERIES,
    );
    line(
      `search keystroke to rendered results, 50k notes (median of ${keystrokes.length})`,
      median(keystrokes),
      'ms',
    );
    line(
      'search keystroke, 90th percentile',
      [...keystrokes].sort((a, b) => a - b)[Math.floor(keystrokes.length * 0.9)] ?? NaN,
      'ms',
    );
    line('search keystroke, worst', Math.max(...keystrokes), 'ms');

    // Scrolling: move the list down a screen per frame and time the frames.
    await page.getByTestId('library-search').fill('');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="library-results"]')?.getAttribute('data-query') === '',
    );
    const frames = await inPage(
      page,
      async (n: number) => {
        const box = document.querySelector<HTMLElement>('.tw-vlist')!;
        const deltas: number[] = [];
        let last = performance.now();
        for (let i = 0; i < n; i++) {
          box.scrollTop += 600;
          box.dispatchEvent(new Event('scroll'));
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          deltas.push(now - last);
          last = now;
        }
        return { deltas, rows: document.querySelectorAll('[data-testid="review-paper"]').length };
      },
      240,
    );
    const sorted = [...frames.deltas].sort((a, b) => a - b);
    line('scrolling the 10k-paper list, frame interval (median of 240 frames)', median(frames.deltas), 'ms');
    line('scrolling, 95th percentile frame interval', sorted[Math.floor(sorted.length * 0.95)] ?? NaN, 'ms');
    line('scrolling, rows in the document', frames.rows, 'rows');

    // Baselines in the same page: read every note (getAll), and a naive filter over them per keystroke.
    const base2 = await inPage(
      page,
      async (queries: string[]) => {
        const t0 = performance.now();
        const notes = await new Promise<{ body: string }[]>((resolve, reject) => {
          const open = indexedDB.open('takeaway');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('notes', 'readonly').objectStore('notes').getAll();
            req.onsuccess = () => resolve(req.result as { body: string }[]);
          };
        });
        const read = performance.now() - t0;
        const times: number[] = [];
        let found = 0;
        for (const q of queries)
          for (let i = 1; i <= q.length; i++) {
            const needle = q.slice(0, i).toLowerCase();
            const t = performance.now();
            found += notes.filter((n) => n.body.toLowerCase().includes(needle)).length;
            times.push(performance.now() - t);
          }
        times.sort((a, b) => a - b);
        return { read, naive: times[Math.floor(times.length / 2)] ?? NaN, found };
      },
      QUERIES,
    );
    line('baseline: read all 50k notes with IndexedDB getAll', base2.read, 'ms');
    line('baseline: naive substring filter over 50k notes per keystroke (median)', base2.naive, 'ms');
    // The seeded library predates its safety copy (lib/extension/db/safety-copy.ts): a page that
    // stays open writes it whole, in batches, once it has had its time.
    const whole = await page
      .waitForFunction(() => performance.getEntriesByName('takeaway:safety-copy-whole').length > 0, null, {
        timeout: 180_000,
        polling: 500,
      })
      .then(() =>
        page.evaluate(
          () =>
            (performance.getEntriesByName('takeaway:safety-copy-whole')[0] as PerformanceMark).detail as {
              units: number;
              ms: number;
            },
        ),
      )
      .catch(() => null);
    if (whole) {
      line('safety copy written whole, in the library page (10k papers)', whole.ms, 'ms');
      line('safety copy, units written', whole.units, 'files');
    } else line('safety copy written whole within 3 minutes', 0, 'no');
    await page.close();
  } finally {
    await s.close();
    if (typeof teardown === 'function') teardown();
  }
}

if (!findChromium()) {
  console.log('library bench: Chromium not found (apt-get install -y chromium); rows skipped');
} else {
  await main();
}
