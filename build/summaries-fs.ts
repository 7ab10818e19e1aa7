/**
 * The summary index on disk: reading an editor's folder (streaming, so a million-line JSON Lines
 * file never sits in memory as one string), building into a staging folder and swapping it in only
 * when everything succeeded. Used by the CLI, the WXT build hook and the benchmarks.
 */
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { readFile as readFileCallback } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  IndexBuilder,
  MemorySpill,
  type BuildResult,
  type Compressor,
  type IndexedFields,
  type RecordSpill,
} from '../lib/shared/index/build';
import type { IndexFileLoader } from '../lib/shared/index/service';
import { SUMMARY_FILE_RE, sortIssues, type SourceFile } from '../lib/shared/summaries/collect';
import { parseJsonLine, parseMarkdown } from '../lib/shared/summaries/parse';
import { validateRecord, type Issue, type RawRecord } from '../lib/shared/summaries/validate';
import { forEachLine } from './lines';
import type { CompressReply, CompressRequest } from './workers/compress';
import type { ValidateJob, WorkerMessage } from './workers/validate';

export { forEachLine } from './lines';

/** Summary source files (.md, .markdown, .jsonl) below `dir`, in a stable order; README.md is not one. */
export function listSummaryFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (SUMMARY_FILE_RE.test(name) && !/^readme\.md$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function displayPath(p: string): string {
  return relative(process.cwd(), p) || p;
}

/** Every summary source file below `dir`, read whole (for small editions and tests). */
export function readSummaryDir(dir: string): SourceFile[] {
  return listSummaryFiles(dir).map((p) => ({ path: displayPath(p), text: readFileSync(p, 'utf8') }));
}

/** Records of a large build wait in 64 temporary files, one per group of shards. */
export class FileSpill implements RecordSpill {
  readonly groupBits = 6;
  private readonly dir = mkdtempSync(join(tmpdir(), 'takeaway-index-'));
  private readonly parts: string[][] = [];
  private readonly sizes: number[] = [];
  private readonly fds: number[] = [];

  private path(g: number): string {
    return join(this.dir, `${g}.jsonl`);
  }

  private flush(g: number): void {
    const list = this.parts[g];
    if (!list || list.length === 0) return;
    this.fds[g] ??= openSync(this.path(g), 'a');
    writeSync(this.fds[g], list.join(''));
    this.parts[g] = [];
    this.sizes[g] = 0;
  }

  put(id: number, primaryHi: number, json: string): void {
    const g = primaryHi >>> (32 - this.groupBits);
    (this.parts[g] ??= []).push(`${id}\t${json}\n`);
    this.sizes[g] = (this.sizes[g] ?? 0) + json.length;
    if ((this.sizes[g] ?? 0) > 1 << 20) this.flush(g);
  }

  *groups(): Iterable<Array<[number, string]>> {
    for (let g = 0; g < 2 ** this.groupBits; g++) this.flush(g);
    for (const fd of this.fds) if (fd !== undefined) closeSync(fd);
    this.fds.length = 0;
    for (let g = 0; g < 2 ** this.groupBits; g++) {
      let text = '';
      try {
        text = readFileSync(this.path(g), 'utf8');
      } catch {
        // No record fell in this group.
      }
      const out: Array<[number, string]> = [];
      let start = 0;
      while (start < text.length) {
        const nl = text.indexOf('\n', start);
        const end = nl < 0 ? text.length : nl;
        const tab = text.indexOf('\t', start);
        out.push([Number(text.slice(start, tab)), text.slice(tab + 1, end)]);
        start = end + 1;
      }
      text = '';
      yield out;
    }
  }

  dispose(): void {
    for (const fd of this.fds) if (fd !== undefined) closeSync(fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A worker thread running one of build/workers/*.ts, through build/workers/bootstrap.mjs (which
 * registers the TypeScript loader in the new thread first).
 */
function tsWorker(name: 'compress' | 'validate', data: object = {}): Worker {
  return new Worker(new URL('./workers/bootstrap.mjs', import.meta.url), {
    workerData: {
      ...data,
      entry: new URL(`./workers/${name}.ts`, import.meta.url).href,
      tsxApi: import.meta.resolve('tsx/esm/api'),
    },
  });
}

/**
 * Worker threads to use beside the main thread: one core is the main thread's, so on the two-core
 * machines this runs on, one helper; never more than two.
 */
export function helperThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

interface Pending {
  resolve: (b: Uint8Array) => void;
  reject: (e: unknown) => void;
}

/**
 * Node's zlib in worker threads: the same raw deflate as fflate, native, and off the main thread,
 * which has the records to assemble. Calls made in the same turn of the event loop travel as one
 * message, to the workers in turn.
 */
export class WorkerCompressor {
  private readonly workers: Worker[];
  private queue: Array<{ data: Uint8Array; dict: boolean } & Pending> = [];
  private readonly waiting = new Map<number, Pending[]>();
  private dictionary: Uint8Array | null = null;
  private nextId = 0;
  private failure: unknown = null;

  constructor(threads = helperThreads()) {
    this.workers = Array.from({ length: threads }, () => {
      const w = tsWorker('compress');
      w.on('message', (m: CompressReply) => {
        const done = this.waiting.get(m.id) ?? [];
        this.waiting.delete(m.id);
        m.out.forEach((b, i) => done[i]?.resolve(b));
      });
      w.on('error', (e) => this.fail(e));
      return w;
    });
  }

  private fail(e: unknown): void {
    this.failure = e;
    for (const list of this.waiting.values()) for (const p of list) p.reject(e);
    this.waiting.clear();
  }

  readonly compress: Compressor = (data, dictionary) => {
    if (this.failure)
      return Promise.reject(this.failure instanceof Error ? this.failure : new Error(String(this.failure)));
    if (dictionary && dictionary !== this.dictionary) {
      this.flush();
      this.dictionary = dictionary;
      for (const w of this.workers) w.postMessage({ dictionary } satisfies CompressRequest);
    }
    return new Promise<Uint8Array>((resolve, reject) => {
      if (this.queue.length === 0) queueMicrotask(() => this.flush());
      this.queue.push({ data, dict: Boolean(dictionary), resolve, reject });
    });
  };

  private flush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const id = this.nextId++;
    this.waiting.set(id, batch);
    const blocks = batch.map((b) => b.data);
    // Blocks the builder made for this call are handed over rather than copied.
    const transfer = blocks
      .filter(
        (b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer,
      )
      .map((b) => b.buffer as ArrayBuffer);
    (this.workers[id % this.workers.length] as Worker).postMessage(
      { id, blocks, withDictionary: batch.map((b) => b.dict) } satisfies CompressRequest,
      [...new Set(transfer)],
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
const BATCH_LINES = 2000;

/**
 * Parse and validate a large JSON Lines file in worker threads, handing each valid summary to
 * `take` in file order (so the result is the same as reading it in one thread). Resolves false,
 * having taken nothing, when workers cannot start (a host that cannot load TypeScript in a worker):
 * the caller then reads the file itself.
 */
export function validateJsonlInWorkers(
  file: string,
  path: string,
  threads: number,
  take: (fields: IndexedFields, line: number, json: string) => void,
  note: (issue: Issue) => void,
): Promise<boolean> {
  let workers: Worker[];
  try {
    workers = Array.from({ length: threads }, (_, index) =>
      tsWorker('validate', {
        file,
        path,
        index,
        threads,
        batchLines: BATCH_LINES,
      } satisfies ValidateJob),
    );
  } catch {
    return Promise.resolve(false);
  }
  return new Promise<boolean>((resolve, reject) => {
    const pending = new Map<number, Extract<WorkerMessage, { batch: number }>['lines']>();
    let next = 0;
    let last = -1;
    let done = 0;
    let heard = false;
    let settled = false;
    const finish = (ok: boolean, error?: unknown) => {
      if (settled) return;
      settled = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve(ok)));
    };
    const drain = () => {
      while (pending.has(next)) {
        const lines = pending.get(next) ?? [];
        pending.delete(next);
        for (const [line, summary, json, issues] of lines) {
          issues.forEach(note);
          if (summary && json) take(summary, line, json);
        }
        workers[next % threads]?.postMessage('ack');
        next++;
      }
      if (done === threads && next > last) finish(true);
    };
    for (const w of workers) {
      w.on('message', (m: WorkerMessage) => {
        try {
          if ('ready' in m) return;
          heard = true;
          if ('batch' in m) pending.set(m.batch, m.lines);
          else {
            done++;
            last = Math.max(last, m.lastBatch);
          }
          drain();
        } catch (e) {
          finish(false, e);
        }
      });
      w.on('error', (e) => (heard ? finish(false, e) : finish(false)));
    }
  });
}

export interface BuildDirOptions {
  built?: string;
  /** Called for every issue as it is found (the CLI prints them). */
  report?: (issue: Issue) => void;
  /** Check everything, write nothing. */
  validateOnly?: boolean;
  recordsPerShard?: number;
  /** Keep records on disk between the passes whatever the size (normally only for large editions). */
  spillToDisk?: boolean;
  /** Validate JSON Lines in worker threads: forced on or off; by default only for large files. */
  parallel?: boolean;
  timing?: (step: string, ms: number) => void;
}

export interface BuildDirResult extends BuildResult {
  count: number;
  /** Paths of the written files, relative to the output folder. */
  paths: string[];
}

/** Above this much source text, records wait on disk between the passes rather than in memory. */
const SPILL_THRESHOLD = 64 * 1024 * 1024;

/**
 * Validate and compile a folder of summaries into `outDir`. The index is written to a staging folder
 * beside `outDir` and renamed into place only when every file is written; on any error (bad record,
 * duplicate key, failure while writing) `outDir` is left as it was.
 */
export async function buildIndexDir(
  srcDir: string,
  outDir: string,
  edition: string,
  options: BuildDirOptions = {},
): Promise<BuildDirResult> {
  const files = listSummaryFiles(srcDir);
  if (files.length === 0) throw new Error(`no summary files (.md or .jsonl) in ${srcDir}`);
  const total = files.reduce((a, f) => a + statSync(f).size, 0);
  const spill: RecordSpill =
    options.spillToDisk || total > SPILL_THRESHOLD ? new FileSpill() : new MemorySpill();
  const compressor = new WorkerCompressor();
  const builder = new IndexBuilder({
    edition,
    ...(options.built ? { built: options.built } : {}),
    ...(options.recordsPerShard ? { recordsPerShard: options.recordsPerShard } : {}),
    compress: compressor.compress,
    spill,
    ...(options.timing ? { timing: options.timing } : {}),
  });
  const issues: Issue[] = [];
  const note = (i: Issue) => {
    issues.push(i);
    options.report?.(i);
  };
  const take = (raw: RawRecord) => {
    const { summary, issues: found } = validateRecord(raw);
    found.forEach(note);
    if (summary) builder.add(summary, raw);
  };
  const t0 = performance.now();
  let threadsUsed = false;
  try {
    for (const file of files) {
      const path = displayPath(file);
      const parallel =
        /\.jsonl$/i.test(file) &&
        (options.parallel ?? statSync(file).size >= PARALLEL_MIN_BYTES) &&
        (await validateJsonlInWorkers(
          file,
          path,
          helperThreads(),
          (summary, line, json) => builder.add(summary, { path, line }, json),
          note,
        ));
      if (parallel) {
        threadsUsed = true;
        continue;
      }
      if (/\.jsonl$/i.test(file)) {
        await forEachLine(file, (line, lineNo) => {
          const r = parseJsonLine(line, path, lineNo);
          if (!r) return;
          if ('issue' in r) note(r.issue);
          else take(r.record);
        });
      } else {
        const r = parseMarkdown(await readFile(file, 'utf8'), path);
        r.issues.forEach(note);
        if (r.record) take(r.record);
      }
    }
    options.timing?.(
      `read and validate (${threadsUsed ? 'worker threads' : 'main thread'})`,
      performance.now() - t0,
    );
    const dry = Boolean(options.validateOnly) || issues.some((i) => i.severity === 'error');
    const staging = `${outDir.replace(/[/\\]+$/, '')}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    const paths: string[] = [];
    const made = new Set<string>();
    let result: BuildResult;
    try {
      result = await builder.finish(
        async (path, bytes) => {
          const p = join(staging, path);
          const d = dirname(p);
          if (!made.has(d)) {
            mkdirSync(d, { recursive: true });
            made.add(d);
          }
          await writeFile(p, bytes);
          paths.push(path);
        },
        { validateOnly: dry },
      );
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    for (const i of result.issues) note(i);
    const ok = !issues.some((i) => i.severity === 'error');
    if (ok && !dry) {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(dirname(outDir), { recursive: true });
      renameSync(staging, outDir);
    } else rmSync(staging, { recursive: true, force: true });
    return {
      ...result,
      ok,
      issues: sortIssues(issues),
      count: builder.count,
      paths: ok && !dry ? paths : [],
    };
  } finally {
    await spill.dispose?.();
    await compressor.close();
  }
}

/**
 * Reads index files from a folder on disk, as the extension reads them from its package.
 *
 * Synchronously: a shard is a few tens of kB, read in about 0.06 ms from the OS cache. An
 * asynchronous read takes four trips through libuv's thread pool (open, stat, read, close), each a
 * thread wake-up: 0.3 ms at the median and up to a few milliseconds at p99 on a small VM, for
 * nothing in return, since the CLI and the benchmarks have nothing else to do meanwhile.
 * A Buffer is a Uint8Array: no copy, which matters for the filter chunks.
 */
export function diskLoader(dir: string): IndexFileLoader {
  return (path) => {
    try {
      return Promise.resolve(readFileSync(join(dir, path)));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  };
}

/** The same with Node's asynchronous reads, for comparison in `npm run bench -- index`. */
export function diskLoaderAsync(dir: string): IndexFileLoader {
  // The callback API: fs/promises' readFile takes more trips through the thread pool (slower tail).
  return (path) =>
    new Promise<Uint8Array>((resolve, reject) =>
      readFileCallback(join(dir, path), (e, bytes) => (e ? reject(e) : resolve(bytes))),
    );
}
