/**
 * Highlight budgets (issue 19), in a real Chromium: 200 highlights on a long article page.
 * - time to draw them after load (anchor every stored highlight, measure, place): < 50 ms;
 * - the interval between frames while the page scrolls, with them against without: within 10%;
 * - relayout after a window resize: < 16 ms.
 * The page's code (anchoring and the highlight layer of lib/page) is bundled and run in the page
 * as the content script runs it, without the rest of the extension: the figures are the drawing's
 * own. Medians of several page loads. Prints `name: value unit` lines; says so and exits 0
 * without Chromium.
 */
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../tests/support/browser';
import { line, median, percentile } from './report';

const RUNS = 7;
const HIGHLIGHTS = 200;
const PARAGRAPHS = 400;
const SCROLL_FRAMES = 240;
const URL = 'https://bench.takeaway.invalid/article';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'patients randomised trial mortality confidence interval hazard ratio cohort follow-up ' +
  'outcome placebo adverse events baseline median months dose response sensitivity analysis ' +
  'mobilisation fracture surgery delirium infection readmission subgroup primary secondary ' +
  'endpoint participants allocation concealment blinded assessors protocol registry'
).split(' ');

/** A long article: sections of paragraphs with inline emphasis, links and citations. */
function articleHtml(): string {
  const rnd = random(42);
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)] as string;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 18);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = word();
      const r = rnd();
      parts.push(r < 0.04 ? `<em>${w}</em>` : r < 0.07 ? `<a href="#ref-${i}">${w}</a>` : w);
    }
    const s = parts.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)} (${Math.floor(rnd() * 90) + 1}%).`;
  };
  const body: string[] = ['<h1 id="title">A long trial report</h1>'];
  for (let p = 0; p < PARAGRAPHS; p++) {
    if (p % 20 === 0) body.push(`<h2>Section ${p / 20 + 1}</h2>`);
    const n = 3 + Math.floor(rnd() * 4);
    body.push(`<p id="p-${p}">${Array.from({ length: n }, sentence).join(' ')}</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>
<style>body { font: 17px/1.6 Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; background: #fff; }</style>
</head><body><main>${body.join('\n')}</main></body></html>`;
}

/** The page side: the real anchoring and layer, and the measurements, as one script. */
const ENTRY = `
import { anchor, describe, segments, textMap } from './lib/page/anchoring/index';
import { createHighlightLayer } from './lib/page/features/highlight-layer';

const w = window;
w.__bench = {
  /** Stored selectors of n highlights spread over the page, as the background would return them. */
  make(n) {
    const body = document.body;
    const map = textMap(body);
    const out = [];
    for (let i = 0; i < n; i++) {
      const at = Math.floor(((i + 0.5) / n) * (map.text.length - 400));
      const start = map.text.indexOf(' ', at) + 1;
      const length = 20 + ((i * 37) % 160);
      const end = map.text.lastIndexOf(' ', start + length);
      const range = document.createRange();
      const segs = segments(map, start, end);
      range.setStart(segs[0].node, segs[0].start);
      const last = segs[segs.length - 1];
      range.setEnd(last.node, last.end);
      out.push({ id: 'h' + i, ...describe(map, range), color: ['yellow', 'green', 'blue', 'pink'][i % 4] });
    }
    return out;
  },
  /** What the feature does after load: anchor each, add it, measure once. */
  draw(stored) {
    const t0 = performance.now();
    const layer = createHighlightLayer({ signal: new AbortController().signal });
    const map = textMap(document.body);
    let drawn = 0;
    for (const h of stored) {
      const a = anchor(map.text, h.quote, h.position);
      if (!a) continue;
      layer.add(h.id, segments(map, a.start, a.end), h.color);
      drawn++;
    }
    layer.relayout();
    const script = performance.now() - t0;
    w.__layer = layer;
    w.__t0 = t0;
    return new Promise((resolve) =>
      requestAnimationFrame(() => setTimeout(() => resolve({ script, frame: performance.now() - t0, drawn, boxes: layer.drawn().reduce((n, d) => n + d.boxes.length, 0) }))),
    );
  },
  /** Once every highlight has its boxes (the far ones are measured in idle time): since draw(). */
  allPlaced() {
    return new Promise((resolve) => {
      const check = () =>
        w.__layer.drawn().every((d) => d.boxes.length > 0)
          ? resolve({ ms: performance.now() - w.__t0, boxes: w.__layer.drawn().reduce((n, d) => n + d.boxes.length, 0) })
          : setTimeout(check, 5);
      check();
    });
  },
  /** Anchoring alone, the part that is not drawing. */
  anchorOnly(stored) {
    const t0 = performance.now();
    const map = textMap(document.body);
    for (const h of stored) anchor(map.text, h.quote, h.position);
    return performance.now() - t0;
  },
  /** Frame intervals while the document scrolls by a wheel's worth each frame. */
  scroll(frames) {
    scrollTo(0, 0);
    return new Promise((resolve) => {
      const times = [];
      const tick = (t) => {
        times.push(t);
        if (times.length > frames) {
          const gaps = times.slice(2).map((x, i) => x - times[i + 1]);
          resolve(gaps);
          return;
        }
        scrollBy(0, 24);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  },
  /**
   * The next resize: the layer's relayout timed from inside the resize event, when the page's
   * layout at the new size is still to be done; and, as the baseline, that layout alone.
   */
  armResize(withLayer) {
    return new Promise((resolve) => {
      addEventListener(
        'resize',
        () => {
          const t0 = performance.now();
          if (withLayer) w.__layer.relayout();
          else document.body.getBoundingClientRect();
          resolve(performance.now() - t0);
        },
        { once: true },
      );
    });
  },
};
`;

async function bundle(): Promise<string> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
  });
  return out.outputFiles[0]!.text;
}

async function resizeOnce(page: Page, width: number, withLayer: boolean): Promise<number> {
  const armed = page.evaluate(
    (withLayer) =>
      (window as unknown as { __bench: { armResize(w: boolean): Promise<number> } }).__bench.armResize(
        withLayer,
      ),
    withLayer,
  );
  await page.setViewportSize({ width, height: 900 });
  return armed;
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log('highlights bench: no Chromium found, skipped');
    return;
  }
  const [script, html] = [await bundle(), articleHtml()];
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const draw: number[] = [];
  const drawFrame: number[] = [];
  const allPlaced: number[] = [];
  const anchorOnly: number[] = [];
  const relayout: number[] = [];
  const pageLayout: number[] = [];
  const scrollWith: number[] = [];
  const scrollWithout: number[] = [];
  const p95With: number[] = [];
  const p95Without: number[] = [];
  let boxes = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) =>
      route.request().url() === URL
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.abort(),
    );
    type Bench = {
      make(n: number): unknown[];
      draw(s: unknown[]): Promise<{ script: number; frame: number; drawn: number; boxes: number }>;
      allPlaced(): Promise<{ ms: number; boxes: number }>;
      anchorOnly(s: unknown[]): number;
      scroll(frames: number): Promise<number[]>;
    };
    const bench = (page: Page) =>
      page.evaluateHandle(() => (window as unknown as { __bench: Bench }).__bench);
    const setup = await context.newPage();
    await setup.goto(URL);
    await setup.addScriptTag({ content: script });
    const stored = await (await bench(setup)).evaluate((b, n) => b.make(n), HIGHLIGHTS);
    await setup.close();

    for (let run = 0; run < RUNS; run++) {
      // The baseline in a page of its own: the same page, the same scroll, no highlights.
      const plain = await context.newPage();
      await plain.goto(URL, { waitUntil: 'load' });
      await plain.addScriptTag({ content: script });
      const pb = await bench(plain);
      const without = await pb.evaluate((b, f) => b.scroll(f), SCROLL_FRAMES);
      pageLayout.push(await resizeOnce(plain, 1100, false));
      await plain.setViewportSize({ width: 1280, height: 900 });
      anchorOnly.push(await pb.evaluate((b, s) => b.anchorOnly(s), stored));
      await plain.close();

      const page = await context.newPage();
      await page.goto(URL, { waitUntil: 'load' });
      await page.addScriptTag({ content: script });
      const b = await bench(page);
      const d = await b.evaluate((b, s) => b.draw(s), stored);
      if (d.drawn !== HIGHLIGHTS) throw new Error(`only ${d.drawn} of ${HIGHLIGHTS} highlights anchored`);
      draw.push(d.script);
      drawFrame.push(d.frame);
      const all = await b.evaluate((b) => b.allPlaced());
      allPlaced.push(all.ms);
      boxes = all.boxes;
      const withHl = await b.evaluate((b, f) => b.scroll(f), SCROLL_FRAMES);
      scrollWithout.push(median(without));
      scrollWith.push(median(withHl));
      p95Without.push(percentile(without, 0.95));
      p95With.push(percentile(withHl, 0.95));
      for (const width of [1000, 1280, 760]) relayout.push(await resizeOnce(page, width, true));
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const n = `${HIGHLIGHTS} highlights, ${PARAGRAPHS}-paragraph page, median of ${RUNS} loads`;
  line(`highlights drawn after load, script (${n}; budget 50 ms)`, median(draw), 'ms');
  line('  to the next frame painted', median(drawFrame), 'ms');
  line('  until all of them are placed (those far from the viewport in idle time)', median(allPlaced), 'ms');
  line('  baseline: anchoring them alone, nothing drawn', median(anchorOnly), 'ms');
  line('  boxes drawn', boxes, 'boxes');
  const ws = median(scrollWith);
  const wo = median(scrollWithout);
  line(
    `scroll frame interval with highlights (median of ${SCROLL_FRAMES} frames, of ${RUNS} loads)`,
    ws,
    'ms',
  );
  line('  baseline: the same page without highlights', wo, 'ms');
  line('  with / without (budget within 10%)', ws / wo, 'x');
  line('  95th percentile with highlights', median(p95With), 'ms');
  line('  95th percentile baseline', median(p95Without), 'ms');
  line(`relayout after a window resize (median of ${relayout.length}; budget 16 ms)`, median(relayout), 'ms');
  line('  baseline: the page laying itself out at the new size', median(pageLayout), 'ms');
}

await main();
