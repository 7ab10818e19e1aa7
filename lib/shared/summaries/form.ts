/**
 * The summary editor's model: one text per field of the summary format, turned into the fields an
 * editor's file would hold and checked by the build's own validator (./validate), so the editor
 * shows exactly the errors and warnings `npm run build` would give, beside the field they name.
 * Pure: the editor page, its tests and the exports use it alike.
 */
import type { Summary } from './schema';
import { validateRecord, type Issue } from './validate';

/** Every input of the editor. Lists are one item per line; `source` is three inputs. */
export interface SummaryForm {
  doi: string;
  pmid: string;
  pmcid: string;
  title: string;
  journal: string;
  published: string;
  study_type: string;
  /** '' = derived from the study type. */
  evidence_level: string;
  key_takeaway: string;
  caveats: string;
  key_findings: string;
  practice_relevance: string;
  /** One concept per line, optionally with its MeSH id in brackets: `heart failure [D006333]`. */
  concepts: string;
  source_name: string;
  source_url: string;
  source_review: string;
  updated: string;
  body: string;
}

export type FormField = keyof SummaryForm;

export function emptyForm(): SummaryForm {
  return {
    doi: '',
    pmid: '',
    pmcid: '',
    title: '',
    journal: '',
    published: '',
    study_type: '',
    evidence_level: '',
    key_takeaway: '',
    caveats: '',
    key_findings: '',
    practice_relevance: '',
    concepts: '',
    source_name: '',
    source_url: '',
    source_review: '',
    updated: '',
    body: '',
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

const CONCEPT_LINE = /^(.*?)\s*\[([^\]]*)\]$/;

/** The fields a Markdown file would hold for this form: empty inputs are absent fields. */
export function formFields(form: SummaryForm): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const text = (k: FormField) => form[k].trim();
  for (const k of ['doi', 'pmid', 'pmcid', 'title', 'journal', 'published', 'study_type'] as const)
    if (text(k)) f[k] = text(k);
  if (text('evidence_level')) f.evidence_level = Number(text('evidence_level'));
  if (text('key_takeaway')) f.key_takeaway = text('key_takeaway');
  if (lines(form.caveats).length) f.caveats = lines(form.caveats);
  if (lines(form.key_findings).length) f.key_findings = lines(form.key_findings);
  if (text('practice_relevance')) f.practice_relevance = text('practice_relevance');
  const concepts = lines(form.concepts).map((l) => {
    const m = CONCEPT_LINE.exec(l);
    return m && m[1] ? { name: m[1], mesh: (m[2] ?? '').trim() } : l;
  });
  if (concepts.length) f.concepts = concepts;
  const source: Record<string, string> = {};
  if (text('source_name')) source.name = text('source_name');
  if (text('source_url')) source.url = text('source_url');
  if (text('source_review')) source.review = text('source_review');
  if (Object.keys(source).length) f.source = source;
  if (text('updated')) f.updated = text('updated');
  if (form.body.trim()) f.body = form.body.trim();
  return f;
}

/** A saved summary back in the editor's inputs. */
export function summaryForm(s: Summary): SummaryForm {
  return {
    doi: s.doi ?? '',
    pmid: s.pmid ?? '',
    pmcid: s.pmcid ?? '',
    title: s.title ?? '',
    journal: s.journal ?? '',
    published: s.published ?? '',
    study_type: s.study_type,
    evidence_level: s.level_derived ? '' : String(s.evidence_level),
    key_takeaway: s.key_takeaway,
    caveats: s.caveats.join('\n'),
    key_findings: s.key_findings.join('\n'),
    practice_relevance: s.practice_relevance ?? '',
    concepts: s.concepts.map((c) => (c.mesh ? `${c.name} [${c.mesh}]` : c.name)).join('\n'),
    source_name: s.source?.name ?? '',
    source_url: s.source?.url ?? '',
    source_review: s.source?.review ?? '',
    updated: s.updated ?? '',
    body: s.body ?? '',
  };
}

export interface FormCheck {
  /** The summary the build would accept, or null while any error remains. */
  summary: Summary | null;
  /** The validator's issues under the summary field they name (`source`, `doi`, …). */
  byField: Record<string, Issue[]>;
  /** Issues that name no field (a summary with no identifier at all). */
  general: Issue[];
  errors: number;
  warnings: number;
}

/** Check the form with the build's validator, field by field. */
export function checkForm(form: SummaryForm, path = 'summary'): FormCheck {
  const { summary, issues } = validateRecord({ path, line: 1, fields: formFields(form) });
  const byField: Record<string, Issue[]> = {};
  const general: Issue[] = [];
  for (const i of issues) {
    if (i.field) (byField[i.field] ??= []).push(i);
    else general.push(i);
  }
  return {
    summary,
    byField,
    general,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}
