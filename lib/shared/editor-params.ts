/**
 * What the summary editor is told about its paper, carried in its URL fragment (never sent
 * anywhere): what the page and the glance knew. Everything in it came from a web page, so it is
 * read back as plain text, each value checked and cut to its size, and never saved as a summary
 * unless the writer keeps it in the form.
 */
import type { Glance } from './glance/types';
import type { PageHints } from './identify/hints';
import { MAX_CONCEPT, MAX_CONCEPTS, MAX_ID, MAX_SHORT_ID, MAX_TITLE, MAX_URL } from './limits';
import type { PaperSighting } from './model';
import { emptyForm, type SummaryForm } from './summaries/form';
import { normaliseStudyType, type StudyType } from './summaries/schema';

/** A passage of the abstract offered to the writer as a starting point. */
export interface Offer {
  text: string;
  /** The words of the page it rests on. */
  evidence?: string;
}

export interface SummaryPrefill {
  doi?: string;
  pmid?: string;
  pmcid?: string;
  title?: string;
  journal?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD as the page's citation metadata gives it. */
  published?: string;
  url?: string;
  /** The page's own publication types, and the study type they map to. */
  publicationTypes?: string[];
  pageStudyType?: StudyType;
  /** The glance's study type and the words it rests on. */
  glanceStudyType?: StudyType;
  glanceStudyEvidence?: string;
  /** MeSH terms and keywords. */
  concepts?: string[];
  /** The glance's conclusion (verbatim from the abstract) and caveats. */
  conclusion?: string;
  caveats?: Offer[];
}

/** Largest passage carried: a conclusion is a few sentences. */
const MAX_PASSAGE = 2000;
const MAX_OFFERS = 20;

/** What the panel knows, as the editor's prefill. */
export function prefillOf(
  sighting: PaperSighting,
  hints: PageHints | null,
  glance: Glance | null,
  published: string | null,
): SummaryPrefill {
  const p: SummaryPrefill = {};
  for (const k of ['doi', 'pmid', 'pmcid', 'title', 'journal', 'url'] as const)
    if (sighting[k]) p[k] = sighting[k];
  if (published) p.published = published;
  if (hints?.publicationTypes.length) p.publicationTypes = hints.publicationTypes;
  if (hints?.studyType) p.pageStudyType = hints.studyType;
  if (glance?.study_type) {
    p.glanceStudyType = glance.study_type;
    if (glance.study_type_evidence) p.glanceStudyEvidence = glance.study_type_evidence;
  }
  const concepts = glance?.concepts.length ? glance.concepts : (sighting.concepts ?? []);
  if (concepts.length) p.concepts = concepts;
  if (glance?.conclusion) p.conclusion = glance.conclusion;
  if (glance?.caveats.length) p.caveats = glance.caveats.map((c) => ({ text: c.text, evidence: c.evidence }));
  return p;
}

export function editorParams(p: SummaryPrefill): string {
  return `#${new URLSearchParams({ paper: JSON.stringify(p) }).toString()}`;
}

function text(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : undefined;
}

function texts(v: unknown, max: number, most: number): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v
    .map((x) => text(x, max))
    .filter((x): x is string => !!x)
    .slice(0, most);
  return out.length ? out : undefined;
}

function studyType(v: unknown): StudyType | undefined {
  const t = text(v, 80);
  return t ? (normaliseStudyType(t) ?? undefined) : undefined;
}

/** Read a fragment back; anything malformed is left out. */
export function parseEditorParams(hash: string): SummaryPrefill {
  let raw: unknown;
  try {
    raw = JSON.parse(new URLSearchParams(hash.replace(/^#/, '')).get('paper') ?? '{}');
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const r = raw as Record<string, unknown>;
  const p: SummaryPrefill = {};
  const set = <K extends keyof SummaryPrefill>(k: K, v: SummaryPrefill[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  set('doi', text(r.doi, MAX_ID));
  set('pmid', text(r.pmid, MAX_SHORT_ID));
  set('pmcid', text(r.pmcid, MAX_SHORT_ID));
  set('title', text(r.title, MAX_TITLE));
  set('journal', text(r.journal, MAX_TITLE));
  set('published', text(r.published, 10));
  const url = text(r.url, MAX_URL);
  if (url && /^https:\/\//i.test(url)) p.url = url;
  set('publicationTypes', texts(r.publicationTypes, 80, 20));
  set('pageStudyType', studyType(r.pageStudyType));
  set('glanceStudyType', studyType(r.glanceStudyType));
  set('glanceStudyEvidence', text(r.glanceStudyEvidence, MAX_PASSAGE));
  set('concepts', texts(r.concepts, MAX_CONCEPT, MAX_CONCEPTS));
  set('conclusion', text(r.conclusion, MAX_PASSAGE));
  if (Array.isArray(r.caveats)) {
    const offers: Offer[] = [];
    for (const c of r.caveats.slice(0, MAX_OFFERS)) {
      if (!c || typeof c !== 'object') continue;
      const t = text((c as Record<string, unknown>).text, MAX_PASSAGE);
      const e = text((c as Record<string, unknown>).evidence, MAX_PASSAGE);
      if (t) offers.push(e ? { text: t, evidence: e } : { text: t });
    }
    if (offers.length) p.caveats = offers;
  }
  return p;
}

/** Where the prefilled study type came from, for the line under the field. */
export type StudyTypeFrom = { from: 'publication type'; words: string } | { from: 'abstract'; words: string };

/**
 * The editor's first inputs for a paper: identifiers, title, journal, date, study type (the page's
 * publication type first, then the glance) and concepts. The takeaway and caveats stay empty:
 * the glance's are offered separately, for the writer to take and confirm.
 */
export function prefillForm(
  p: SummaryPrefill,
  today: string,
): { form: SummaryForm; studyTypeFrom: StudyTypeFrom | null } {
  const form = emptyForm();
  for (const k of ['doi', 'pmid', 'pmcid', 'title', 'journal', 'published'] as const) form[k] = p[k] ?? '';
  let studyTypeFrom: StudyTypeFrom | null = null;
  if (p.pageStudyType) {
    form.study_type = p.pageStudyType;
    studyTypeFrom = { from: 'publication type', words: (p.publicationTypes ?? []).join(', ') };
  } else if (p.glanceStudyType) {
    form.study_type = p.glanceStudyType;
    studyTypeFrom = { from: 'abstract', words: p.glanceStudyEvidence ?? '' };
  }
  form.concepts = (p.concepts ?? []).join('\n');
  form.updated = today;
  return { form, studyTypeFrom };
}
