import { LineCounter, parseDocument } from 'yaml';
import type { Issue, RawRecord } from './validate';

/** Parse one Markdown summary: YAML front matter between `---` lines, the body after it. */
export function parseMarkdown(text: string, path: string): { record: RawRecord | null; issues: Issue[] } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(src);
  if (!m) {
    return {
      record: null,
      issues: [{ severity: 'error', path, line: 1, message: 'missing YAML front matter (a block between "---" lines)' }],
    };
  }
  const yamlText = m[1] ?? '';
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      record: null,
      issues: doc.errors.map((e) => ({
        severity: 'error' as const,
        path,
        line: (e.linePos?.[0]?.line ?? 0) + 1,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const fields: unknown = doc.toJS();
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
    return { record: null, issues: [{ severity: 'error', path, line: 2, message: 'front matter must be a mapping of fields' }] };
  }
  const lineOf = (field: string): number | undefined => {
    const node = doc.get(field, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lc.linePos(offset).line + 1; // +1 for the opening ---
  };
  const body = src.slice(m[0].length);
  return { record: { path, line: 1, fields: fields as Record<string, unknown>, body, lineOf }, issues: [] };
}

/** Parse JSON Lines: one summary object per line; blank lines are skipped. */
export function parseJsonLines(text: string, path: string): { records: RawRecord[]; issues: Issue[] } {
  const records: RawRecord[] = [];
  const issues: Issue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      issues.push({ severity: 'error', path, line: i + 1, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      issues.push({ severity: 'error', path, line: i + 1, message: 'each line must be one JSON object' });
      return;
    }
    records.push({ path, line: i + 1, fields: value as Record<string, unknown> });
  });
  return { records, issues };
}
