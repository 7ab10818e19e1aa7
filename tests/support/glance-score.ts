/**
 * Scoring shared by the glance benchmark and its unit tests: token F1 between an extracted
 * conclusion and the gold one, accuracy and macro-F1 over study types, sample-size matches, and a
 * reader for the labelled abstracts of ../shared/glance-dev (read in place, never copied).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

const here = dirname(fileURLToPath(import.meta.url));

/** ../shared/glance-dev next to the repository, or $GLANCE_DEV. */
export const GLANCE_DEV = process.env.GLANCE_DEV
  ? resolve(process.env.GLANCE_DEV)
  : resolve(here, '../../../shared/glance-dev');

/** ../shared/doi-corpus next to the repository, or $DOI_CORPUS. */
export const DOI_CORPUS = process.env.DOI_CORPUS
  ? resolve(process.env.DOI_CORPUS)
  : resolve(here, '../../../shared/doi-corpus');

/** The hand-written fixture pages and abstracts of the glance (the project's own text). */
export const GLANCE_FIXTURES = resolve(here, '../fixtures/glance');

/** A page parsed with linkedom, as the CLIs and benchmarks parse it. */
export function parsePage(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** The address a fixture page states for itself (its canonical link), blank when none. */
export function canonicalOf(doc: Document): string {
  return doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '';
}

/** One labelled line: the input fields and the gold fields, kept apart. */
export interface Labelled {
  id: string;
  title?: string;
  abstract: string;
  publication_types?: string[];
  gold: Record<string, unknown>;
}

/** The lines of a glance-dev file, or null when the folder or file is absent. */
export function readLabelled(file: string): Labelled[] | null {
  const path = join(GLANCE_DEV, file);
  if (!existsSync(path)) return null;
  const out: Labelled[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const gold: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (k.startsWith('gold_')) gold[k] = v;
    out.push({
      id: String(row.id),
      title: typeof row.title === 'string' ? row.title : undefined,
      abstract: typeof row.abstract === 'string' ? row.abstract : '',
      publication_types: Array.isArray(row.publication_types)
        ? (row.publication_types as string[])
        : undefined,
      gold,
    });
  }
  return out;
}

/** The two halves of a labelled file (even and odd lines), for tuning on one and checking on the other. */
export function halves<T>(rows: T[]): [T[], T[]] {
  return [rows.filter((_r, i) => i % 2 === 0), rows.filter((_r, i) => i % 2 === 1)];
}

/** Lower-case word and number tokens. */
export function tokens(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token F1 of a prediction against the gold text (bags of tokens); 0 for a missing prediction. */
export function tokenF1(predicted: string | null | undefined, gold: string): number {
  if (!predicted) return 0;
  const p = tokens(predicted);
  const g = tokens(gold);
  if (p.length === 0 || g.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      overlap++;
      counts.set(t, n - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / p.length;
  const recall = overlap / g.length;
  return (2 * precision * recall) / (precision + recall);
}

export interface ConclusionScore {
  n: number;
  /** Share of abstracts whose conclusion has token F1 ≥ 0.8. */
  atLeast08: number;
  meanF1: number;
}

export function scoreConclusions(pairs: Array<{ predicted: string | null; gold: string }>): ConclusionScore {
  const f1s = pairs.map((p) => tokenF1(p.predicted, p.gold));
  const n = f1s.length;
  return {
    n,
    atLeast08: n ? f1s.filter((f) => f >= 0.8).length / n : 0,
    meanF1: n ? f1s.reduce((a, b) => a + b, 0) / n : 0,
  };
}

export interface ClassScore {
  n: number;
  accuracy: number;
  /** Mean over the gold classes of each class's F1 (a class never predicted scores 0). */
  macroF1: number;
  perClass: Record<string, { n: number; precision: number; recall: number; f1: number }>;
}

export function scoreClasses(pairs: Array<{ predicted: string | null; gold: string }>): ClassScore {
  const n = pairs.length;
  const classes = [...new Set(pairs.map((p) => p.gold))].sort();
  const perClass: ClassScore['perClass'] = {};
  for (const c of classes) {
    const tp = pairs.filter((p) => p.gold === c && p.predicted === c).length;
    const fp = pairs.filter((p) => p.gold !== c && p.predicted === c).length;
    const fn = pairs.filter((p) => p.gold === c && p.predicted !== c).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { n: tp + fn, precision, recall, f1 };
  }
  const correct = pairs.filter((p) => p.predicted === p.gold).length;
  const f1s = Object.values(perClass).map((c) => c.f1);
  return {
    n,
    accuracy: n ? correct / n : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClass,
  };
}

export interface SampleScore {
  n: number;
  /** Share whose number equals the gold sample size. */
  exact: number;
  /** Share whose number is one of the gold's accepted numbers (enrolled, randomised, analysed). */
  any: number;
  /** Share with a number that is none of the accepted ones: worse than no number at all. */
  wrong: number;
  /** Share with no number. */
  none: number;
}

export function scoreSamples(
  pairs: Array<{ predicted: number | null; gold: number | null; goldAny?: number[] }>,
): SampleScore {
  const n = pairs.length;
  let exact = 0;
  let any = 0;
  let wrong = 0;
  let none = 0;
  for (const p of pairs) {
    const accepted = new Set([...(p.goldAny ?? []), ...(p.gold === null ? [] : [p.gold])]);
    if (p.predicted === null) none++;
    else {
      if (p.predicted === p.gold) exact++;
      if (accepted.has(p.predicted)) any++;
      else wrong++;
    }
  }
  return { n, exact: exact / n, any: any / n, wrong: wrong / n, none: none / n };
}

/* ---------------------------------------------------------------- naive baselines */

/** Conclusion baseline: the last sentence (split at a stop followed by a capital). */
export function lastSentence(text: string): string | null {
  const parts = text.trim().split(/(?<=[.!?])\s+(?=[A-Z])/);
  return parts[parts.length - 1] ?? null;
}

/** Study-type baseline: one keyword regex. */
export function keywordStudyType(text: string): string | null {
  const m =
    /\b(meta-analysis|systematic review|randomi[sz]ed|cohort|case-control|cross-sectional|case report|guideline|review|mice|rats)\b/i.exec(
      text,
    );
  if (!m) return null;
  const w = (m[1] as string).toLowerCase();
  if (w === 'meta-analysis') return 'meta-analysis';
  if (w === 'systematic review') return 'systematic review';
  if (w.startsWith('randomi')) return 'randomized controlled trial';
  if (w === 'cohort') return 'cohort study';
  if (w === 'case-control') return 'case-control study';
  if (w === 'cross-sectional') return 'cross-sectional study';
  if (w === 'case report') return 'case report';
  if (w === 'guideline') return 'guideline';
  if (w === 'review') return 'narrative review';
  return 'preclinical';
}

/** Sample-size baseline: the first integer before "patients|participants|subjects|…". */
export function firstCount(text: string): number | null {
  const m =
    /\b(\d[\d,]*)\s+(?:patients|participants|subjects|individuals|women|men|children|adults|volunteers)\b/i.exec(
      text,
    );
  return m ? Number((m[1] as string).replace(/,/g, '')) : null;
}
