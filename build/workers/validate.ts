/**
 * Worker thread for large JSON Lines files: parses and validates every `threads`-th batch of lines
 * and posts the results; the main thread consumes batches in file order, so the build is the same
 * as a sequential one. At most a few batches run ahead of the main thread (credit returned per
 * batch), which bounds memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseJsonLine } from '../../lib/shared/summaries/parse';
import { indexedFields, type IndexedFields } from '../../lib/shared/index/build';
import { validateRecord, type Issue } from '../../lib/shared/summaries/validate';
import { linesOf } from '../lines';

export interface ValidateJob {
  file: string;
  path: string;
  index: number;
  threads: number;
  batchLines: number;
}

/**
 * One line's outcome: its number, the indexed fields and the JSON of the valid summary (or nulls),
 * its issues. Only the JSON carries the texts, as one string: cheap to pass between threads.
 */
export type ValidatedLine = [number, IndexedFields | null, string | null, Issue[]];

export type WorkerMessage =
  { ready: true } | { batch: number; lines: ValidatedLine[] } | { done: true; lastBatch: number };

const port = parentPort;
if (port) {
  const job = workerData as ValidateJob;
  let credit = 3;
  let wake: (() => void) | null = null;
  port.on('message', (m: unknown) => {
    if (m === 'ack') {
      credit++;
      wake?.();
      wake = null;
    }
  });
  const post = (m: WorkerMessage) => port.postMessage(m);
  post({ ready: true });
  const batchOf = (lineNo: number) => Math.floor((lineNo - 1) / job.batchLines);
  const mine = (lineNo: number) => batchOf(lineNo) % job.threads === job.index;
  let current = -1;
  let lines: ValidatedLine[] = [];
  let lastBatch = -1;
  const send = async () => {
    if (current < 0) return;
    post({ batch: current, lines });
    lines = [];
    credit--;
    while (credit <= 0) await new Promise<void>((r) => (wake = r));
  };
  for await (const chunk of linesOf(job.file, (n) => {
    lastBatch = batchOf(n);
    return mine(n);
  })) {
    for (const [text, lineNo] of chunk) {
      const b = batchOf(lineNo);
      if (b !== current) {
        await send();
        current = b;
      }
      const r = parseJsonLine(text, job.path, lineNo);
      if (!r) continue;
      if ('issue' in r) {
        lines.push([lineNo, null, null, [r.issue]]);
        continue;
      }
      const { summary, issues } = validateRecord(r.record);
      lines.push([
        lineNo,
        summary ? indexedFields(summary) : null,
        summary ? JSON.stringify(summary) : null,
        issues,
      ]);
    }
  }
  await send();
  post({ done: true, lastBatch });
}
