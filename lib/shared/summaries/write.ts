/**
 * Writing a summary back out in the source format (DESIGN.md "Summary source format"): one
 * Markdown file with YAML front matter, or one JSON Lines object. What is written is read back by
 * the same parser and validator as the build (./parse, ./validate) into the same Summary.
 */
import { stringify } from 'yaml';
import { SUMMARY_FIELDS, type Summary } from './schema';

/**
 * The fields of a summary in the contract's order, as an editor would write them. A level the
 * validator derived from the study type is left out, so it is derived again (and follows the
 * type) on the way back in.
 */
export function sourceFields(s: Summary): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of SUMMARY_FIELDS) {
    if (f === 'body') continue;
    if (f === 'evidence_level' && s.level_derived) continue;
    const v = (s as unknown as Record<string, unknown>)[f];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (f === 'concepts') {
      out.concepts = s.concepts.map((c) => (c.mesh ? { name: c.name, mesh: c.mesh } : c.name));
      continue;
    }
    out[f] = v;
  }
  return out;
}

/** One Markdown summary file: the front matter, then the longer summary as the body. */
export function toMarkdown(s: Summary): string {
  // Every string is quoted when YAML could read it as something else (a PMID as a number).
  const yaml = stringify(sourceFields(s), { lineWidth: 0, defaultStringType: 'PLAIN' }).trimEnd();
  const body = s.body?.trim();
  return `---\n${yaml}\n---\n${body ? `\n${body}\n` : ''}`;
}

/** One line of JSON Lines (no newline): the same fields plus `body`. */
export function toJsonLine(s: Summary): string {
  const fields = sourceFields(s);
  if (s.body?.trim()) fields.body = s.body.trim();
  return JSON.stringify(fields);
}

/** A file name for the summary, from its strongest identifier: `pmid-123.md`, `doi-10.1000_x.md`. */
export function summaryFileName(s: Summary): string {
  const id = s.pmid
    ? `pmid-${s.pmid}`
    : s.doi
      ? `doi-${s.doi}`
      : s.pmcid
        ? `pmcid-${s.pmcid}`
        : `title-${(s.title ?? 'summary').toLowerCase()}`;
  const safe = id
    .replace(/[^a-z0-9._-]+/gi, '_')
    .replace(/_+/g, '_')
    .slice(0, 120);
  return `${safe}.md`;
}

/** File names made unique within one export (`…-2.md` for a second file of the same name). */
export function uniqueFileNames(summaries: readonly Summary[]): string[] {
  const seen = new Map<string, number>();
  return summaries.map((s) => {
    const name = summaryFileName(s);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : name.replace(/\.md$/, `-${n}.md`);
  });
}
