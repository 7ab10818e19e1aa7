/**
 * `npm run bench:detect`: identification accuracy on the saved real article pages of
 * ../shared/doi-corpus (or $DOI_CORPUS), and the cost of identifying a 5 MB hostile page.
 * Prints `name: value unit` lines and names every miss. The corpus is read in place, never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { identify, looksLikeArticle } from '../lib/shared/identify';
import { median } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.env.DOI_CORPUS
  ? resolve(process.env.DOI_CORPUS)
  : resolve(here, '../../shared/doi-corpus');

/** The page's own address when the saved page states it (canonical link or og:url), else blank. */
function pageUrl(doc: Document): string {
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content')?.trim() ?? '';
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ?? '';
  for (const candidate of [canonical, og]) {
    if (!candidate) continue;
    try {
      const abs = new URL(candidate, /^https?:\/\//i.test(og) ? og : undefined);
      if (abs.protocol === 'https:' || abs.protocol === 'http:') return abs.href;
    } catch {
      /* relative with no absolute base: not derivable */
    }
  }
  return '';
}

function accuracy(): void {
  const expectedPath = join(corpus, 'expected.tsv');
  if (!existsSync(expectedPath)) {
    console.log(`# detect: no corpus at ${corpus} (set DOI_CORPUS); accuracy skipped`);
    return;
  }
  const rows = readFileSync(expectedPath, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [file = '', doi = '', pmid = ''] = l.split('\t');
      return { file: file.trim(), doi: doi.trim().toLowerCase(), pmid: pmid.trim() };
    });
  const pages = new Set(readdirSync(join(corpus, 'pages')));
  let doiOk = 0;
  let pmidOk = 0;
  // The same pages with every <meta> and <link> removed and no address: how far the body alone
  // (labelled and printed DOIs, site markup) goes. Misses are fine here; a wrong DOI is not.
  let bareOk = 0;
  let bareWrong = 0;
  const times: number[] = [];
  const misses: string[] = [];
  for (const row of rows) {
    if (!pages.has(row.file)) {
      misses.push(`${row.file}: page missing`);
      continue;
    }
    const html = readFileSync(join(corpus, 'pages', row.file), 'utf8');
    const { document } = parseHTML(html);
    const url = pageUrl(document as unknown as Document);
    const t0 = performance.now();
    const { paper } = identify(document as unknown as Document, url);
    times.push(performance.now() - t0);
    const gotDoi = paper?.doi?.value ?? '';
    const gotPmid = paper?.pmid?.value ?? '';
    if (gotDoi === row.doi) doiOk++;
    else
      misses.push(
        `${row.file}: doi expected ${row.doi || '(none)'} got ${gotDoi || '(none)'} [url ${url || 'blank'}]`,
      );
    if (gotPmid === row.pmid) pmidOk++;
    else misses.push(`${row.file}: pmid expected ${row.pmid || '(none)'} got ${gotPmid || '(none)'}`);
    const bareHtml = html.replace(/<meta\b[^>]*>/gi, '').replace(/<link\b[^>]*>/gi, '');
    const bare = identify(parseHTML(bareHtml).document as unknown as Document, '').paper?.doi?.value ?? '';
    if (bare === row.doi) bareOk++;
    else if (bare) {
      bareWrong++;
      misses.push(`${row.file}: without metadata, doi expected ${row.doi || '(none)'} got ${bare}`);
    }
  }
  for (const m of misses) console.log(`# miss ${m}`);
  // Both counts are over every page: reporting an identifier the page does not have is a miss too.
  console.log(`detect accuracy doi: ${doiOk}/${rows.length}`);
  console.log(`detect accuracy pmid: ${pmidOk}/${rows.length}`);
  console.log(`detect accuracy doi without metadata: ${bareOk}/${rows.length}`);
  console.log(`detect wrong doi without metadata: ${bareWrong} pages`);
  console.log(`detect corpus identify median: ${median(times).toFixed(2)} ms`);
  console.log(`detect corpus identify max: ${Math.max(...times).toFixed(2)} ms`);
}

/**
 * A 5 MB page built to hurt: thousands of junk meta tags, a huge reference list, pathological
 * strings for every pattern (`10.` runs, `10.1234/((((`, `doi:doi:doi:`, unbalanced JSON), deep
 * nesting and hundreds of conflicting `data-doi`. No article metadata, so every fallback runs.
 */
export function hostilePage(targetBytes = 5 * 1024 * 1024): string {
  const parts: string[] = ['<!doctype html><html><head><title>hostile</title>'];
  for (let i = 0; i < 3000; i++) {
    parts.push(
      `<meta name="citation_reference" content="citation_doi=10.${1000 + i}/((((${'('.repeat(20)};citation_pmid=${i}">`,
    );
    parts.push(
      `<meta name="dc.identifier" scheme="publisher-id" content="doi:doi:doi:doi:doi:doi:doi:${i}">`,
    );
  }
  parts.push(`<meta name="citation_doi" content="${'10.'.repeat(5000)}">`);
  parts.push(`<script type="application/ld+json">${'['.repeat(2000)}${']'.repeat(1999)}</script>`);
  parts.push(`<script>var SDM = {}; SDM.doi = '${'10.1234/'.repeat(40)}';</script>`);
  parts.push(`<script>xplGlobal.document.metadata={"a":"${'{'.repeat(100_000)}</script>`);
  parts.push('</head><body>');
  parts.push('<div>'.repeat(3000), 'deep', '</div>'.repeat(3000));
  parts.push('<ol class="references">');
  let size = parts.reduce((n, p) => n + p.length, 0);
  const third = targetBytes / 3;
  for (let i = 0; size < third; i++) {
    const li = `<li>Ref ${i}. doi: 10.${1000 + (i % 9000)}/ref.${i} PMID: ${i + 1}</li>`;
    parts.push(li);
    size += li.length;
  }
  parts.push('</ol><div class="content">');
  const junk = (i: number): string => {
    switch (i % 7) {
      case 0:
        return `<p>${'10.'.repeat(2000)}</p>`;
      case 1:
        return `<p>doi: 10.1234/${'('.repeat(2000)}</p>`;
      case 2:
        return `<p>${'doi:'.repeat(2000)}</p>`;
      case 3:
        return `<p>DOI ${'10.1234.'.repeat(500)}</p>`;
      case 4:
        // Conflicting data-doi values: the "only one" rule must give up, not pick one.
        return `<span data-doi="10.${1000 + (i % 9000)}/x${i}"></span>`;
      case 5:
        // Contents-page look-alikes whose links hold no DOI: the list path runs in full.
        return `<div class="issue-item"><a href="/doi/${'10.'.repeat(50)}">x</a></div>`;
      default:
        return `<p>Digital Object Identifier: ${'&lt;'.repeat(500)}</p>`;
    }
  };
  for (let i = 0; size < targetBytes; i++) {
    const p = junk(i);
    parts.push(p);
    size += p.length;
  }
  parts.push('<p>DOI: 10.5555/hostile.end</p></div></body></html>');
  return parts.join('');
}

function hostile(): void {
  const html = hostilePage();
  const gc = (globalThis as { gc?: () => void }).gc;
  const parseTimes: number[] = [];
  const identifyTimes: number[] = [];
  let threw = false;
  // One untimed run first, so the median measures the code and not the JIT compiling it.
  for (let run = -1; run < 5; run++) {
    const t0 = performance.now();
    const { document } = parseHTML(html);
    const t1 = performance.now();
    // Collect the previous run's 5 MB DOM now rather than inside the timed identify() (needs
    // --expose-gc, which `npm run bench` passes).
    gc?.();
    const t2 = performance.now();
    try {
      identify(document as unknown as Document, '');
    } catch {
      threw = true;
    }
    const t3 = performance.now();
    if (run < 0) continue;
    parseTimes.push(t1 - t0);
    identifyTimes.push(t3 - t2);
  }
  console.log(`detect hostile page size: ${(html.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`detect hostile 5MB parse: ${median(parseTimes).toFixed(1)} ms`);
  console.log(`detect hostile 5MB: ${median(identifyTimes).toFixed(1)} ms`);
  if (threw) console.log('# identify threw on the hostile page');
}

/** An ordinary 1 MB news page: navigation, paragraphs, links, no scholarly metadata or DOIs. */
function newsPage(targetBytes = 1024 * 1024): string {
  const parts = [
    '<!doctype html><html><head><title>City news</title><meta property="og:type" content="article">',
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsMediaOrganization","name":"City News"}</script>',
    '</head><body><nav><a href="/">Home</a><a href="/sport">Sport</a></nav><main>',
  ];
  let size = parts.join('').length;
  for (let i = 0; size < targetBytes; i++) {
    const p = `<article class="story"><h2><a href="/story/${i}">Story ${i}</a></h2><p>Council meets on Tuesday to discuss road works, parking and the new library opening hours.</p></article>`;
    parts.push(p);
    size += p.length;
  }
  parts.push('</main><footer>City News</footer></body></html>');
  return parts.join('');
}

/** looksLikeArticle() on a page that is not an article: the cost every other page pays. */
function precheck(): void {
  const { document } = parseHTML(newsPage());
  const times: number[] = [];
  let verdict = false;
  for (let run = -1; run < 9; run++) {
    const t0 = performance.now();
    verdict = looksLikeArticle(document as unknown as Document, 'https://news.example.com/2024/05/council');
    if (run >= 0) times.push(performance.now() - t0);
  }
  console.log(`detect precheck non-article 1MB: ${median(times).toFixed(2)} ms`);
  if (verdict) console.log('# precheck wrongly took the news page for an article');
}

if (!process.env.NO_MAIN) accuracy();
if (!process.env.NO_MAIN) precheck();
if (!process.env.NO_MAIN) hostile();
