/**
 * `npm run bench -- extension`: lookups as the reader meets them, inside Chromium.
 *
 * The extension is built the way an organisation builds its own edition
 * (`TAKEAWAY_SUMMARIES=<synthetic summaries> wxt build`), loaded unpacked, and asked through the
 * background's message handler from one of its own pages. Every figure therefore includes the
 * extension's real file reads (a fetch of a packaged file) and a message round trip, which the
 * Node figures of index.bench.ts leave out. Baselines measured in the same run:
 * - the round trip of a request the background refuses without touching the index, printed beside
 *   every warm figure, with what the figure costs beyond it (per round, then the median);
 * - one fetch of an index file from the service worker (what a shard read costs there);
 * - for a worker that wakes: the same refused request after the worker was stopped.
 *
 * Warm means a worker that has answered a few hundred lookups and finished reading ahead (a busy
 * worker reads the rest of an edition that fits its memory budget, lib/shared/index/service.ts);
 * one batch of random papers is also timed while it reads. "Seen this session" papers are drawn
 * from all those asked for before, far more than the record cache holds. The index cache's bytes
 * come from `takeawayIndexMemory()` in the worker (lib/extension/index/packaged.ts).
 *
 * Sizes: BENCH_SIZES (default 10000,100000; the synthetic summaries are shared with
 * index.bench.ts). Needs Chromium; says so and exits 0 without it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { PaperIds } from '../lib/shared/identify/types';
import type { IndexMemory } from '../lib/shared/index/service';
import { findChromium } from '../tests/support/browser';
import { launchWithExtension } from '../tests/support/harness';
import { absentQuery, ensureSyntheticEdition, rng, syntheticQuery } from '../tests/support/gen-summaries';
import { label, line, median, percentile } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const SEED = 1;
/** DESIGN.md's budget for a cold lookup at a million summaries. */
const BUDGET = { coldMs: 50 };
const ROUNDS = 5;
const COLD_RUNS = 9;

interface Timed {
  ms: number[];
  answers: Array<'hit' | 'miss' | 'error'>;
}

/**
 * Time each request, one after the other, from an extension page. The page code is a string: the
 * bench runs under tsx, whose helpers do not exist in the page.
 */
async function timeRequests(page: Page, requests: Array<{ type: string; data: unknown }>): Promise<Timed> {
  return page.evaluate(`(async (requests) => {
    const ms = [];
    const answers = [];
    for (const r of requests) {
      const t = performance.now();
      const res = await chrome.runtime.sendMessage(r);
      ms.push(performance.now() - t);
      answers.push(!res || !res.ok ? 'error' : res.value ? 'hit' : 'miss');
    }
    return { ms, answers };
  })(${JSON.stringify(requests)})`);
}

/** A request the background refuses on shape alone: the cost of the round trip itself. */
const REFUSED = { type: 'lookup', data: 42 };

/**
 * Each request right after a refused one, in one loop: both of a pair meet the same moment of the
 * worker (its collector, the machine's other work), so their difference is what the lookup costs.
 */
async function timePaired(
  page: Page,
  requests: Array<{ type: string; data: unknown }>,
): Promise<{ ms: number[]; base: number[] }> {
  return page.evaluate(`(async (requests, refused) => {
    const ms = [];
    const base = [];
    for (const r of requests) {
      let t = performance.now();
      await chrome.runtime.sendMessage(refused);
      base.push(performance.now() - t);
      t = performance.now();
      const res = await chrome.runtime.sendMessage(r);
      ms.push(performance.now() - t);
      if (!res || !res.ok || !res.value) throw new Error('a paired lookup was not a hit');
    }
    return { ms, base };
  })(${JSON.stringify(requests)}, ${JSON.stringify(REFUSED)})`);
}

/** A difference of two page clock readings (0.1 ms steps), without float residue; never below 0. */
function clock(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1000);
}

function lookups(ids: PaperIds[]): Array<{ type: string; data: unknown }> {
  return ids.map((data) => ({ type: 'lookup', data }));
}

function expectAll(t: Timed, answer: 'hit' | 'miss' | 'error', what: string): number[] {
  const wrong = t.answers.filter((a) => a !== answer).length;
  if (wrong > 0) throw new Error(`${what}: ${wrong} of ${t.answers.length} answers were not "${answer}"`);
  return t.ms;
}

async function benchSize(n: number): Promise<void> {
  const L = `extension ${label(n)}`;
  const { file } = await ensureSyntheticEdition(join(here, 'out', 'index', String(n), 'src'), n, SEED);
  const out = resolve(here, 'out', 'ext', String(n));
  const t0 = performance.now();
  execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      TAKEAWAY_OUT_DIR: out,
      TAKEAWAY_SUMMARIES: dirname(file),
      TAKEAWAY_EDITION: 'Synthetic benchmark edition',
    },
  });
  line(`${L} edition build (index and extension)`, (performance.now() - t0) / 1000, 's');
  const manifest = JSON.parse(readFileSync(join(out, 'chrome-mv3', 'index', 'manifest.json'), 'utf8')) as {
    count: number;
    shards: number;
    shardBits: number;
  };
  if (manifest.count !== n) throw new Error(`built ${manifest.count} summaries, expected ${n}`);

  process.env.TAKEAWAY_E2E_DIR = out;
  const s = await launchWithExtension();
  try {
    const page = await s.context.newPage();
    await page.goto(`chrome-extension://${s.extensionId}/concept.html`);
    const r = rng(4242 + n);
    const pick = () => Math.floor(r() * n);
    const make = (count: number, kind: 'doi' | 'pmid' | 'title') => {
      const list: PaperIds[] = [];
      while (list.length < count) {
        const q = syntheticQuery(pick(), kind, SEED);
        if (q) list.push(q);
      }
      return list;
    };

    const worker = s.context.serviceWorkers()[0];
    const memory = async (): Promise<IndexMemory | null> =>
      worker
        ? ((await worker.evaluate('globalThis.takeawayIndexMemory?.() ?? null')) as IndexMemory | null)
        : null;

    // Warm the worker's code paths and the message channel first. Every paper asked for is kept:
    // "seen this session" draws from them.
    const seen: PaperIds[] = make(200, 'doi');
    await timeRequests(page, lookups(seen));
    await timeRequests(
      page,
      [...Array(200)].map(() => REFUSED),
    );
    // A busy worker reads the rest of an edition that fits its budget: random papers while it does,
    // then wait for it, so that "warm" below is a worker that has lived a few seconds.
    const t1 = performance.now();
    let held = await memory();
    console.log(
      held
        ? `# after the warm-up: read-ahead ${held.readAhead}, ${held.shards} of ${manifest.shards} shards held`
        : '# no takeawayIndexMemory in the worker: an older build',
    );
    const during = await timeRequests(page, lookups(make(300, 'doi')));
    const duringRefused = await timeRequests(
      page,
      [...Array(300)].map(() => REFUSED),
    );
    held = await memory();
    while (held?.readAhead === 'reading' && performance.now() - t1 < 120_000) {
      await new Promise((res) => setTimeout(res, 50));
      held = await memory();
    }
    line(
      `${L} read-ahead ${held?.readAhead ?? 'unknown'} after the warm-up within`,
      (performance.now() - t1) / 1000,
      's',
    );

    const rows: Record<string, number[][]> = {
      refused: [],
      hit: [],
      crossover: [],
      title: [],
      seen: [],
      cached: [],
      miss: [],
    };
    // The same kinds again, each lookup paired with a refused request, pooled over the rounds: a
    // p99 of 1,500 pairs, steadier than a per-round p99 (the third largest of 300).
    const paired: Record<'hit' | 'seen' | 'cached', { ms: number[]; base: number[] }> = {
      hit: { ms: [], base: [] },
      seen: { ms: [], base: [] },
      cached: { ms: [], base: [] },
    };
    const pool = (key: keyof typeof paired, t: { ms: number[]; base: number[] }) => {
      paired[key].ms.push(...t.ms);
      paired[key].base.push(...t.base);
    };
    for (let round = 0; round < ROUNDS; round++) {
      rows.refused?.push(
        expectAll(
          await timeRequests(
            page,
            [...Array(300)].map(() => REFUSED),
          ),
          'error',
          'refused',
        ),
      );
      const random = make(300, 'doi');
      rows.hit?.push(expectAll(await timeRequests(page, lookups(random)), 'hit', 'hit by DOI'));
      rows.crossover?.push(
        expectAll(await timeRequests(page, lookups(make(200, 'pmid'))), 'hit', 'hit by PMID'),
      );
      rows.title?.push(
        expectAll(await timeRequests(page, lookups(make(200, 'title'))), 'hit', 'hit by title'),
      );
      // Papers asked for earlier in this session, far more of them than the record cache holds.
      const drawSeen = () => [...Array(300)].map(() => seen[Math.floor(r() * seen.length)] as PaperIds);
      rows.seen?.push(
        expectAll(await timeRequests(page, lookups(drawSeen())), 'hit', 'hit seen this session'),
      );
      pool('seen', await timePaired(page, lookups(drawSeen())));
      pool('hit', await timePaired(page, lookups(make(300, 'doi'))));
      seen.push(...random);
      const few = make(20, 'doi');
      await timeRequests(page, lookups(few));
      const repeat = lookups([...Array(300)].map((_, i) => few[i % 20] as PaperIds));
      rows.cached?.push(expectAll(await timeRequests(page, repeat), 'hit', 'repeat hit'));
      pool('cached', await timePaired(page, repeat));
      rows.miss?.push(
        expectAll(
          await timeRequests(page, lookups([...Array(300)].map((_, i) => absentQuery(round * 300 + i)))),
          'miss',
          'miss',
        ),
      );
    }
    console.log(
      `# warm: from an extension page, ${ROUNDS} rounds, medians of each round's percentile; each figure beside the round trip of a refused request in the same rounds, and what it costs beyond it (per round, then the median)`,
    );
    const names: Array<[string, string]> = [
      ['warm hit, random paper of the edition (DOI)', 'hit'],
      ['warm hit, random paper by PMID (cross-over)', 'crossover'],
      ['warm hit, random paper by title', 'title'],
      ['warm hit, paper seen this session', 'seen'],
      ['warm hit, same 20 papers again', 'cached'],
      ['warm miss (DOI, PMID and title checked)', 'miss'],
    ];
    const refused = rows.refused ?? [];
    for (const [name, key] of names)
      for (const p of [0.5, 0.99]) {
        const mine = rows[key] ?? [];
        line(`${L} ${name} p${p * 100}`, median(mine.map((x) => percentile(x, p))), 'ms');
        line(
          `${L} ${name} p${p * 100}, baseline: refused request`,
          median(refused.map((x) => percentile(x, p))),
          'ms',
        );
        const beyond = median(mine.map((x, k) => percentile(x, p) - percentile(refused[k] ?? [], p)));
        line(`${L} ${name} p${p * 100} beyond the round trip`, clock(beyond), 'ms');
      }
    for (const [name, key] of names)
      line(
        `${L} ${name} p99 vs round trip`,
        median((rows[key] ?? []).map((x, k) => percentile(x, 0.99) / percentile(refused[k] ?? [], 0.99))),
        'x',
      );
    console.log(
      `# warm, paired: each lookup right after a refused request, ${ROUNDS} rounds pooled (${paired.seen.ms.length} pairs a kind)`,
    );
    const pairedNames: Array<[string, keyof typeof paired]> = [
      ['random paper of the edition (DOI)', 'hit'],
      ['paper seen this session', 'seen'],
      ['same 20 papers again', 'cached'],
    ];
    for (const [name, key] of pairedNames)
      for (const p of [0.5, 0.99]) {
        const { ms, base } = paired[key];
        line(`${L} paired warm hit, ${name} p${p * 100}`, percentile(ms, p), 'ms');
        line(
          `${L} paired warm hit, ${name} p${p * 100}, baseline: refused request`,
          percentile(base, p),
          'ms',
        );
        line(
          `${L} paired warm hit, ${name} p${p * 100} beyond the round trip`,
          clock(percentile(ms, p) - percentile(base, p)),
          'ms',
        );
      }
    console.log('# right after the warm-up, while the worker reads the edition ahead (one run of 300)');
    for (const p of [0.5, 0.99]) {
      line(`${L} warm hit, random paper, during read-ahead p${p * 100}`, percentile(during.ms, p), 'ms');
      line(
        `${L} warm hit, random paper, during read-ahead p${p * 100}, baseline: refused request`,
        percentile(duringRefused.ms, p),
        'ms',
      );
    }
    held = await memory();
    if (held) {
      line(`${L} index cache, shard bytes held`, held.shardBytes, 'B');
      line(`${L} index cache, shards held`, held.shards, `of ${manifest.shards}`);
      line(`${L} index cache, shard budget`, held.shardBudget, 'B');
      line(`${L} index cache, filter bytes held`, held.filterBytes, 'B');
      line(`${L} index cache, dictionary bytes`, held.dictionaryBytes, 'B');
      line(`${L} index cache, records held`, held.records);
      line(`${L} index cache, record texts held`, held.recordTexts ?? 0);
      line(`${L} index cache, record text bytes`, held.recordTextBytes ?? 0, 'B');
    }

    // One fetch of a packaged index file, from the service worker: what reading a shard costs there.
    if (worker) {
      const shards = [...Array(400)].map(() => Math.floor(r() * manifest.shards));
      const digits = Math.max(1, Math.ceil(manifest.shardBits / 4));
      const ms = (await worker.evaluate(`(async (shards) => {
        const out = [];
        for (const s of shards) {
          const t = performance.now();
          const res = await fetch(chrome.runtime.getURL('/index/shards/' + s.toString(16).padStart(${digits}, '0') + '.bin'));
          await res.arrayBuffer();
          out.push(performance.now() - t);
        }
        return out;
      })(${JSON.stringify(shards)})`)) as number[];
      line(`${L} fetch of one shard in the service worker p50`, percentile(ms.slice(50), 0.5), 'ms');
      line(`${L} fetch of one shard in the service worker p99`, percentile(ms.slice(50), 0.99), 'ms');
    }

    // A worker that wakes: stop every service worker, then time the first answer from the page.
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const cold: Record<'refused' | 'hit' | 'miss', number[]> = { refused: [], hit: [], miss: [] };
    for (let run = 0; run < COLD_RUNS; run++) {
      for (const kind of ['refused', 'hit', 'miss'] as const) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        const req =
          kind === 'refused'
            ? REFUSED
            : { type: 'lookup', data: kind === 'hit' ? make(1, 'doi')[0] : absentQuery(1e6 + run) };
        const t = await timeRequests(page, [req]);
        cold[kind].push(...expectAll(t, kind === 'refused' ? 'error' : kind, `cold ${kind}`));
        // A real worker lives on for half a minute after it answers: let it finish what it does
        // after the answer (reading whole the filter chunks it answered from) before it is stopped,
        // or that work lands on the next wake.
        await new Promise((res) => setTimeout(res, 300));
      }
    }
    console.log(
      `# cold: every service worker stopped before each request (${COLD_RUNS} runs, kinds interleaved, medians)`,
    );
    for (const kind of ['hit', 'miss'] as const) {
      const all = median(cold[kind]);
      const beyond = all - median(cold.refused);
      line(`${L} cold first answer (${kind}), wake included`, all, 'ms');
      line(
        `${L} cold first answer (${kind}), baseline: wake and refused request`,
        median(cold.refused),
        'ms',
      );
      line(`${L} cold first answer (${kind}) beyond the wake`, beyond, 'ms');
      line(`${L} cold first answer (${kind}), wake included, of budget`, all / BUDGET.coldMs, 'x');
    }
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  if (!findChromium()) {
    console.log('extension bench: Chromium not found (apt-get install -y chromium); skipped');
    return;
  }
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000')
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
  console.log(`# extension bench: sizes ${sizes.join(', ')}`);
  for (const n of sizes) await benchSize(n);
}

await main();
