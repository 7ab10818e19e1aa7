import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Issue, RawRecord } from './validate';

/** Parse one Markdown summary: YAML front matter between `---` lines, the body after it. */
export function parseMarkdown(text: string, path: string): { record: RawRecord | null; issues: Issue[] } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(src);
  if (!m) {
    return {
      record: null,
      issues: [
        {
          severity: 'error',
          path,
          line: 1,
          message: 'missing YAML front matter (a block between "---" lines)',
        },
      ],
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
        // +1 for the opening "---" line: positions are counted within the front matter.
        line: lc.linePos(e.pos[0]).line + 1,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const fields: unknown = doc.toJS();
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
    return {
      record: null,
      issues: [{ severity: 'error', path, line: 2, message: 'front matter must be a mapping of fields' }],
    };
  }
  // The line of the field's name, not of its value: a list or mapping value starts a line later.
  const contents = doc.contents;
  const lineOf = (field: string): number | undefined => {
    if (!isMap(contents)) return undefined;
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === field);
    const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? undefined : lc.linePos(offset).line + 1; // +1 for the opening ---
  };
  const body = src.slice(m[0].length);
  return { record: { path, line: 1, fields: fields as Record<string, unknown>, body, lineOf }, issues: [] };
}

/**
 * Parse one line of JSON Lines (`lineNo` counts from 1). Returns null for a blank line. Used both for
 * whole files and by the streaming reader of the CLI, so messages are the same either way.
 */
export function parseJsonLine(
  text: string,
  path: string,
  lineNo: number,
): { record: RawRecord } | { issue: Issue } | null {
  const line = text.trim();
  if (!line) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return {
      issue: { severity: 'error', path, line: lineNo, message: `not valid JSON: ${(e as Error).message}` },
    };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { issue: { severity: 'error', path, line: lineNo, message: 'each line must be one JSON object' } };
  return { record: { path, line: lineNo, fields: value as Record<string, unknown> } };
}

/** Parse JSON Lines: one summary object per line; blank lines are skipped. */
export function parseJsonLines(text: string, path: string): { records: RawRecord[]; issues: Issue[] } {
  const records: RawRecord[] = [];
  const issues: Issue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const r = parseJsonLine(raw, path, i + 1);
    if (!r) return;
    if ('issue' in r) issues.push(r.issue);
    else records.push(r.record);
  });
  return { records, issues };
}
