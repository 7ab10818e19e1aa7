/**
 * glance(): the automatic reading of one abstract. Every value it returns is a verbatim piece of
 * its input (abstract, title, a publication type, the address's host) or null; the only text of
 * its own is the reviewed caveat list (caveats.ts). When unsure, a field is null.
 */
import type { StudyType } from '../summaries/schema';
import { caveat, SHORT_FOLLOW_UP_DAYS, SMALL_SAMPLE, type CaveatId } from './caveats';
import { findConclusion } from './conclusion';
import {
  designSignals,
  find,
  fromPublicationTypes,
  OBSERVATIONAL_TYPES,
  SECONDARY_TYPES,
  studyTypeFromText,
  TRIAL_TYPES,
} from './design';
import { followUp, sampleSize } from './sample';
import { MAX_TEXT } from './sentences';
import type { AbstractSection, Caveat, Glance, GlanceInput } from './types';

/** Preprint servers, by the host of the page's address. */
const PREPRINT_HOSTS = [
  'medrxiv.org',
  'biorxiv.org',
  'arxiv.org',
  'ssrn.com',
  'researchsquare.com',
  'preprints.org',
];

const MAX_TITLE = 1000;
const MAX_LIST = 100;
const MAX_ITEM = 200;

function host(url: string | undefined): string | null {
  if (!url || url.length > 4096) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Strings only, each capped, at most MAX_LIST of them. */
function strings(xs: readonly unknown[] | undefined): string[] {
  if (!Array.isArray(xs)) return [];
  return xs
    .slice(0, MAX_LIST)
    .filter((x): x is string => typeof x === 'string' && x.trim().length > 0)
    .map((x) => x.slice(0, MAX_ITEM));
}

/** Surrogate markers named as what the study measured. */
const SURROGATE =
  /\b(?:surrogate (?:marker|end ?point|outcome)s?|HbA1c|h(?:a)?emoglobin A1c|glycated h(?:a)?emoglobin|LDL(?:-C| cholesterol)?|total cholesterol|blood pressure|bone (?:mineral )?density|BMD|viral load|CD4(?:\+)? (?:cell )?counts?|tumou?r (?:response|size|shrinkage)|objective response rate|intraocular pressure|FEV1|C-reactive protein|biomarkers?|serum (?:\w+ )?levels?|plasma (?:\w+ )?(?:levels?|concentrations?)|carotid intima-media thickness)\b/i;
/** Where the abstract names what it measured. */
const OUTCOME_PLACE =
  /\b(?:primary|main|principal) (?:efficacy )?(?:outcome|end ?point)s?(?: measures?)?\b[^.]{0,160}|\b(?:outcome|end ?point)s? (?:was|were|included)\b[^.]{0,160}/i;
const COMPOSITE =
  /\bcomposite (?:primary |secondary )?(?:outcome|end ?point)s?\b|\bcombined (?:primary )?(?:outcome|end ?point)\b|\bmajor adverse (?:cardiac|cardiovascular)(?: and cerebrovascular)? events\b|\bMACCE?\b/i;
const HUMAN_STUDY =
  /\b(?:patients?|participants|volunteers|women|men|children|adults|infants|humans?|persons|people|individuals|clinical trial)\b/i;

function surrogateEvidence(text: string, sections: AbstractSection[] | undefined): string | null {
  const outcomes = sections?.find((s) => s.label && /outcome|measure|end ?point/i.test(s.label));
  if (outcomes) {
    const hit = find(SURROGATE, outcomes.text);
    if (hit) return hit.words;
  }
  const place = find(OUTCOME_PLACE, text);
  if (place) {
    const hit = find(SURROGATE, place.words);
    if (hit) return hit.words;
  }
  const named = find(/\bsurrogate (?:marker|end ?point|outcome)s?\b/i, text);
  return named?.words ?? null;
}

/** The automatic reading of an abstract. Never throws on any input of the declared shape. */
export function glance(input: GlanceInput): Glance {
  const text = typeof input.abstract === 'string' ? input.abstract.slice(0, MAX_TEXT) : '';
  const title = typeof input.title === 'string' ? input.title.slice(0, MAX_TITLE) : '';
  const types = strings(input.publicationTypes);
  const sections = Array.isArray(input.sections) ? input.sections.slice(0, 40) : undefined;
  const pageHost = host(input.url);

  // Study type: the listed publication type where it settles the design, else the text.
  const fromText = text || title ? studyTypeFromText(title, text) : null;
  const pt = fromPublicationTypes(types);
  let study_type: StudyType | null = null;
  let study_type_from: Glance['study_type_from'] = null;
  let study_type_evidence: string | null = null;
  const byText = (): void => {
    if (!fromText) return;
    study_type = fromText.type;
    study_type_from = 'abstract';
    study_type_evidence = fromText.evidence;
  };
  const byType = (t: StudyType): void => {
    study_type = t;
    study_type_from = 'publication type';
    study_type_evidence = pt!.type;
  };
  if (pt) {
    const v = pt.verdict;
    const textType = fromText?.type ?? null;
    if (v === 'trial') {
      // "Clinical Trial" says a trial; whether it was randomised, the text says.
      if (/randomi[sz]ed/i.test(pt.type)) byType('randomized controlled trial');
      else if (textType === 'randomized controlled trial') byText();
      else byType('non-randomized controlled trial');
    } else if (v === 'observational') {
      if (textType && OBSERVATIONAL_TYPES.has(textType)) byText();
      else byType('cohort study');
    } else if (v === 'narrative review') {
      // PubMed lists many systematic reviews as "Review": the text's search settles it.
      if (textType === 'systematic review' || textType === 'meta-analysis') byText();
      else byType('narrative review');
    } else if (
      v === 'expert opinion' &&
      textType &&
      textType !== 'narrative review' &&
      textType !== 'expert opinion'
    ) {
      byText();
    } else byType(v);
  } else byText();
  const type = study_type as StudyType | null;

  const secondary = type !== null && SECONDARY_TYPES.has(type);
  const { signals, evidence: design_evidence } = designSignals(title, text, secondary);
  if (pageHost) {
    const server = PREPRINT_HOSTS.find((h) => pageHost === h || pageHost.endsWith(`.${h}`));
    if (server) {
      signals.push('preprint');
      design_evidence.preprint = server;
    }
  }

  const primary = type === null || !SECONDARY_TYPES.has(type);
  const sample = primary && type !== 'case report' ? sampleSize(text) : null;
  const follow = primary && type !== 'case report' ? followUp(text) : null;
  const conclusion = findConclusion(text, sections, title);

  const caveats: Caveat[] = [];
  const add = (id: CaveatId, evidence: string | null | undefined): void => {
    if (evidence && !caveats.some((c) => c.id === id)) caveats.push(caveat(id, evidence));
  };
  const retracted = types.find((t) => /^retracted publication$/i.test(t.trim()));
  if (retracted) add('retracted', retracted);
  else {
    const m = /^\s*\[?(?:retracted|retraction)\b\]?(?=[\s:.])/i.exec(title);
    if (m) add('retracted', m[0].trim());
  }
  add(
    'expression-of-concern',
    types.find((t) => /expression of concern/i.test(t)),
  );
  add(
    'erratum',
    types.find((t) =>
      /^(?:published erratum|erratum|correction|corrected and republished article)$/i.test(t.trim()),
    ),
  );
  if (signals.includes('preprint')) add('preprint', design_evidence.preprint);
  else
    add(
      'preprint',
      types.find((t) => /^preprint$/i.test(t.trim())),
    );
  if (type && OBSERVATIONAL_TYPES.has(type)) add('observational', study_type_evidence);
  const countable = type === null || TRIAL_TYPES.has(type) || OBSERVATIONAL_TYPES.has(type);
  if (sample && sample.size < SMALL_SAMPLE && countable) add('small-sample', sample.evidence);
  add('single-centre', design_evidence['single-centre']);
  add('open-label', design_evidence['open-label']);
  if (follow?.days !== null && follow?.days !== undefined && follow.days < SHORT_FOLLOW_UP_DAYS && countable)
    add('short-follow-up', follow.words);
  add('pilot', design_evidence.pilot ?? design_evidence.feasibility);
  add('subgroup', design_evidence.subgroup);
  add('post-hoc', design_evidence['post hoc']);
  if (primary && type !== 'preclinical' && type !== 'case report') {
    add('surrogate-outcome', surrogateEvidence(text, sections));
    add('composite-outcome', find(COMPOSITE, text)?.words);
  }
  const human = HUMAN_STUDY.test(title) || HUMAN_STUDY.test(text);
  if (!human) {
    if (design_evidence.animal) add('animal-only', design_evidence.animal);
    else if (design_evidence['in vitro']) add('in-vitro-only', design_evidence['in vitro']);
  }

  const concepts: string[] = [];
  const seen = new Set<string>();
  for (const c of [...strings(input.meshTerms), ...strings(input.keywords)]) {
    const t = c.trim();
    const key = t.toLowerCase();
    if (!t || seen.has(key)) continue;
    seen.add(key);
    concepts.push(t);
  }

  return {
    study_type: type,
    study_type_from,
    study_type_evidence,
    design_signals: signals,
    design_evidence,
    sample_size: sample?.size ?? null,
    sample_size_evidence: sample?.evidence ?? null,
    follow_up: follow?.words ?? null,
    conclusion,
    caveats,
    concepts,
  };
}
