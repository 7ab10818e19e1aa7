/**
 * `npm run detect -- <file.html>... [--url <page url>] [--list]`: identify saved pages with the
 * same code the content script runs. Prints one JSON line per file:
 * {"file","doi","pmid","pmcid","title","via"}, null where absent; `via` is the signal of the DOI,
 * or of the PMID when there is no DOI. Without --url, the page's own canonical link or og:url is
 * used when it has one. With --list, a results or contents page also gets "list": its items' ids.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { identify } from '../lib/shared/identify';

function usage(): never {
  console.error('usage: npm run detect -- <file.html>... [--url <page url>] [--list]');
  process.exit(2);
}

const args = process.argv.slice(2);
const files: string[] = [];
let url = '';
let withList = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--url') {
    const next = args[++i];
    if (next === undefined) usage();
    url = next;
  } else if (a.startsWith('--url=')) url = a.slice(6);
  else if (a === '--list') withList = true;
  else if (a === '--help' || a === '-h') usage();
  else files.push(a);
}
if (files.length === 0) usage();

let failed = 0;
for (const file of files) {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    failed++;
    continue;
  }
  const { document } = parseHTML(html);
  const { paper, list } = identify(document, url);
  const line: Record<string, unknown> = {
    file,
    doi: paper?.doi?.display ?? null,
    pmid: paper?.pmid?.value ?? null,
    pmcid: paper?.pmcid?.value ?? null,
    title: paper?.title?.display ?? null,
    via: paper?.doi?.via ?? paper?.pmid?.via ?? null,
  };
  if (withList) line.list = list.map((p) => ({ doi: p.doi?.display ?? null, pmid: p.pmid?.value ?? null }));
  console.log(JSON.stringify(line));
}
process.exit(failed ? 1 : 0);
