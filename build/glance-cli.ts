/**
 * `npm run glance -- <page.html>... [--url <address>]`: the automatic reading of saved pages, with
 * the same code the content script runs. One JSON line per page: `file`, the identifiers (`doi`,
 * `pmid`, `pmcid`, `title`, as `npm run detect` finds them), `abstract_via`, then the glance
 * fields; a page without an abstract prints its identifiers with the glance fields null or empty.
 *
 * `npm run glance -- --jsonl <file>`: one JSON line per input line `{ "id", "title"?, "abstract",
 * "publication_types"? }`, printing `id` and the glance fields. Fields starting with `gold_` are
 * dropped on reading, never seen by the glance. A bad line is reported on stderr with its number
 * and the rest go on; the exit code is 1 when any line or file failed.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { glance, readAbstract, readPageFacts, type Glance, type GlanceInput } from '../lib/shared/glance';
import { identify } from '../lib/shared/identify';
import { readPageHints } from '../lib/shared/identify/hints';
import { effectiveUrl } from '../lib/shared/identify/url';
import { forEachLine } from './lines';

function usage(): never {
  console.error(
    'usage: npm run glance -- <page.html>... [--url <address>]\n       npm run glance -- --jsonl <file>',
  );
  process.exit(2);
}

/** The glance fields with nothing found: for a page without an abstract. */
const EMPTY: Glance = {
  study_type: null,
  study_type_from: null,
  study_type_evidence: null,
  design_signals: [],
  design_evidence: {},
  sample_size: null,
  sample_size_evidence: null,
  follow_up: null,
  conclusion: null,
  caveats: [],
  concepts: [],
};

function page(file: string, url: string): boolean {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    return false;
  }
  const doc = parseHTML(html).document as unknown as Document;
  const address = effectiveUrl(
    url,
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? null,
  );
  const { paper } = identify(doc, address);
  const abstract = readAbstract(doc, address);
  const facts = readPageFacts(doc);
  const g = abstract
    ? glance({
        title: paper?.title?.display ?? undefined,
        abstract: abstract.text,
        sections: abstract.sections,
        publicationTypes: readPageHints(doc).publicationTypes,
        meshTerms: facts.meshTerms,
        keywords: facts.keywords,
        url: address,
      })
    : EMPTY;
  console.log(
    JSON.stringify({
      file,
      doi: paper?.doi?.display ?? null,
      pmid: paper?.pmid?.value ?? null,
      pmcid: paper?.pmcid?.value ?? null,
      title: paper?.title?.display ?? null,
      abstract_via: abstract?.via ?? null,
      ...g,
    }),
  );
  return true;
}

/** One input line as the glance's input, `gold_` fields dropped; an error message when it is not one. */
export function inputOf(line: string): { id: string; input: GlanceInput } | string {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  if (!row || typeof row !== 'object' || Array.isArray(row)) return 'not a JSON object';
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>))
    if (!k.startsWith('gold_')) clean[k] = v;
  const { id, title, abstract, publication_types: types } = clean;
  if (typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or a number';
  if (typeof abstract !== 'string') return '"abstract" must be a string';
  if (title !== undefined && title !== null && typeof title !== 'string') return '"title" must be a string';
  if (
    types !== undefined &&
    types !== null &&
    !(Array.isArray(types) && types.every((t) => typeof t === 'string'))
  )
    return '"publication_types" must be a list of strings';
  return {
    id: String(id),
    input: {
      title: typeof title === 'string' ? title : undefined,
      abstract,
      publicationTypes: Array.isArray(types) ? (types as string[]) : undefined,
    },
  };
}

async function jsonl(file: string): Promise<boolean> {
  let ok = true;
  try {
    await forEachLine(file, (line, lineNo) => {
      if (!line.trim()) return;
      const r = inputOf(line);
      if (typeof r === 'string') {
        console.error(`${file}:${lineNo}: ${r}`);
        ok = false;
        return;
      }
      console.log(JSON.stringify({ id: r.id, ...glance(r.input) }));
    });
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    return false;
  }
  return ok;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files: string[] = [];
  let url = '';
  let lines: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--url') url = args[++i] ?? usage();
    else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--jsonl') lines = args[++i] ?? usage();
    else if (a.startsWith('--jsonl=')) lines = a.slice(8);
    else if (a === '--help' || a === '-h') usage();
    else files.push(a);
  }
  let ok = true;
  if (lines !== null) ok = (await jsonl(lines)) && ok;
  else if (files.length === 0) usage();
  for (const f of files) ok = page(f, url) && ok;
  process.exit(ok ? 0 : 1);
}

if (!process.env.NO_MAIN) void main();
