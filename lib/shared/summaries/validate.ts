import { normaliseTitle } from './keys';
import {
  DEFAULT_LEVEL,
  normaliseStudyType,
  SUMMARY_FIELDS,
  type Concept,
  type EvidenceLevel,
  type StudyType,
  type Summary,
  type SummarySource,
} from './schema';

/** One problem in an editor's file: where it is and what to do about it. */
export interface Issue {
  severity: 'error' | 'warning';
  path: string;
  line: number;
  field?: string;
  message: string;
}

export function formatIssue(i: Issue): string {
  return `${i.path}:${i.line}: ${i.severity}${i.field ? ` [${i.field}]` : ''}: ${i.message}`;
}

/** Where a raw record came from, and the line of each field within it (for messages). */
export interface RawRecord {
  path: string;
  line: number;
  fields: Record<string, unknown>;
  body?: string;
  lineOf?: (field: string) => number | undefined;
}

const DOI_RE = /^10\.\d{4,9}\/[^\s]+$/;
const PMID_RE = /^[1-9]\d{0,8}$/;
const PMCID_RE = /^PMC\d{1,9}$/;
const DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const MAX_TEXT = 4000;
const MAX_BODY = 50_000;

const KNOWN_FIELDS = new Set<string>(SUMMARY_FIELDS);

/** Cheap test before the link pattern: almost no text has anything that could be a link. */
function mayHoldLink(text: string): boolean {
  return (
    text.includes('](') ||
    text.includes('<') ||
    text.includes('://') ||
    text.includes('script:') ||
    text.includes('data:')
  );
}

const MAX_CONCEPTS = 30;
const MAX_LIST = 20;
const MESH_RE = /^[A-Z]\d{6,9}$/;

/**
 * Links written in text fields: Markdown links, autolinks and bare URLs. Only `https:` may reach a
 * reader; the overlay renders text, but a reader may still copy or follow what an editor wrote.
 */
const LINK_RE =
  /\]\(\s*<?([^)\s>]+)|<([a-z][a-z0-9+.-]*:[^>\s]+)>|\b((?:javascript|vbscript):[^\s)>\]]+|data:[a-z]+\/[^\s)>\]]*|(?:https?|ftp|file):\/\/[^\s)>\]]+)/gi;

interface Contradiction {
  /** Study types the rule applies to. */
  labels: readonly StudyType[];
  /** Text that contradicts the label. */
  pattern: RegExp;
  severity: Issue['severity'];
  advice: string;
}

/**
 * A label that claims a stronger method than the text describes misleads the reader about the
 * strength of the evidence: an error. Text that only sounds weaker or stronger than the label (it
 * may be describing other studies) is a judgement call: a warning.
 */
const CONTRADICTIONS: readonly Contradiction[] = [
  {
    labels: ['systematic review', 'meta-analysis'],
    pattern:
      /\b(?:this|the present|our|is an?|a)\s+(?:narrative|scoping|literature|non-systematic)\s+review\b/i,
    severity: 'error',
    advice: 'use "narrative review" (level 5) or correct the text',
  },
  {
    labels: ['systematic review', 'meta-analysis'],
    pattern:
      /\b(?:no|without|absence of|lack of)\s+(?:a\s+)?systematic\s+(?:literature\s+)?search\b|\bnot\s+a\s+systematic\s+review\b/i,
    severity: 'error',
    advice: 'use "narrative review" (level 5) or correct the text',
  },
  {
    labels: ['meta-analysis'],
    pattern: /\b(?:no|without)\s+(?:pooled|pooling|meta-analy[sz](?:is|ed))\b|\bdid\s+not\s+pool\b/i,
    severity: 'error',
    advice: 'a review that pools nothing is a "systematic review", not a "meta-analysis"',
  },
  {
    labels: ['randomized controlled trial'],
    pattern: /\b(?:non-?randomi[sz]ed|not\s+randomi[sz]ed|observational|retrospective)\b/i,
    severity: 'warning',
    advice: 'check the study type: the text describes a non-randomised design',
  },
  {
    labels: ['narrative review', 'expert opinion'],
    pattern: /\b(?:this|the present|our)\s+(?:systematic\s+review|meta-analysis)\b/i,
    severity: 'warning',
    advice: 'check the study type: the text describes a systematic method',
  },
];

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

function strList(v: unknown): string[] | null {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v.trim()].filter(Boolean);
  if (!Array.isArray(v)) return null;
  const out: string[] = [];
  for (const item of v) {
    const s = str(item);
    if (s === undefined) return null;
    out.push(s);
  }
  return out;
}

/** A link is shown to readers: only `https:` may pass. */
export function isSafeUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Check one raw record and turn it into a Summary. Errors mean the record must not ship; warnings
 * are judgement calls an editor should look at.
 */
export function validateRecord(rec: RawRecord): { summary: Summary | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const f = rec.fields;
  const at = (field: string) => rec.lineOf?.(field) ?? rec.line;
  const error = (field: string | undefined, message: string) =>
    issues.push({ severity: 'error', path: rec.path, line: field ? at(field) : rec.line, field, message });
  const warn = (field: string | undefined, message: string) =>
    issues.push({ severity: 'warning', path: rec.path, line: field ? at(field) : rec.line, field, message });

  for (const k of Object.keys(f)) if (!KNOWN_FIELDS.has(k)) warn(k, `unknown field "${k}" is ignored`);

  let doi = str(f.doi);
  if (doi !== undefined) {
    doi = doi.replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '');
    if (!DOI_RE.test(doi)) error('doi', `"${doi}" is not a DOI (expected 10.NNNN/suffix)`);
  }
  const pmid = str(f.pmid);
  if (pmid !== undefined && !PMID_RE.test(pmid)) error('pmid', `"${pmid}" is not a PubMed id (digits only)`);
  let pmcid = str(f.pmcid);
  if (pmcid !== undefined) {
    pmcid = /^\d+$/.test(pmcid) ? `PMC${pmcid}` : pmcid.toUpperCase();
    if (!PMCID_RE.test(pmcid)) error('pmcid', `"${pmcid}" is not a PMC id (PMC followed by digits)`);
  }
  const title = str(f.title);
  if (!doi && !pmid && !pmcid && !title) error(undefined, 'needs at least one of doi, pmid, pmcid or title');
  else if (!doi && !pmid && !pmcid && title && normaliseTitle(title).split(' ').length < 4)
    error(
      'title',
      'a title of fewer than four words is too ambiguous to find the paper by: add a doi, pmid or pmcid',
    );

  const published = str(f.published);
  if (published !== undefined && !DATE_RE.test(published))
    error('published', `"${published}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
  const updated = str(f.updated);
  if (updated !== undefined && !DATE_RE.test(updated))
    error('updated', `"${updated}" is not YYYY, YYYY-MM or YYYY-MM-DD`);

  const rawType = str(f.study_type);
  const studyType = rawType ? normaliseStudyType(rawType) : null;
  if (!rawType) error('study_type', 'study_type is required');
  else if (!studyType) error('study_type', `unknown study type "${rawType}"`);

  let level: EvidenceLevel | undefined;
  let levelDerived = false;
  if (f.evidence_level !== undefined && f.evidence_level !== null) {
    const n = Number(f.evidence_level);
    if (!Number.isInteger(n) || n < 1 || n > 5)
      error('evidence_level', `evidence_level must be 1 to 5, got "${String(f.evidence_level)}"`);
    else level = n as EvidenceLevel;
  }
  if (studyType) {
    const expected = DEFAULT_LEVEL[studyType];
    if (level === undefined) {
      level = expected;
      levelDerived = true;
    } else if (expected - level >= 2) {
      error(
        'evidence_level',
        `level ${level} claims much stronger evidence than a ${studyType} (level ${expected}) provides`,
      );
    } else if (level !== expected) {
      warn(
        'evidence_level',
        `level ${level} for a ${studyType} (usually level ${expected}): check it is intended`,
      );
    }
  }

  const takeaway = str(f.key_takeaway);
  if (!takeaway) error('key_takeaway', 'key_takeaway is required and must not be empty');
  else if (takeaway.length > 600)
    warn('key_takeaway', 'key_takeaway is long: one or two sentences read best');

  const caveats = strList(f.caveats);
  if (!caveats) error('caveats', 'caveats must be a list of short sentences');
  else if (caveats.length > MAX_LIST)
    error('caveats', `caveats has ${caveats.length} items; at most ${MAX_LIST}`);
  const findings = strList(f.key_findings);
  if (!findings) error('key_findings', 'key_findings must be a list of short sentences');
  else if (findings.length > MAX_LIST)
    error('key_findings', `key_findings has ${findings.length} items; at most ${MAX_LIST}`);
  const relevance = str(f.practice_relevance);

  const concepts: Concept[] = [];
  if (f.concepts !== undefined && f.concepts !== null) {
    if (!Array.isArray(f.concepts)) error('concepts', 'concepts must be a list');
    else {
      const seen = new Set<string>();
      for (const c of f.concepts) {
        let concept: Concept | null = null;
        if (typeof c === 'string' && c.trim()) concept = { name: c.trim() };
        else if (
          c &&
          typeof c === 'object' &&
          typeof (c as Concept).name === 'string' &&
          (c as Concept).name.trim()
        ) {
          const mesh = str((c as Concept).mesh);
          if (mesh && !MESH_RE.test(mesh))
            warn('concepts', `"${mesh}" does not look like a MeSH id (e.g. D001859)`);
          concept = { name: (c as Concept).name.trim(), ...(mesh ? { mesh } : {}) };
        } else error('concepts', 'each concept is a name or {name, mesh}');
        if (!concept) continue;
        if (concept.name.length > 120)
          error('concepts', `concept "${concept.name.slice(0, 40)}…" is longer than 120 characters`);
        const key = concept.name.toLowerCase().replace(/\s+/g, ' ');
        if (seen.has(key))
          warn('concepts', `concept "${concept.name}" is listed twice; the repeat is ignored`);
        else {
          seen.add(key);
          concepts.push(concept);
        }
      }
      if (concepts.length > MAX_CONCEPTS)
        error(
          'concepts',
          `${concepts.length} concepts; at most ${MAX_CONCEPTS} (list the topics that matter)`,
        );
    }
  }

  let source: SummarySource | undefined;
  if (f.source !== undefined && f.source !== null) {
    if (typeof f.source !== 'object' || Array.isArray(f.source))
      error('source', 'source must have name, url and review');
    else {
      const s = f.source as Record<string, unknown>;
      source = {};
      const name = str(s.name);
      const url = str(s.url);
      const review = str(s.review);
      if (name) source.name = name;
      if (review) source.review = review;
      if (url) {
        if (isSafeUrl(url)) source.url = url;
        else error('source', `source.url "${url}" is not an https: link`);
      }
    }
  }

  const body = typeof f.body === 'string' ? f.body : rec.body;
  for (const [field, text, max] of [
    ['key_takeaway', takeaway, MAX_TEXT],
    ['practice_relevance', relevance, MAX_TEXT],
    ['body', body, MAX_BODY],
  ] as const) {
    if (text && text.length > max) error(field, `${field} is longer than ${max} characters`);
  }

  const texts: Array<[string, string | undefined]> = [
    ['key_takeaway', takeaway],
    ['practice_relevance', relevance],
    ['body', body],
    ['source', source?.review],
  ];
  for (const c of caveats ?? []) texts.push(['caveats', c]);
  for (const c of findings ?? []) texts.push(['key_findings', c]);
  for (const [field, text] of texts) {
    if (!text || !mayHoldLink(text)) continue;
    for (const m of text.matchAll(LINK_RE)) {
      const url = (m[1] ?? m[2] ?? m[3] ?? '').replace(/[.,;]+$/, '');
      if (url && /^[a-z][a-z0-9+.-]*:/i.test(url) && !isSafeUrl(url))
        error(field, `unsafe link "${url.slice(0, 80)}": only https: links may be shown to readers`);
    }
  }

  if (studyType) {
    const text = [takeaway, body, relevance, ...(caveats ?? []), ...(findings ?? [])]
      .filter(Boolean)
      .join('\n');
    for (const rule of CONTRADICTIONS) {
      if (!rule.labels.includes(studyType)) continue;
      const m = rule.pattern.exec(text);
      if (!m) continue;
      const label = level !== undefined ? `"${studyType}, level ${level}"` : `"${studyType}"`;
      const message = `labelled ${label} but the text says "${m[0]}": ${rule.advice}`;
      if (rule.severity === 'error') error('study_type', message);
      else warn('study_type', message);
      // One contradiction is enough to send the editor back to the label.
      break;
    }
  }

  if (issues.some((i) => i.severity === 'error') || !studyType || !level || !takeaway) {
    return { summary: null, issues };
  }
  // Assigned field by field (absent ones left out) in the contract's order, which is also the order
  // of the stored JSON: faster than spreading a dozen optional objects, a million times over.
  const out: Record<string, unknown> = {};
  if (doi) out.doi = doi;
  if (pmid) out.pmid = pmid;
  if (pmcid) out.pmcid = pmcid;
  if (title) out.title = title;
  const journal = str(f.journal);
  if (journal) out.journal = journal;
  if (published) out.published = published;
  out.study_type = studyType;
  out.evidence_level = level;
  if (levelDerived) out.level_derived = true;
  out.key_takeaway = takeaway;
  out.caveats = caveats ?? [];
  out.key_findings = findings ?? [];
  if (relevance) out.practice_relevance = relevance;
  out.concepts = concepts;
  if (source) out.source = source;
  if (updated) out.updated = updated;
  const trimmedBody = body?.trim();
  if (trimmedBody) out.body = trimmedBody;
  const summary = out as unknown as Summary;
  return { summary, issues };
}
