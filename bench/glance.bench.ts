/**
 * `npm run bench -- glance`: the automatic reading of abstracts. Time per page (readAbstract +
 * glance) on the saved real pages of ../shared/doi-corpus and on a 5 MB hostile page, and the
 * accuracy on the labelled abstracts of ../shared/glance-dev against naive baselines measured in
 * the same run (conclusion = last sentence; study type = one keyword regex; sample size = first
 * integer before "patients|participants"). Each figure is given on the whole file and on its two
 * halves (even and odd lines). Both folders are read in place, never copied; a missing one is
 * skipped with a note. `GLANCE_MISSES=1` names every miss.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { glance, readAbstract, readPageFacts } from '../lib/shared/glance';
import { readPageHints } from '../lib/shared/identify/hints';
import {
  DOI_CORPUS,
  firstCount,
  GLANCE_DEV,
  halves,
  keywordStudyType,
  lastSentence,
  readLabelled,
  scoreClasses,
  scoreConclusions,
  scoreSamples,
  tokenF1,
  type Labelled,
} from '../tests/support/glance-score';
import { line, median } from './report';

const showMisses = !!process.env.GLANCE_MISSES;

/** The page's own address from its canonical link or og:url, else blank. */
function pageUrl(doc: Document): string {
  for (const sel of ['link[rel="canonical"]', 'meta[property="og:url"]']) {
    const v = doc
      .querySelector(sel)
      ?.getAttribute(sel.startsWith('link') ? 'href' : 'content')
      ?.trim();
    if (v && /^https?:\/\//i.test(v)) return v;
  }
  return '';
}

/** What the content script does for the glance: the abstract, the page facts, the reading. */
function read(doc: Document, url: string, publicationTypes: string[]): void {
  const abstract = readAbstract(doc, url);
  if (!abstract) return;
  const facts = readPageFacts(doc);
  glance({ abstract: abstract.text, sections: abstract.sections, publicationTypes, ...facts, url });
}

function corpus(): void {
  const dir = join(DOI_CORPUS, 'pages');
  if (!existsSync(dir)) {
    console.log(`# glance: no corpus at ${DOI_CORPUS} (set DOI_CORPUS); page timings skipped`);
    return;
  }
  const perPage: number[] = [];
  let found = 0;
  let threw = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
  for (const file of files) {
    const { document } = parseHTML(readFileSync(join(dir, file), 'utf8'));
    const doc = document as unknown as Document;
    const url = pageUrl(doc);
    const times: number[] = [];
    try {
      if (readAbstract(doc, url)) found++;
      // Publication types come from identification's page hints, read once for the panel anyway.
      const types = readPageHints(doc).publicationTypes;
      for (let run = -1; run < 7; run++) {
        const t0 = performance.now();
        read(doc, url, types);
        if (run >= 0) times.push(performance.now() - t0);
      }
      perPage.push(median(times));
    } catch (e) {
      threw++;
      console.log(`# glance threw on ${file}: ${(e as Error).message}`);
    }
  }
  line('glance corpus pages with an abstract', `${found}/${files.length}`);
  line('glance corpus page median', median(perPage), 'ms');
  line('glance corpus page max', Math.max(...perPage), 'ms');
  if (threw) line('glance corpus pages that threw', threw);
}

/** A 5 MB page built to hurt the abstract reader: every selector matches junk, deeply nested. */
export function hostileGlancePage(targetBytes = 5 * 1024 * 1024): string {
  const parts: string[] = ['<!doctype html><html><head><title>hostile</title>'];
  parts.push(`<meta name="citation_abstract" content="${'Background: '.repeat(20_000)}">`);
  parts.push(`<meta name="dc.description" content="${'x'.repeat(200_000)}">`);
  for (let i = 0; i < 2000; i++) parts.push(`<meta name="keywords" content="${'k;'.repeat(200)}">`);
  parts.push('</head><body>');
  parts.push('<div class="abstract">'.repeat(3000), 'deep', '</div>'.repeat(3000));
  parts.push(`<section class="abstract" data-x="${'a'.repeat(500_000)}"><h2>Abstract</h2>`);
  let size = parts.reduce((n, p) => n + p.length, 0);
  for (let i = 0; size < targetBytes; i++) {
    const p =
      i % 4 === 0
        ? `<p><strong>METHODS:</strong> ${'120 patients were '.repeat(50)} randomised</p>`
        : i % 4 === 1
          ? `<p>${'Conclusions: '.repeat(100)}</p>`
          : i % 4 === 2
            ? `<div class="similar-articles"><div class="abstract">${'In conclusion, it works. '.repeat(40)}</div></div>`
            : `<p>${'follow-up of '.repeat(80)} ${'1 '.repeat(200)}</p>`;
    parts.push(p);
    size += p.length;
  }
  parts.push('</section></body></html>');
  return parts.join('');
}

function hostile(): void {
  const html = hostileGlancePage();
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const times: number[] = [];
  let threw = false;
  for (let run = -1; run < 5; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    try {
      read(doc, 'https://pubmed.ncbi.nlm.nih.gov/1/', []);
      read(doc, '', []);
    } catch {
      threw = true;
    }
    if (run >= 0) times.push((performance.now() - t0) / 2);
  }
  line('glance hostile page size', Number((html.length / 1024 / 1024).toFixed(1)), 'MB');
  line('glance hostile 5MB', median(times), 'ms');
  line('glance hostile threw', threw ? 'yes' : 'no');
}

/* ---------------------------------------------------------------- accuracy */

type Part = [string, Labelled[]];

function parts(rows: Labelled[]): Part[] {
  const [a, b] = halves(rows);
  return [
    ['all', rows],
    ['half A', a],
    ['half B', b],
  ];
}

function glanceOf(r: Labelled, withTypes = false) {
  return glance({
    title: r.title,
    abstract: r.abstract,
    publicationTypes: withTypes ? r.publication_types : undefined,
  });
}

function conclusions(file: string, name: string): void {
  const rows = readLabelled(file);
  if (!rows) return void console.log(`# glance: ${join(GLANCE_DEV, file)} missing; skipped`);
  for (const [part, set] of parts(rows)) {
    const ours = scoreConclusions(
      set.map((r) => ({ predicted: glanceOf(r).conclusion, gold: String(r.gold.gold_conclusion) })),
    );
    const base = scoreConclusions(
      set.map((r) => ({ predicted: lastSentence(r.abstract), gold: String(r.gold.gold_conclusion) })),
    );
    line(
      `glance conclusion ${name} ${part} F1>=0.8`,
      ours.atLeast08,
      `(baseline ${base.atLeast08.toFixed(3)}, n ${ours.n})`,
    );
    line(`glance conclusion ${name} ${part} mean F1`, ours.meanF1, `(baseline ${base.meanF1.toFixed(3)})`);
  }
  if (showMisses)
    for (const r of rows) {
      const got = glanceOf(r).conclusion;
      const f = tokenF1(got, String(r.gold.gold_conclusion));
      if (f < 0.8)
        console.log(
          `# miss ${name} ${r.id} F1 ${f.toFixed(2)}\n#   got:  ${got}\n#   gold: ${String(r.gold.gold_conclusion)}`,
        );
    }
}

function studyTypes(): void {
  const rct = readLabelled('rct-conclusions.jsonl');
  if (rct)
    for (const [part, set] of parts(rct)) {
      const ours =
        set.filter((r) => glanceOf(r).study_type === 'randomized controlled trial').length / set.length;
      const base =
        set.filter(
          (r) => keywordStudyType(`${r.title ?? ''} ${r.abstract}`) === 'randomized controlled trial',
        ).length / set.length;
      line(
        `glance study type RCT recognised ${part}`,
        ours,
        `(baseline ${base.toFixed(3)}, n ${set.length})`,
      );
    }
  if (rct && showMisses)
    for (const r of rct) {
      const g = glanceOf(r);
      if (g.study_type !== 'randomized controlled trial')
        console.log(`# miss rct ${r.id} got ${g.study_type} (${g.study_type_evidence}) :: ${r.title}`);
    }
  for (const [file, withTypes, name] of [
    ['designs.jsonl', false, 'mixed designs'],
    ['designs-with-pt.jsonl', true, 'with publication types'],
  ] as const) {
    const rows = readLabelled(file);
    if (!rows) {
      console.log(`# glance: ${join(GLANCE_DEV, file)} missing; skipped`);
      continue;
    }
    for (const [part, set] of parts(rows)) {
      const gold = (r: Labelled): string => String(r.gold.gold_study_type);
      const ours = scoreClasses(
        set.map((r) => ({ predicted: glanceOf(r, withTypes).study_type, gold: gold(r) })),
      );
      const base = scoreClasses(
        set.map((r) => ({ predicted: keywordStudyType(`${r.title ?? ''} ${r.abstract}`), gold: gold(r) })),
      );
      line(
        `glance study type ${name} ${part} accuracy`,
        ours.accuracy,
        `(baseline ${base.accuracy.toFixed(3)}, n ${ours.n})`,
      );
      line(
        `glance study type ${name} ${part} macro-F1`,
        ours.macroF1,
        `(baseline ${base.macroF1.toFixed(3)})`,
      );
    }
    if (showMisses)
      for (const r of rows) {
        const g = glanceOf(r, withTypes);
        if (g.study_type !== r.gold.gold_study_type)
          console.log(
            `# miss ${name} ${r.id} gold ${String(r.gold.gold_study_type)} got ${g.study_type} (${g.study_type_evidence}) pt ${JSON.stringify(r.publication_types ?? [])} :: ${r.title}`,
          );
      }
  }
}

function samples(): void {
  const rows = readLabelled('sample-size.jsonl');
  if (!rows) return void console.log(`# glance: ${join(GLANCE_DEV, 'sample-size.jsonl')} missing; skipped`);
  const goldOf = (r: Labelled) => ({
    gold: typeof r.gold.gold_sample_size === 'number' ? r.gold.gold_sample_size : null,
    goldAny: Array.isArray(r.gold.gold_sample_size_any) ? (r.gold.gold_sample_size_any as number[]) : [],
  });
  for (const [part, set] of parts(rows)) {
    const ours = scoreSamples(set.map((r) => ({ predicted: glanceOf(r).sample_size, ...goldOf(r) })));
    const base = scoreSamples(set.map((r) => ({ predicted: firstCount(r.abstract), ...goldOf(r) })));
    line(`glance sample size ${part} exact`, ours.exact, `(baseline ${base.exact.toFixed(3)}, n ${ours.n})`);
    line(`glance sample size ${part} wrong number`, ours.wrong, `(baseline ${base.wrong.toFixed(3)})`);
    line(`glance sample size ${part} none`, ours.none, `(baseline ${base.none.toFixed(3)})`);
  }
  if (showMisses)
    for (const r of rows) {
      const g = glanceOf(r);
      const { gold } = goldOf(r);
      if (g.sample_size !== gold)
        console.log(
          `# miss sample ${r.id} gold ${gold} got ${g.sample_size} (${g.sample_size_evidence}) span ${JSON.stringify(r.gold.gold_span ?? null)}`,
        );
    }
}

if (!process.env.NO_MAIN) {
  corpus();
  hostile();
  conclusions('rct-conclusions.jsonl', 'headings removed');
  conclusions('rct-conclusions-headed.jsonl', 'with headings');
  studyTypes();
  samples();
}
