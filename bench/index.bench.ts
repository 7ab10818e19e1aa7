/**
 * `npm run bench:index`: the summary index against a naive baseline (one JSON file parsed into a
 * Map), both measured in the same run on the same synthetic summaries (tests/support/gen-summaries.ts).
 *
 * Sizes: BENCH_SIZES=10000,100000,1000000 (default 10000,100000: the million case takes several
 * minutes and a few GB for the baseline). Every measurement that needs a clean heap or a cold start
 * runs in a child process of its own; peak memory is that child's peak resident set.
 *
 * Prints `name: value unit` lines; comments start with `#`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PaperIds } from '../lib/shared/identify/types';
import { shardPath } from '../lib/shared/index/format';
import { IndexService, type IndexFileLoader } from '../lib/shared/index/service';
import { keysOf } from '../lib/shared/summaries/keys';
import { parseJsonLine } from '../lib/shared/summaries/parse';
import type { Summary } from '../lib/shared/summaries/schema';
import { validateRecord } from '../lib/shared/summaries/validate';
import { buildIndexDir, diskLoader, diskLoaderAsync, forEachLine } from '../build/summaries-fs';
import { absentQuery, ensureSyntheticEdition, rng, syntheticQuery } from '../tests/support/gen-summaries';
import { label, line, median, percentile } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const SEED = 1;

/** Budgets of DESIGN.md, for the lines that state how much of a budget a figure uses. */
const BUDGET = { buildSeconds: 180, buildMB: 2048, coldMs: 50, warmHitMs: 1, missMs: 0.05 };

// ---------------------------------------------------------------------------------------------
// Queries: regenerated from the generator, so a child needs no data but the index it measures.

async function timeEach(
  queries: PaperIds[],
  lookup: (q: PaperIds) => Promise<unknown> | unknown,
): Promise<number[]> {
  const out: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await lookup(q);
    out.push(performance.now() - t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The baseline: one JSON file, parsed whole into a Map from every key to its summary.

const V8_STRING_LIMIT = 500 * 1024 * 1024;

async function baselineBuild(src: string, out: string): Promise<void> {
  const file = createWriteStream(out);
  let first = true;
  let buffered: string[] = [];
  const flush = async () => {
    if (!file.write(buffered.join(''))) await new Promise<void>((r) => file.once('drain', () => r()));
    buffered = [];
  };
  const pending: Summary[] = [];
  await forEachLine(src, (text, lineNo) => {
    const r = parseJsonLine(text, src, lineNo);
    if (!r || 'issue' in r) return;
    const { summary } = validateRecord(r.record);
    if (summary) pending.push(summary);
  });
  // One summary per line inside one JSON array: valid JSON, and readable line by line when the
  // file is too large for one string.
  buffered.push('[\n');
  for (const s of pending) {
    buffered.push(`${first ? '' : ',\n'}${JSON.stringify(s)}`);
    first = false;
    if (buffered.length >= 5000) await flush();
  }
  buffered.push('\n]\n');
  await flush();
  await new Promise<void>((r) => file.end(() => r()));
}

async function baselineLoad(path: string): Promise<Map<string, Summary>> {
  let summaries: Summary[];
  if (statSync(path).size < V8_STRING_LIMIT)
    summaries = JSON.parse(await readFile(path, 'utf8')) as Summary[];
  else {
    summaries = [];
    await forEachLine(path, (text) => {
      const t = text.replace(/,$/, '');
      if (t !== '[' && t !== ']' && t) summaries.push(JSON.parse(t) as Summary);
    });
  }
  const map = new Map<string, Summary>();
  for (const s of summaries) for (const k of keysOf(s)) map.set(k, s);
  return map;
}

function baselineLookup(map: Map<string, Summary>, ids: PaperIds): Summary | null {
  for (const k of keysOf(ids)) {
    const s = map.get(k);
    if (s) return s;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Child processes: each prints one JSON line with its figures and its peak resident set.

async function child(args: string[]): Promise<void> {
  const [what, a = '', b = '', c = ''] = args;
  const n = Number(c || b);
  const report = (data: object) => {
    const cpu = process.cpuUsage();
    console.log(
      JSON.stringify({
        ...data,
        maxRssMB: process.resourceUsage().maxRSS / 1024,
        cpuS: (cpu.user + cpu.system) / 1e6,
      }),
    );
  };
  if (what === 'build') {
    const t = performance.now();
    const r = await buildIndexDir(a, b, 'Synthetic benchmark edition');
    if (!r.ok) throw new Error('benchmark build failed');
    report({ ms: performance.now() - t, bytes: r.bytes, files: r.files });
  } else if (what === 'baseline-build') {
    const t = performance.now();
    await baselineBuild(a, b);
    report({ ms: performance.now() - t, bytes: statSync(b).size });
  } else if (what === 'cold') {
    // A worker that wakes: nothing loaded, nothing cached, code not yet optimised.
    const [, , run = '0', count = '0', kind = 'hit'] = args;
    const r = rng(Number(run) * 7919 + 1);
    const query =
      kind === 'hit'
        ? (syntheticQuery(Math.floor(r() * Number(count)), 'doi', SEED) as PaperIds)
        : absentQuery(Number(run));
    const t = performance.now();
    const found = await new IndexService(diskLoader(a)).lookup(query);
    const ms = performance.now() - t;
    if (Boolean(found) !== (kind === 'hit')) throw new Error(`cold ${kind} answered wrongly`);
    report({ ms });
  } else if (what === 'baseline-cold') {
    const r = rng(Number(b) * 7919 + 1);
    const hit = syntheticQuery(Math.floor(r() * n), 'doi', SEED) as PaperIds;
    const t = performance.now();
    const map = await baselineLoad(a);
    const found = baselineLookup(map, hit);
    const ms = performance.now() - t;
    if (!found) throw new Error('baseline cold lookup missed');
    report({ ms });
  } else if (what === 'warm' || what === 'warm-async' || what === 'baseline-warm') {
    let lookup: (q: PaperIds) => Promise<unknown> | unknown;
    let readOneShard: ((i: number) => Promise<unknown>) | null = null;
    if (what === 'warm' || what === 'warm-async') {
      // warm: the loader the CLI uses (synchronous reads); warm-async: Node's asynchronous reads,
      // whose thread-pool trips the index does not need.
      const loader: IndexFileLoader = what === 'warm' ? diskLoader(a) : diskLoaderAsync(a);
      const index = new IndexService(loader);
      const m = await index.getManifest();
      lookup = (q) => index.lookup(q);
      // The loader alone, on random shard files: the part of a hit that is the platform's file read.
      readOneShard = (i) => loader(shardPath(i % m.shards, m.shardBits));
    } else {
      const map = await baselineLoad(a);
      lookup = (q) => baselineLookup(map, q);
    }
    const r = rng(12345);
    const pick = () => Math.floor(r() * n);
    const make = (count: number, kind: 'doi' | 'pmid' | 'title') => {
      const out: PaperIds[] = [];
      while (out.length < count) {
        const q = syntheticQuery(pick(), kind, SEED);
        if (q) out.push(q);
      }
      return out;
    };
    // Warm the code paths before measuring.
    await timeEach(make(300, 'doi'), lookup);
    await timeEach(
      Array.from({ length: 300 }, (_, i) => absentQuery(1e6 + i)),
      lookup,
    );
    const rounds: Record<string, number[][]> = {
      hit: [],
      crossover: [],
      title: [],
      cached: [],
      miss: [],
      read: [],
    };
    for (let round = 0; round < 5; round++) {
      if (readOneShard) {
        const read = readOneShard;
        const times: number[] = [];
        for (let i = 0; i < 1000; i++) {
          const t = performance.now();
          await read(pick());
          times.push(performance.now() - t);
        }
        rounds.read?.push(times);
      }
      rounds.hit?.push(await timeEach(make(2000, 'doi'), lookup));
      rounds.crossover?.push(await timeEach(make(1000, 'pmid'), lookup));
      rounds.title?.push(await timeEach(make(1000, 'title'), lookup));
      const few = make(20, 'doi');
      await timeEach(few, lookup);
      rounds.cached?.push(
        await timeEach(
          Array.from({ length: 2000 }, (_, i) => few[i % 20] as PaperIds),
          lookup,
        ),
      );
      rounds.miss?.push(
        await timeEach(
          Array.from({ length: 5000 }, (_, i) => absentQuery(round * 5000 + i)),
          lookup,
        ),
      );
    }
    const out: Record<string, number> = {};
    for (const [k, rs] of Object.entries(rounds)) {
      if (rs.length === 0) continue;
      out[`${k}P50`] = median(rs.map((x) => percentile(x, 0.5)));
      out[`${k}P99`] = median(rs.map((x) => percentile(x, 0.99)));
    }
    report(out);
  } else throw new Error(`unknown child ${what}`);
}

function runChild(args: string[], heapMB?: number): Record<string, number> {
  const flags = heapMB ? [`--max-old-space-size=${heapMB}`] : [];
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', SELF, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`child ${args[0]} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, number>;
}

// ---------------------------------------------------------------------------------------------

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}

async function benchSize(n: number): Promise<void> {
  console.log(`# ${label(n)}: load average at start ${load()} (${availableParallelism()} cores)`);
  const L = `index ${label(n)}`;
  const B = `baseline ${label(n)}`;
  const dir = join(here, 'out', 'index', String(n));
  const src = join(dir, 'src');
  const { file: input, generatedMs } = await ensureSyntheticEdition(src, n, SEED);
  if (generatedMs !== null)
    console.log(`# generated ${n} synthetic summaries in ${(generatedMs / 1000).toFixed(1)} s`);
  const rawBytes = statSync(input).size;
  const out = join(dir, 'index');
  const baseFile = join(dir, 'baseline.json');
  const buildRuns = Number(process.env.BENCH_BUILD_RUNS ?? (n > 100_000 ? 1 : 3));
  const heap = n > 100_000 ? 12_288 : undefined;

  const builds = Array.from({ length: buildRuns }, () => runChild(['build', src, out]));
  const baseBuilds = Array.from({ length: buildRuns }, () =>
    runChild(['baseline-build', input, baseFile], heap),
  );
  console.log(`# ${buildRuns} build run(s) each; medians`);
  const buildS = median(builds.map((b) => (b.ms as number) / 1000));
  const buildMB = median(builds.map((b) => b.maxRssMB as number));
  const baseS = median(baseBuilds.map((b) => (b.ms as number) / 1000));
  const baseMB = median(baseBuilds.map((b) => b.maxRssMB as number));
  line(`${L} build time`, buildS, 's');
  line(`${L} build CPU time (all threads)`, median(builds.map((b) => b.cpuS as number)), 's');
  line(`${L} build peak memory`, buildMB, 'MB');
  line(`${B} build time`, baseS, 's');
  line(`${B} build CPU time`, median(baseBuilds.map((b) => b.cpuS as number)), 's');
  line(`${B} build peak memory`, baseMB, 'MB');
  line(`${L} build time vs baseline`, buildS / baseS, 'x');
  line(`${L} build peak memory vs baseline`, buildMB / baseMB, 'x');
  if (n >= 1_000_000) {
    line(`${L} build time of budget`, buildS / BUDGET.buildSeconds, 'x');
    line(`${L} build memory of budget`, buildMB / BUDGET.buildMB, 'x');
  }

  const bytes = (builds[0]?.bytes as number) / n;
  const baseBytes = statSync(baseFile).size / n;
  line(`${L} source bytes per summary`, rawBytes / n, 'B');
  line(`${L} installed bytes per summary`, bytes, 'B');
  line(`${B} installed bytes per summary`, baseBytes, 'B');
  line(`${L} installed bytes vs baseline`, bytes / baseBytes, 'x');
  line(`${L} installed files`, builds[0]?.files as number, 'files');

  const coldRuns = n > 100_000 ? 5 : 7;
  const cold = Array.from({ length: coldRuns }, (_, i) =>
    runChild(['cold', out, String(i), String(n), 'hit']),
  );
  const coldMiss = Array.from({ length: coldRuns }, (_, i) =>
    runChild(['cold', out, String(i), String(n), 'miss']),
  );
  const baseColdRuns = n > 100_000 ? 3 : 5;
  const baseCold = Array.from({ length: baseColdRuns }, (_, i) =>
    runChild(['baseline-cold', baseFile, String(i), String(n)], heap),
  );
  console.log(
    `# cold: a fresh process per run (${coldRuns} runs, baseline ${baseColdRuns}), time from an empty service to the first answer; OS file cache warm`,
  );
  const coldMs = median(cold.map((c) => c.ms as number));
  const baseColdMs = median(baseCold.map((c) => c.ms as number));
  line(`${L} cold first answer (hit)`, coldMs, 'ms');
  line(`${L} cold first answer (miss)`, median(coldMiss.map((c) => c.ms as number)), 'ms');
  line(`${B} cold first answer`, baseColdMs, 'ms');
  line(`${L} cold first answer vs baseline`, coldMs / baseColdMs, 'x');
  line(`${L} cold first answer of budget`, coldMs / BUDGET.coldMs, 'x');

  const warm = runChild(['warm', out, String(n)]);
  const warmAsync = runChild(['warm-async', out, String(n)]);
  const baseWarm = runChild(['baseline-warm', baseFile, String(n)], heap);
  console.log(
    "# warm: service loaded; random papers across the whole index (shard cache mostly cold, so a hit reads a shard file, with the CLI's synchronous reads), medians of 5 rounds",
  );
  const rows: Array<[string, string, number]> = [
    ['warm hit by DOI', 'hit', BUDGET.warmHitMs],
    ['warm hit by PMID (cross-over)', 'crossover', BUDGET.warmHitMs],
    ['warm hit by title', 'title', BUDGET.warmHitMs],
    ['warm hit, same 20 papers again', 'cached', BUDGET.warmHitMs],
    ['warm miss (DOI, PMID and title checked)', 'miss', BUDGET.missMs],
  ];
  for (const [name, key, budget] of rows) {
    for (const p of ['P50', 'P99'] as const) {
      const ours = warm[`${key}${p}`] as number;
      const base = baseWarm[`${key}${p}`] as number;
      const tag = p.toLowerCase();
      line(`${L} ${name} ${tag}`, ours, 'ms');
      line(`${B} ${name} ${tag}`, base, 'ms');
      line(`${L} ${name} ${tag} vs baseline`, ours / base, 'x');
      if (p === 'P99') line(`${L} ${name} ${tag} of budget`, ours / budget, 'x');
    }
  }
  for (const p of ['P50', 'P99'] as const)
    line(
      `${L} file read of one shard, the loader alone ${p.toLowerCase()}`,
      warm[`read${p}`] as number,
      'ms',
    );
  console.log(
    "# the same with Node's asynchronous file reads: four thread-pool trips per file, which the index does not need",
  );
  for (const [name, key] of rows) {
    for (const p of ['P50', 'P99'] as const)
      line(`${L} ${name} ${p.toLowerCase()}, async reads`, warmAsync[`${key}${p}`] as number, 'ms');
  }
  for (const p of ['P50', 'P99'] as const)
    line(
      `${L} file read of one shard, the loader alone ${p.toLowerCase()}, async reads`,
      warmAsync[`read${p}`] as number,
      'ms',
    );
  line(`${L} warm service peak memory`, warm.maxRssMB as number, 'MB');
  line(`${B} warm Map peak memory`, baseWarm.maxRssMB as number, 'MB');
  console.log(`# ${label(n)}: load average at end ${load()}`);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--child');
  if (at >= 0) return child(process.argv.slice(at + 1));
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  console.log(
    `# index bench: sizes ${sizes.join(', ')} (set BENCH_SIZES=10000,100000,1000000 for the million case)`,
  );
  for (const n of sizes) await benchSize(n);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
