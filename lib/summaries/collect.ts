import { keysOf } from './keys';
import { parseJsonLines, parseMarkdown } from './parse';
import type { Summary } from './schema';
import { validateRecord, type Issue, type RawRecord } from './validate';

export interface SourceFile {
  path: string;
  text: string;
}

export interface Collected {
  summaries: Summary[];
  issues: Issue[];
  ok: boolean;
}

/**
 * Parse and validate a set of summary files (Markdown or JSON Lines) as one edition. Duplicate
 * keys across records are errors: two summaries for one paper would make the answer depend on order.
 */
export function collectSummaries(files: SourceFile[]): Collected {
  const issues: Issue[] = [];
  const raws: RawRecord[] = [];
  for (const file of files) {
    if (/\.jsonl$/i.test(file.path)) {
      const r = parseJsonLines(file.text, file.path);
      raws.push(...r.records);
      issues.push(...r.issues);
    } else if (/\.(md|markdown)$/i.test(file.path)) {
      const r = parseMarkdown(file.text, file.path);
      if (r.record) raws.push(r.record);
      issues.push(...r.issues);
    }
  }
  const summaries: Summary[] = [];
  const seen = new Map<string, string>();
  for (const raw of raws) {
    const { summary, issues: recIssues } = validateRecord(raw);
    issues.push(...recIssues);
    if (!summary) continue;
    let dup = false;
    for (const key of keysOf(summary)) {
      const prev = seen.get(key);
      if (prev) {
        const kind = key.slice(0, key.indexOf(':'));
        issues.push({
          severity: 'error',
          path: raw.path,
          line: raw.lineOf?.(kind) ?? raw.line,
          field: kind,
          message: `duplicate ${key}: already summarised at ${prev}`,
        });
        dup = true;
      } else seen.set(key, `${raw.path}:${raw.line}`);
    }
    if (!dup) summaries.push(summary);
  }
  return { summaries, issues, ok: !issues.some((i) => i.severity === 'error') };
}
