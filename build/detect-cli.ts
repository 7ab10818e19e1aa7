/**
 * `npm run detect -- <file.html|file.pdf>... [--url <page url>] [--list]`: identify saved pages
 * and PDFs with the same code the content script and the PDF viewer run. Prints one JSON line per
 * file: {"file","doi","pmid","pmcid","title","via"}, null where absent; `via` is the signal of
 * the DOI, or of the PMID when there is no DOI. Without --url, the page's own canonical link or
 * og:url is used when it has one. With --list, a results or contents page also gets "list": its
 * items' ids. A PDF (named *.pdf or starting with `%PDF-`) is read with pdf.js and its line also
 * has "fingerprint", the key the same file is known again by.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractPdfFacts } from '../lib/extension/pdf/extract';
import { identify } from '../lib/shared/identify';
import { identifyPdf } from '../lib/shared/identify/pdf';

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

const isPdf = (file: string, bytes: Buffer): boolean =>
  /\.pdf$/i.test(file) || bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/** pdf.js in Node: the legacy build (no newer web APIs needed), its fake worker, no eval. */
async function detectPdf(file: string, bytes: Buffer): Promise<Record<string, unknown>> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = join(
    dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts/',
  );
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    standardFontDataUrl: fonts,
    verbosity: 0,
  }).promise;
  try {
    const { paper, fingerprint } = identifyPdf(await extractPdfFacts(doc));
    return {
      file,
      doi: paper?.doi?.display ?? null,
      pmid: paper?.pmid?.value ?? null,
      pmcid: paper?.pmcid?.value ?? null,
      title: paper?.title?.display ?? null,
      via: paper?.doi?.via ?? paper?.pmid?.via ?? null,
      fingerprint,
    };
  } finally {
    await doc.destroy();
  }
}

let failed = 0;
for (const file of files) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    failed++;
    continue;
  }
  if (isPdf(file, bytes)) {
    try {
      console.log(JSON.stringify(await detectPdf(file, bytes)));
    } catch (e) {
      console.error(`${file}: ${(e as Error).message}`);
      failed++;
    }
    continue;
  }
  const { document } = parseHTML(bytes.toString('utf8'));
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
