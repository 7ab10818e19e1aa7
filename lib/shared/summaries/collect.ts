import { KeyRegistry, kindOfKey } from './duplicates';
import { keysOf, type KeyKind } from './keys';
import { parseJsonLines, parseMarkdown } from './parse';
import type { Summary } from './schema';
import { validateRecord, type Issue, type RawRecord } from './validate';

export interface SourceFile {
  path: string;
  text: string;
}

/** Where a summary was written: its file, the line it starts on and the line of each identifier. */
export interface SummaryOrigin {
  path: string;
  line: number;
  keyLines: Partial<Record<KeyKind, number>>;
}

export interface Collected {
  summaries: Summary[];
  /** The lookup keys of each summary (parallel to `summaries`), without ambiguous titles. */
  keys: string[][];
  /** Where each summary was written (parallel to `summaries`). */
  origins: SummaryOrigin[];
  issues: Issue[];
  ok: boolean;
}

export const SUMMARY_FILE_RE = /\.(md|markdown|jsonl)$/i;

/** Parse one source file into raw records; Markdown is one record, JSON Lines one per line. */
export function parseSourceFile(file: SourceFile): { records: RawRecord[]; issues: Issue[] } {
  if (/\.jsonl$/i.test(file.path)) return parseJsonLines(file.text, file.path);
  if (/\.(md|markdown)$/i.test(file.path)) {
    const r = parseMarkdown(file.text, file.path);
    return { records: r.record ? [r.record] : [], issues: r.issues };
  }
  return {
    records: [],
    issues: [
      {
        severity: 'error',
        path: file.path,
        line: 1,
        message: 'not a summary file: use .md (YAML front matter) or .jsonl (one summary per line)',
      },
    ],
  };
}

/** Issues in reading order: by file, then by line. */
export function sortIssues(issues: Issue[]): Issue[] {
  return issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

/**
 * Parse and validate a set of summary files (Markdown or JSON Lines) as one edition or pack, with
 * the same duplicate rules as the index builder. Everything is checked before anything is
 * returned, so a caller can refuse the whole set on the first error.
 */
export function collectSummaries(files: SourceFile[]): Collected {
  const issues: Issue[] = [];
  const accepted: Summary[] = [];
  const keys: string[][] = [];
  const origins: SummaryOrigin[] = [];
  const registry = new KeyRegistry();
  for (const file of files) {
    const parsed = parseSourceFile(file);
    issues.push(...parsed.issues);
    for (const raw of parsed.records) {
      const { summary, issues: recIssues } = validateRecord(raw);
      issues.push(...recIssues);
      if (!summary) continue;
      const id = registry.addRecord(raw.path);
      const k = keysOf(summary);
      const keyLines: SummaryOrigin['keyLines'] = {};
      for (const key of k) {
        const line = raw.lineOf?.(kindOfKey(key)) ?? raw.line;
        keyLines[kindOfKey(key)] = line;
        registry.addKey(id, key, line);
      }
      accepted.push(summary);
      keys.push(k);
      origins.push({ path: raw.path, line: raw.line, keyLines });
    }
  }
  const dup = registry.checkDuplicates(
    (rec, kind: KeyKind) => keys[rec]?.find((k) => k.startsWith(`${kind}:`)),
    (rec) => Boolean(accepted[rec]?.doi || accepted[rec]?.pmid || accepted[rec]?.pmcid),
  );
  issues.push(...dup.issues);
  dup.dropped.forEach((drop, i) => {
    const rec = registry.rec.get(i);
    if (drop) keys[rec] = (keys[rec] ?? []).filter((k) => !k.startsWith('title:'));
  });
  const keep = accepted.map((_, i) => !dup.rejected.has(i));
  return {
    summaries: accepted.filter((_, i) => keep[i]),
    keys: keys.filter((_, i) => keep[i]),
    origins: origins.filter((_, i) => keep[i]),
    issues: sortIssues(issues),
    ok: !issues.some((i) => i.severity === 'error'),
  };
}
