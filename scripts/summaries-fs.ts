import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildIndex } from '../lib/index/build';
import { collectSummaries, type SourceFile } from '../lib/summaries/collect';
import { formatIssue } from '../lib/summaries/validate';

/** Every summary source file (.md, .markdown, .jsonl) below `dir`, in a stable order. */
export function readSummaryDir(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(md|markdown|jsonl)$/i.test(name) && !/^readme\.md$/i.test(name))
        out.push({ path: relative(process.cwd(), p) || p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/**
 * Validate and compile a folder of summaries into `outDir`. Prints every issue; throws when any is
 * an error, before anything is written, so a bad edition never half-ships.
 */
export function buildIndexDir(srcDir: string, outDir: string, edition: string): { files: string[]; count: number } {
  const files = readSummaryDir(srcDir);
  if (files.length === 0) throw new Error(`no summary files (.md or .jsonl) in ${srcDir}`);
  const { summaries, issues, ok } = collectSummaries(files);
  for (const i of issues) console.error(formatIssue(i));
  if (!ok) {
    const n = issues.filter((i) => i.severity === 'error').length;
    throw new Error(`${n} error(s) in the summaries of ${srcDir}; nothing was built`);
  }
  const built = buildIndex(summaries, edition);
  rmSync(outDir, { recursive: true, force: true });
  for (const f of built) {
    const p = join(outDir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
  }
  return { files: built.map((f) => f.path), count: summaries.length };
}
