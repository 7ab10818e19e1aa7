import { syntheticSummary } from '../../../support/gen-summaries';
import { validateRecord } from '../../../../lib/shared/summaries/validate';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltFile } from '../../../../lib/shared/index/build';
import type { IndexFileLoader } from '../../../../lib/shared/index/service';
import { collectSummaries, type SourceFile } from '../../../../lib/shared/summaries/collect';
import type { Summary } from '../../../../lib/shared/summaries/schema';

export const EDITION_DIR = 'tests/fixtures/summaries/edition';

export function readDir(dir: string): SourceFile[] {
  return readdirSync(dir)
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

/** The fixture edition, validated. */
export function fixtureSummaries(): Summary[] {
  const r = collectSummaries(readDir(EDITION_DIR));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.summaries;
}

/** A loader over built files that records every path it is asked for. */
export function memoryLoader(files: BuiltFile[]): { load: IndexFileLoader; calls: string[] } {
  const map = new Map(files.map((f) => [f.path, f.bytes]));
  const calls: string[] = [];
  return {
    calls,
    load: (path) => {
      calls.push(path);
      const bytes = map.get(path);
      return bytes ? Promise.resolve(bytes) : Promise.reject(new Error(`no index file ${path}`));
    },
  };
}

/** `n` valid synthetic summaries (tests/support/gen-summaries.ts), as the builder takes them. */
export function validSyntheticSummaries(n: number, seed: number): Summary[] {
  return Array.from({ length: n }, (_, i) => {
    const { summary } = validateRecord({
      path: 'synthetic.jsonl',
      line: i + 1,
      fields: syntheticSummary(i, seed),
    });
    if (!summary) throw new Error(`synthetic record ${i} is invalid`);
    return summary;
  });
}
