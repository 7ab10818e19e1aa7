/**
 * Headings of structured abstracts, as journals spell them, and the role of each; and the
 * sections of an abstract whose headings survive inline in plain text ("BACKGROUND … METHODS …",
 * "Conclusions: …"). Spans refer to the original text, so every section text is a verbatim slice.
 */
import { type Span } from './sentences';
import type { SectionRole } from './types';

/** Lower-case heading words and phrases, each with its role. Longer phrases win over their prefixes. */
const HEADINGS: Record<string, SectionRole> = {
  background: 'background',
  backgrounds: 'background',
  introduction: 'background',
  context: 'background',
  rationale: 'background',
  importance: 'background',
  problem: 'background',
  'problem statement': 'background',
  'clinical question': 'objective',
  'research question': 'objective',
  'study question': 'objective',
  question: 'objective',
  hypothesis: 'objective',
  hypotheses: 'objective',
  objective: 'objective',
  objectives: 'objective',
  'study objective': 'objective',
  'study objectives': 'objective',
  aim: 'objective',
  aims: 'objective',
  'aim of the study': 'objective',
  'aims of the study': 'objective',
  purpose: 'objective',
  'purpose of the study': 'objective',
  goal: 'objective',
  goals: 'objective',
  design: 'methods',
  'study design': 'methods',
  'research design': 'methods',
  'experimental design': 'methods',
  'trial design': 'methods',
  'design and setting': 'methods',
  setting: 'methods',
  settings: 'methods',
  participants: 'methods',
  patients: 'methods',
  subjects: 'methods',
  population: 'methods',
  'study population': 'methods',
  sample: 'methods',
  animals: 'methods',
  intervention: 'methods',
  interventions: 'methods',
  method: 'methods',
  methods: 'methods',
  methodology: 'methods',
  'materials and methods': 'methods',
  'material and methods': 'methods',
  'patients and methods': 'methods',
  'subjects and methods': 'methods',
  'methods and materials': 'methods',
  materials: 'methods',
  material: 'methods',
  procedure: 'methods',
  procedures: 'methods',
  measurements: 'methods',
  measures: 'methods',
  'main outcome measure': 'methods',
  'main outcome measures': 'methods',
  'main outcomes and measures': 'methods',
  'main outcome and measures': 'methods',
  'outcome measure': 'methods',
  'outcome measures': 'methods',
  'primary outcome': 'methods',
  'primary outcomes': 'methods',
  'main outcome': 'methods',
  'main outcomes': 'methods',
  exposure: 'methods',
  exposures: 'methods',
  'data sources': 'methods',
  'data source': 'methods',
  'study selection': 'methods',
  'data extraction': 'methods',
  'data collection': 'methods',
  'data collection and analysis': 'methods',
  'search methods': 'methods',
  'search strategy': 'methods',
  'selection criteria': 'methods',
  'eligibility criteria': 'methods',
  'information sources': 'methods',
  'evidence acquisition': 'methods',
  'review methods': 'methods',
  'statistical analysis': 'methods',
  'statistical analyses': 'methods',
  analysis: 'methods',
  approach: 'methods',
  'case presentation': 'methods',
  'case report': 'methods',
  'case description': 'methods',
  'case summary': 'methods',
  case: 'methods',
  'patient concerns': 'methods',
  diagnosis: 'methods',
  diagnoses: 'methods',
  results: 'results',
  result: 'results',
  findings: 'results',
  'main results': 'results',
  'principal findings': 'results',
  'key results': 'results',
  'key findings': 'results',
  'main findings': 'results',
  outcomes: 'results',
  outcome: 'results',
  'data synthesis': 'results',
  'evidence synthesis': 'results',
  observations: 'results',
  conclusion: 'conclusions',
  conclusions: 'conclusions',
  'conclusions and relevance': 'conclusions',
  'conclusion and relevance': 'conclusions',
  "authors' conclusions": 'conclusions',
  'authors conclusions': 'conclusions',
  "author's conclusions": 'conclusions',
  interpretation: 'conclusions',
  interpretations: 'conclusions',
  implications: 'conclusions',
  'implications for practice': 'conclusions',
  'practice implications': 'conclusions',
  'clinical implications': 'conclusions',
  'clinical relevance': 'conclusions',
  'clinical significance': 'conclusions',
  significance: 'conclusions',
  discussion: 'conclusions',
  lessons: 'conclusions',
  applications: 'conclusions',
  'trial registration': 'registration',
  'trial registration number': 'registration',
  'clinical trial registration': 'registration',
  'clinical trials registration': 'registration',
  'clinical trial registration number': 'registration',
  registration: 'registration',
  'registration number': 'registration',
  'trial number': 'registration',
  'study number': 'registration',
  'trial registry': 'registration',
  'prospero registration': 'registration',
  'systematic review registration': 'registration',
  'clinical trial': 'registration',
  'clinicaltrials.gov identifier': 'registration',
  funding: 'funding',
  'funding source': 'funding',
  'funding sources': 'funding',
  'source of funding': 'funding',
  'sources of funding': 'funding',
  'primary funding source': 'funding',
  'study funding/competing interest(s)': 'funding',
  'study funding': 'funding',
  'competing interests': 'funding',
  size: 'methods',
  duration: 'methods',
  'participants/materials, setting, methods': 'methods',
  'evidence review': 'methods',
  'main results and the role of chance': 'results',
  'limitations, reasons for caution': 'other',
  'wider implications of the findings': 'conclusions',
  'level of evidence': 'other',
  'levels of evidence': 'other',
  'evidence level': 'other',
  limitations: 'other',
  limitation: 'other',
  keywords: 'other',
  'key words': 'other',
  unlabelled: 'other',
  summary: 'other',
  abstract: 'other',
};

/** Headings that carry no content of the abstract: dropped from the glance's reading. */
const TRAILER_ROLES = new Set<SectionRole>(['registration', 'funding']);

/** Lower case, single spaces, `&` as "and", no trailing colon or stop. */
export function normaliseHeading(label: string): string {
  return label
    .replace(/\s+/g, ' ')
    .replace(/\s*&\s*/g, ' and ')
    .replace(/[\s:.\-\u2013\u2014]+$/, '')
    .trim()
    .toLowerCase();
}

/** The role of a heading, composite headings ("Design, Setting, and Participants") included; null if unknown. */
export function headingRole(label: string): SectionRole | null {
  const key = normaliseHeading(label);
  if (!key || key.length > 80) return null;
  const whole = HEADINGS[key];
  if (whole) return whole;
  const parts = key
    .split(/\s*[/,]\s*(?:and\s+)?|\s+and\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.length > 5) return null;
  const roles: SectionRole[] = [];
  for (const p of parts) {
    const r = HEADINGS[p];
    if (!r) return null;
    roles.push(r);
  }
  if (roles.includes('conclusions')) return 'conclusions';
  return roles[0] ?? null;
}

export function isTrailerRole(role: SectionRole): boolean {
  return TRAILER_ROLES.has(role);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Heading phrases, longest first, as one alternation ("main outcomes and measures" before "main outcomes"). */
const KEYS = Object.keys(HEADINGS)
  .filter((k) => k !== 'abstract' && k !== 'summary' && k !== 'case' && k !== 'analysis')
  .sort((a, b) => b.length - a.length);
const pattern = (keys: string[]): string =>
  keys.map((k) => escape(k).replace(/ /g, String.raw`\s`)).join('|');
const LOWER = pattern(KEYS);
const UPPER = pattern(KEYS.map((k) => k.toUpperCase()));
const joined = (alt: string, and: string): string =>
  String.raw`(?:${alt})(?:(?:\s?[/&]\s?|,\s(?:${and}\s)?|\s${and}\s)(?:${alt})){0,4}`;

/**
 * Inline headings in capitals, with or without a colon: `PURPOSE To evaluate`, `RESULTS: Of 53`.
 * Case-sensitive: the heading must be written in capitals, and what follows it must start like a
 * sentence. The alternation is of fixed phrases, so matching cannot backtrack badly.
 */
const CAPS_HEADING = new RegExp(
  String.raw`(^|[.!?)\]%]\s{1,4}|\n\s{0,4})(${joined(UPPER, 'AND')})(\s{0,2}[:.\u2013\u2014-]\s{0,3}|\s{1,3})(?=[A-Z0-9(\u00c0-\u00de"'[])`,
  'g',
);

/** Inline headings in any case followed by a colon (or a dash): `Background: …`, `Methods and Sample: …`. */
const COLON_HEADING = new RegExp(
  String.raw`(^|[.!?)\]%]\s{1,4}|\n\s{0,4})(${joined(LOWER, 'and')})(\s{0,2}(?::|\s[\u2013\u2014-])\s{0,3})(?=\S)`,
  'gi',
);

export interface InlineHeading {
  /** Where the heading label starts and where its section's text starts. */
  start: number;
  textStart: number;
  label: string;
  role: SectionRole;
}

/** Inline headings of text[0, to), in order. */
export function inlineHeadings(text: string, to = text.length): InlineHeading[] {
  const scan = to < text.length ? text.slice(0, to) : text;
  const found = new Map<number, InlineHeading>();
  for (const re of [CAPS_HEADING, COLON_HEADING]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(scan)) !== null && guard++ < 500) {
      const lead = m[1] ?? '';
      const label = m[2] ?? '';
      const sep = m[3] ?? '';
      const start = m.index + lead.length;
      const role = headingRole(label);
      if (role && !found.has(start)) {
        // A capitalised heading with no colon must be all capitals (not "Patients were …").
        if (re === COLON_HEADING || label === label.toUpperCase())
          found.set(start, { start, textStart: start + label.length + sep.length, label, role });
      }
      // Let the next search start inside the separator, so back-to-back headings are seen.
      re.lastIndex = Math.max(m.index + 1, start + label.length);
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

export interface TextSection extends Span {
  label: string | null;
  role: SectionRole;
}

/**
 * Sections of a plain-text abstract from its inline headings; one unlabelled section when there are
 * fewer than two headings (a lone "Conclusion:" still counts: it marks the conclusion).
 */
export function textSections(text: string, to = text.length): TextSection[] {
  const heads = inlineHeadings(text, to).filter((h) => h.textStart < to);
  if (heads.length === 0) return [{ start: 0, end: to, label: null, role: 'other' }];
  const out: TextSection[] = [];
  const first = heads[0] as InlineHeading;
  if (first.start > 0 && text.slice(0, first.start).trim()) {
    let end = first.start;
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    out.push({ start: 0, end, label: null, role: 'other' });
  }
  heads.forEach((h, i) => {
    let end = heads[i + 1]?.start ?? to;
    while (end > h.textStart && /\s/.test(text[end - 1] ?? '')) end--;
    out.push({ start: h.textStart, end, label: h.label.trim(), role: h.role });
  });
  return out.filter((s) => s.end > s.start);
}
