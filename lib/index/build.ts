import { keysOf } from '../summaries/keys';
import type { Summary } from '../summaries/schema';
import { INDEX_FORMAT, type IndexManifest, type IndexRecords } from './format';
import { computeRelated } from './related';

export interface BuiltFile {
  path: string;
  bytes: Uint8Array;
}

/** Compile validated summaries into the files that ship inside the extension, under `index/`. */
export function buildIndex(summaries: Summary[], edition: string, built = new Date().toISOString()): BuiltFile[] {
  const keys: Record<string, number> = Object.create(null) as Record<string, number>;
  summaries.forEach((s, i) => {
    for (const k of keysOf(s)) keys[k] = i;
  });
  const records: IndexRecords = { summaries, related: computeRelated(summaries), keys };
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    edition,
    built,
    count: summaries.length,
    files: ['records.json'],
  };
  const enc = new TextEncoder();
  return [
    { path: 'manifest.json', bytes: enc.encode(JSON.stringify(manifest)) },
    { path: 'records.json', bytes: enc.encode(JSON.stringify(records)) },
  ];
}
