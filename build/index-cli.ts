/**
 * `npm run index -- <command>`: the summary index from the command line, with the same code the
 * extension and its build use.
 *
 *   build <summaries dir> --out <dir> [--edition <name>]   validate and compile (exit 1 on any error)
 *   validate <summaries dir>                              check only, write nothing
 *   lookup <index dir> <doi|pmid|pmcid|title>             print the hit as JSON (exit 1 when absent)
 *   concept <index dir> <concept name>                    summaries that carry a concept
 *   stats <index dir>                                     sizes and counts
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseQuery } from '../lib/shared/index/query';
import { IndexService } from '../lib/shared/index/service';
import { formatIssue, type Issue } from '../lib/shared/summaries/validate';
import { buildIndexDir, diskLoader } from './summaries-fs';

const USAGE = `usage:
  npm run index -- build <summaries dir> --out <dir> [--edition <name>]
  npm run index -- validate <summaries dir>
  npm run index -- lookup <index dir> <doi|pmid|pmcid|title>
  npm run index -- concept <index dir> <concept>
  npm run index -- stats <index dir>`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

function printIssues(issues: Issue[], limit = 500): void {
  const shown = issues.slice(0, limit);
  for (const i of shown) console.error(formatIssue(i));
  if (issues.length > limit) console.error(`… and ${issues.length - limit} more`);
}

/** `--timing`: wall time and CPU time (all threads of the process) of each build step. */
function stepTimer(): (step: string, ms: number) => void {
  let cpu = process.cpuUsage();
  return (step, ms) => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    console.error(
      `${step}: ${(ms / 1000).toFixed(2)} s, CPU ${((used.user + used.system) / 1e6).toFixed(2)} s`,
    );
  };
}

async function build(args: string[], validateOnly: boolean): Promise<number> {
  const out = flag(args, '--out');
  const edition = flag(args, '--edition');
  const timingAt = args.indexOf('--timing');
  if (timingAt >= 0) args.splice(timingAt, 1);
  const src = args[0];
  if (!src || (!validateOnly && !out)) {
    console.error(USAGE);
    return 2;
  }
  const t0 = performance.now();
  const r = await buildIndexDir(resolve(src), resolve(out ?? '.'), edition ?? basename(resolve(src)), {
    validateOnly,
    ...(timingAt >= 0 ? { timing: stepTimer() } : {}),
  });
  printIssues(r.issues);
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const warnings = r.issues.length - errors;
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (!r.ok) {
    console.error(
      `${errors} error(s), ${warnings} warning(s): nothing was ${validateOnly ? 'checked in full' : 'built'}`,
    );
    return 1;
  }
  if (validateOnly) console.log(`${r.count} summaries valid, ${warnings} warning(s), in ${secs} s`);
  else
    console.log(
      `${r.count} summaries → ${out}: ${r.files} files, ${r.bytes} bytes (${(r.bytes / Math.max(1, r.count)).toFixed(0)} bytes/summary), ${warnings} warning(s), in ${secs} s`,
    );
  return 0;
}

async function lookup(args: string[]): Promise<number> {
  const [dir, ...rest] = args;
  const query = rest.join(' ');
  if (!dir || !query) {
    console.error(USAGE);
    return 2;
  }
  const hit = await new IndexService(diskLoader(resolve(dir))).lookup(parseQuery(query));
  if (!hit) {
    console.error(`not in the index: ${query}`);
    return 1;
  }
  console.log(JSON.stringify(hit, null, 2));
  return 0;
}

async function concept(args: string[]): Promise<number> {
  const [dir, ...rest] = args;
  const name = rest.join(' ');
  if (!dir || !name) {
    console.error(USAGE);
    return 2;
  }
  const found = await new IndexService(diskLoader(resolve(dir))).concept(name);
  if (!found) {
    console.error(`no summary has the concept "${name}"`);
    return 1;
  }
  console.log(JSON.stringify(found, null, 2));
  return 0;
}

function sizes(dir: string): number[] {
  return readdirSync(dir).map((f) => statSync(join(dir, f)).size);
}

async function stats(args: string[]): Promise<number> {
  const dir = args[0];
  if (!dir) {
    console.error(USAGE);
    return 2;
  }
  const root = resolve(dir);
  const m = await new IndexService(diskLoader(root)).getManifest();
  const shards = sizes(join(root, 'shards')).sort((a, b) => a - b);
  const concepts = sizes(join(root, 'concepts'));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const pct = (p: number) => shards[Math.min(shards.length - 1, Math.floor(p * shards.length))] ?? 0;
  const rows: Array<[string, string | number]> = [
    ['edition', m.edition],
    ['built', m.built],
    ['format', `${m.format} (${m.hash})`],
    ['summaries', m.count],
    ['keys', m.keys],
    ['concepts', m.concepts],
    ['installed bytes', m.bytes],
    ['bytes per summary', (m.bytes / Math.max(1, m.count)).toFixed(1)],
    [
      'key filter',
      `${m.filter.chunks} chunks, ${sum(sizes(join(root, 'filter')))} bytes, ${m.filterBits}-bit fingerprints`,
    ],
    ['dictionary bytes', statSync(join(root, 'dict.bin')).size],
    ['shards', `${m.shards} (${m.shardBits} bits), ${sum(shards)} bytes`],
    ['shard bytes p50/p99/max', `${pct(0.5)}/${pct(0.99)}/${shards[shards.length - 1] ?? 0}`],
    ['concept buckets', `${concepts.length}, ${sum(concepts)} bytes`],
  ];
  for (const [k, v] of rows) console.log(`${k}: ${v}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'build':
      return build(args, false);
    case 'validate':
      return build(args, true);
    case 'lookup':
      return lookup(args);
    case 'concept':
      return concept(args);
    case 'stats':
      return stats(args);
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
