/**
 * Synthetic summaries for benchmarks only: never bundled, never imported by lib/ or entrypoints/.
 * DOIs sit under the test prefix 10.5555, so a synthetic record can never be mistaken for a real
 * paper. Records are deterministic for a given seed and pass validation, so a build of them
 * measures the builder rather than error reporting.
 *
 * CLI: `tsx tests/support/gen-summaries.ts <count> <out.jsonl> [--seed N]`
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PaperIds } from '../../lib/shared/identify/types';
import { DEFAULT_LEVEL, type StudyType } from '../../lib/shared/summaries/schema';

/** Small, fast, seedable PRNG (xorshift32): benchmark data must be the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const CONDITIONS = (
  'hypertension,type 2 diabetes,heart failure,atrial fibrillation,chronic kidney disease,asthma,COPD,' +
  'major depressive disorder,schizophrenia,bipolar disorder,osteoarthritis,rheumatoid arthritis,' +
  'osteoporosis,breast cancer,colorectal cancer,lung cancer,prostate cancer,osteosarcoma,melanoma,' +
  'sepsis,community-acquired pneumonia,urinary tract infection,HIV infection,tuberculosis,malaria,' +
  'stroke,migraine,epilepsy,Parkinson disease,Alzheimer disease,multiple sclerosis,obesity,' +
  'gestational diabetes,preeclampsia,preterm birth,neonatal jaundice,bronchiolitis,otitis media,' +
  'low back pain,hip fracture,acute kidney injury,cirrhosis,hepatitis C,inflammatory bowel disease,' +
  'coeliac disease,psoriasis,atopic dermatitis,anaemia,venous thromboembolism,chronic pain'
).split(',');
const INTERVENTIONS = (
  'metformin,SGLT2 inhibitors,GLP-1 receptor agonists,statins,aspirin,beta blockers,ACE inhibitors,' +
  'direct oral anticoagulants,exercise training,cognitive behavioural therapy,mindfulness,' +
  'vitamin D supplementation,omega-3 fatty acids,corticosteroids,immune checkpoint inhibitors,' +
  'radiotherapy,early mobilisation,telemonitoring,nurse-led follow-up,smoking cessation support,' +
  'bariatric surgery,intermittent fasting,physiotherapy,acupuncture,probiotics,proton pump inhibitors,' +
  'antibiotic stewardship,tranexamic acid,ketamine,lithium,SSRIs,denosumab,bisphosphonates,' +
  'low-dose CT screening,point-of-care ultrasound,home-based rehabilitation,text message reminders'
).split(',');
const OUTCOMES = (
  'all-cause mortality,hospital admission,quality of life,HbA1c,blood pressure,pain scores,' +
  'functional status,relapse,readmission within 30 days,adverse events,cost per QALY,' +
  'length of stay,fracture risk,cognitive decline,progression-free survival,overall survival,' +
  'symptom remission,adherence,infection rate,major bleeding'
).split(',');
const POPULATIONS = (
  'older adults,children,adolescents,pregnant women,adults in primary care,intensive care patients,' +
  'outpatients,nursing home residents,low-income countries,veterans,people with frailty,' +
  'hospitalised adults,athletes,health-care workers,rural communities'
).split(',');
const DESIGNS: Array<[string, StudyType, number]> = [
  ['systematic review and meta-analysis', 'meta-analysis', 10],
  ['systematic review', 'systematic review', 8],
  ['randomised controlled trial', 'randomized controlled trial', 22],
  ['cohort study', 'cohort study', 20],
  ['case-control study', 'case-control study', 6],
  ['cross-sectional study', 'cross-sectional study', 8],
  ['case series', 'case series', 3],
  ['diagnostic accuracy study', 'diagnostic accuracy study', 4],
  ['qualitative study', 'qualitative study', 3],
  ['economic evaluation', 'economic evaluation', 3],
  ['clinical practice guideline', 'guideline', 2],
  ['narrative review', 'narrative review', 8],
  ['preclinical study', 'preclinical', 3],
];
const DESIGN_WEIGHT = DESIGNS.reduce((a, d) => a + d[2], 0);
const JOURNALS = (
  'BMJ,The Lancet,JAMA,New England Journal of Medicine,Annals of Internal Medicine,PLOS Medicine,' +
  'BMC Medicine,Cochrane Database of Systematic Reviews,JAMA Internal Medicine,Lancet Oncology,' +
  'Journal of Clinical Oncology,Circulation,Diabetes Care,Thorax,Gut,Pediatrics,Obstetrics and Gynecology,' +
  'Journal of Bone and Joint Surgery,Frontiers in Immunology,Scientific Reports'
).split(',');
const CAVEATS = [
  'Small sample; confidence intervals are wide.',
  'Short follow-up: long-term harms are unknown.',
  'Open-label design; outcome assessment may be biased.',
  'Single centre, so results may not transfer to other settings.',
  'Observational data: residual confounding is likely.',
  'Heterogeneity between included studies is high.',
  'Industry funding; the sponsor designed the analysis.',
  'Surrogate outcome rather than patient-important outcomes.',
  'Many participants were lost to follow-up.',
  'Subgroup findings are exploratory and should not guide practice.',
  'Largely preclinical evidence; very little clinical data.',
  'Self-reported outcomes.',
  'Excluded people with multimorbidity, who are most of the patients seen in practice.',
  'Publication bias cannot be excluded.',
  'Dose and duration varied between studies.',
];
const CONCEPT_HEADS = [
  ...CONDITIONS,
  ...INTERVENTIONS,
  ...OUTCOMES,
  'inflammation',
  'insulin resistance',
  'gut microbiome',
  'frailty',
  'polypharmacy',
  'shared decision making',
  'health equity',
  'screening',
  'biomarkers',
  'genomics',
  'tumour microenvironment',
  'immune evasion',
  'bone remodelling',
  'cytokines',
  'pharmacovigilance',
  'deprescribing',
];
const CONCEPT_MODIFIERS = (
  'in older adults,in children,in pregnancy,risk prediction,dose response,adherence,cost,' +
  'long-term outcomes,safety,sex differences,genetic variants,imaging,biomarker,primary prevention,' +
  'secondary prevention,withdrawal,combination therapy,telehealth,disparities,recurrence'
).split(',');

function pick<T>(list: readonly T[], r: () => number): T {
  return list[Math.floor(r() * list.length)] as T;
}

/** Zipf-like choice: a few concepts are everywhere, most are rare, as in real indexing. */
function zipfIndex(n: number, r: () => number): number {
  return Math.min(n - 1, Math.floor(Math.pow(n + 1, r()) - 1));
}

function conceptName(i: number): string {
  const head = CONCEPT_HEADS[i % CONCEPT_HEADS.length] as string;
  const m = Math.floor(i / CONCEPT_HEADS.length);
  if (m === 0) return head;
  const mod = CONCEPT_MODIFIERS[(m - 1) % CONCEPT_MODIFIERS.length] as string;
  const tier = Math.floor((m - 1) / CONCEPT_MODIFIERS.length);
  return tier === 0 ? `${head} ${mod}` : `${head} ${mod} (cluster ${tier})`;
}

const CONCEPT_SPACE = 40_000;
const pct = (r: () => number) => (5 + r() * 40).toFixed(1);
const ratio = (r: () => number) => (0.5 + r() * 0.9).toFixed(2);

/** One synthetic summary, in the source format of DESIGN.md. `i` makes identifiers and titles unique. */
export function syntheticSummary(i: number, seed = 1): Record<string, unknown> {
  const r = rng((seed * 0x2545f491) ^ (i * 0x9e3779b1));
  r();
  let w = r() * DESIGN_WEIGHT;
  let design = DESIGNS[0] as [string, StudyType, number];
  for (const d of DESIGNS) {
    w -= d[2];
    if (w <= 0) {
      design = d;
      break;
    }
  }
  // Titles are unique by construction: the record number picks a distinct combination.
  const cond = CONDITIONS[i % CONDITIONS.length] as string;
  const inter = INTERVENTIONS[Math.floor(i / CONDITIONS.length) % INTERVENTIONS.length] as string;
  const out = OUTCOMES[
    Math.floor(i / (CONDITIONS.length * INTERVENTIONS.length)) % OUTCOMES.length
  ] as string;
  const pop = POPULATIONS[Math.floor(r() * POPULATIONS.length)] as string;
  const series = Math.floor(i / (CONDITIONS.length * INTERVENTIONS.length * OUTCOMES.length));
  const title =
    `${inter[0]?.toUpperCase()}${inter.slice(1)} and ${out} in ${cond} among ${pop}: a ${design[0]}` +
    (series > 0 ? ` (report ${series + 1})` : '');
  const year = 1995 + Math.floor(r() * 31);
  const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
  const n = 40 + Math.floor(r() * 20000);
  const concepts = new Set<string>([cond, inter]);
  const want = 3 + Math.floor(r() * 5);
  while (concepts.size < want) concepts.add(conceptName(zipfIndex(CONCEPT_SPACE, r)));
  const caveats = new Set<string>();
  const nc = 1 + Math.floor(r() * 3);
  while (caveats.size < nc) {
    const c = pick(CAVEATS, r);
    // An "observational" caveat on a trial is a (correct) validation warning; keep benchmark data clean.
    if (design[1] !== 'randomized controlled trial' || !/observational/i.test(c)) caveats.add(c);
  }
  const findings = [
    `${inter[0]?.toUpperCase()}${inter.slice(1)} changed ${out} by ${pct(r)}% compared with usual care (n = ${n}).`,
    `Hazard ratio ${ratio(r)} (95% CI ${ratio(r)} to ${ratio(r)}) for ${pick(OUTCOMES, r)}.`,
    `Effects were ${pick(['similar', 'larger', 'smaller', 'absent'], r)} in ${pick(POPULATIONS, r)}.`,
  ];
  if (r() < 0.5) findings.push(`Adverse events were reported by ${pct(r)}% of participants in both groups.`);
  const rec: Record<string, unknown> = {
    doi: `10.5555/syn.${year}.${i.toString(36)}`,
    ...(r() < 0.7 ? { pmid: String(20_000_000 + i) } : {}),
    ...(r() < 0.4 ? { pmcid: `PMC${5_000_000 + i}` } : {}),
    title,
    journal: pick(JOURNALS, r),
    published: `${year}-${month}`,
    study_type: design[1],
    key_takeaway:
      `In ${pop} with ${cond}, ${inter} ${pick(['modestly improved', 'did not change', 'slightly worsened', 'improved'], r)} ` +
      `${out}; ${pick(['the effect is small', 'certainty is low', 'results need confirmation in larger trials', 'the benefit is clinically relevant'], r)}.`,
    caveats: [...caveats],
    key_findings: findings,
    practice_relevance:
      `Consider ${inter} for ${cond} in ${pop} only after discussing ${out} and harms; ` +
      `${pick(['current guidelines remain unchanged', 'this supports existing guidance', 'local protocols may need review'], r)}.`,
    concepts: [...concepts],
    source: {
      name: 'Synthetic benchmark editors',
      url: `https://example.org/synthetic/${i}`,
      review: 'Generated for benchmarks; not a real summary.',
    },
    updated: `2026-${month}-01`,
  };
  // Most editors state the level; the rest leave it to be derived from the study type.
  if (r() < 0.8) rec.evidence_level = DEFAULT_LEVEL[design[1]];
  if (r() < 0.3)
    rec.body =
      `A ${design[0]} of ${inter} in ${pop} with ${cond}. ${n} participants were followed for ` +
      `${1 + Math.floor(r() * 60)} months. The main outcome was ${out}.`;
  return rec;
}

/** Write `count` records as JSON Lines; resolves with the byte size written. */
export async function writeSyntheticJsonl(path: string, count: number, seed = 1): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk: string[] = [];
  const flush = async () => {
    const text = chunk.join('');
    chunk = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((res) => out.once('drain', () => res()));
  };
  for (let i = 0; i < count; i++) {
    chunk.push(JSON.stringify(syntheticSummary(i, seed)) + '\n');
    if (chunk.length >= 2000) await flush();
  }
  await flush();
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return bytes;
}

/**
 * The synthetic edition of `count` summaries in `dir` (one `summaries.jsonl`), written once and
 * reused while count and seed stay the same. Returns the JSON Lines file and whether it was new.
 */
export async function ensureSyntheticEdition(
  dir: string,
  count: number,
  seed = 1,
): Promise<{ file: string; generatedMs: number | null }> {
  const file = join(dir, 'summaries.jsonl');
  const marker = join(dir, '.generated');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === `${count}:${seed}`)
    return { file, generatedMs: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = performance.now();
  await writeSyntheticJsonl(file, count, seed);
  writeFileSync(marker, `${count}:${seed}`);
  return { file, generatedMs: performance.now() - t };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [countArg, outArg, ...rest] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count <= 0 || !outArg) {
    console.error('usage: tsx tests/support/gen-summaries.ts <count> <out.jsonl> [--seed N]');
    process.exit(2);
  }
  const seedAt = rest.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(rest[seedAt + 1]) : 1;
  const t0 = performance.now();
  const bytes = await writeSyntheticJsonl(outArg, count, seed);
  console.error(
    `${count} synthetic summaries, ${bytes} bytes, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/**
 * A page of synthetic paper `i` as the content script would describe it, by one kind of key: the
 * queries are regenerated from the generator, so a benchmark needs no data but the index it reads.
 * Null when that paper has no such key (not every synthetic summary has a PMID).
 */
export function syntheticQuery(i: number, kind: 'doi' | 'pmid' | 'title', seed: number): PaperIds | null {
  const s = syntheticSummary(i, seed) as { doi: string; pmid?: string; title: string };
  if (kind === 'doi') return { doi: s.doi.toLowerCase() };
  if (kind === 'pmid') return s.pmid ? { pmid: s.pmid } : null;
  return { title: s.title };
}

/** A PubMed page of a paper nobody summarised: DOI, PMID and title all to check. */
export function absentQuery(i: number): PaperIds {
  return {
    doi: `10.5555/absent.${i}`,
    pmid: String(900_000_000 + i),
    title: `An absent paper about topic ${i} that no summary covers`,
  };
}
