/**
 * The reviewed list of caveats the glance may show: the only explanatory text it ever produces.
 * Each entry is a short statement and the reason it matters to a reader weighing the paper. The
 * glance attaches the words of the page that triggered the caveat as its evidence; it never writes
 * anything else. Editing a text here is an editorial change: keep statements short, factual and
 * free of any claim about a particular paper.
 */
import type { Caveat } from './types';

/** Fewer participants than this in a trial or an observational study gives the small-sample caveat. */
export const SMALL_SAMPLE = 50;
/** A follow-up shorter than this many days gives the short-follow-up caveat. */
export const SHORT_FOLLOW_UP_DAYS = 84;

export interface ReviewedCaveat {
  text: string;
  reason: string;
}

export const CAVEATS = {
  observational: {
    text: 'Observational design: shows association, not causation',
    reason:
      'Without random allocation, the groups compared may differ in ways other than the exposure, so an observed difference can come from confounding rather than from the exposure itself.',
  },
  'small-sample': {
    text: `Small study: fewer than ${SMALL_SAMPLE} participants`,
    reason: `With fewer than ${SMALL_SAMPLE} participants, estimates are imprecise, chance findings are common and rare harms go unseen; a larger study may well find a different effect.`,
  },
  'single-centre': {
    text: 'Single centre: results may not generalise',
    reason:
      'Patients, staff and practice at one centre may differ from elsewhere, and single-centre trials tend to report larger effects than multicentre trials of the same question.',
  },
  'open-label': {
    text: 'Open label: participants and clinicians knew the treatment',
    reason:
      'When the allocated treatment is known, expectations can influence care, reporting and assessment, especially for subjective outcomes such as pain or quality of life.',
  },
  'short-follow-up': {
    text: 'Short follow-up: under 12 weeks',
    reason:
      'A follow-up of less than 12 weeks (3 months) cannot show whether benefits last or whether late harms appear.',
  },
  pilot: {
    text: 'Pilot or feasibility study: not designed to show an effect',
    reason:
      'Pilot and feasibility studies test whether a larger study can be run; they are too small to estimate benefit or harm reliably, and their effect estimates should not guide practice.',
  },
  subgroup: {
    text: 'Subgroup or secondary analysis',
    reason:
      'An analysis of part of a study population, or of an outcome the study was not designed for, has less power and a higher risk of chance findings than the primary analysis.',
  },
  'post-hoc': {
    text: 'Post hoc analysis: not planned in advance',
    reason:
      'Analyses chosen after seeing the data are prone to chance findings and selective reporting; they generate hypotheses rather than confirm them.',
  },
  'surrogate-outcome': {
    text: 'Surrogate outcome: a measurement, not how patients feel, function or survive',
    reason:
      'Changes in markers such as HbA1c, cholesterol, blood pressure, tumour response, bone density or viral load do not always translate into fewer events, better function or longer life.',
  },
  'composite-outcome': {
    text: 'Composite outcome: several events counted together',
    reason:
      'A combined outcome can be driven by its least important component; check which events account for the difference.',
  },
  'animal-only': {
    text: 'Animal study: not tested in people',
    reason: 'Most treatments that work in animals do not show the same benefit or safety in humans.',
  },
  'in-vitro-only': {
    text: 'Laboratory study: cells or tissues, not people',
    reason:
      'Effects in cells, tissues or chemical systems often do not occur in a living organism, let alone in patients.',
  },
  preprint: {
    text: 'Preprint: not yet peer reviewed',
    reason:
      'Preprints have not been checked by independent reviewers or editors; their methods and conclusions may change before publication, or the work may never be published.',
  },
  retracted: {
    text: 'Retracted: this paper has been withdrawn',
    reason:
      'A retracted paper has been withdrawn by its journal or authors, for error or misconduct; its findings should not be relied on.',
  },
  erratum: {
    text: 'Correction published',
    reason: 'The journal has published a correction; check that the figures you use are the corrected ones.',
  },
  'expression-of-concern': {
    text: 'Expression of concern from the journal',
    reason:
      'The journal has publicly questioned the reliability of this paper while an investigation is under way; treat its findings with caution.',
  },
} as const satisfies Record<string, ReviewedCaveat>;

export type CaveatId = keyof typeof CAVEATS;

export const CAVEAT_IDS = Object.keys(CAVEATS) as CaveatId[];

/** A caveat from the reviewed list with the words that triggered it. */
export function caveat(id: CaveatId, evidence: string): Caveat {
  const c: ReviewedCaveat = CAVEATS[id];
  return { id, text: c.text, reason: c.reason, evidence };
}
