/**
 * The study design as the abstract (or the page's publication types) states it: a study type from
 * the summary format's controlled list, and design signals (randomised, double-blind, phase 2, …),
 * each with the exact words it rests on. Rules, not a model: each cue is a phrase authors use to
 * say what they did, weighted by how surely it names the design; the title counts for more than
 * the body, where other studies are mentioned too.
 */
import type { StudyType } from '../summaries/schema';
import type { DesignSignal } from './types';

/** A word-boundary match with the exact words it covered. */
export interface Hit {
  words: string;
  index: number;
}

export function find(re: RegExp, text: string): Hit | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? { words: m[0], index: m.index } : null;
}

/**
 * Words around a design phrase that make it a design the authors propose or call for, not the
 * one they used: "a randomised trial is feasible", "future randomized trials", "to inform a
 * definitive randomised controlled trial". Looked for in the phrase's own sentence only.
 */
const PROPOSED_BEFORE =
  /\b(?:future|further|larger|large-scale|full-scale|definitive|subsequent|confirmatory|planned|(?:a |the )?need for|needs? (?:a|an)|inform(?:s|ing)? (?:a|an|the)|prepar(?:e|ation|ing) (?:for )?(?:a|an|the)|(?:prior to|before) (?:a|an|launching|conducting|undertaking)|feasibility of (?:a|an|conducting|running)|whether (?:a|an)|(?:conduct|design|plan|run|undertake)(?:ing)? (?:a|an)|recommend(?:s|ed)? (?:a|an)|support(?:s|ing)? (?:a|an)|warrant(?:s|ing)? (?:a|an)|justif(?:y|ies) (?:a|an))\s(?:[\w-]+,?\s){0,4}$/i;
const PROPOSED_AFTER =
  /^(?:[\w-]+,?\s){0,6}?(?:(?:is|are|would be|will be|seems?|appears?|was|were) (?:now )?(?:be )?(?:feasible|needed|warranted|required|necessary|possible|justified|planned|recommended|indicated|merited|acceptable|achievable|called for|underway|ongoing)|(?:should|must|could|would|will) be (?:conducted|performed|undertaken|done|carried out|designed|considered|feasible|possible)|(?:is|are) (?:now )?(?:being )?(?:planned|under way|underway))/i;

/** Whether the phrase at `index` (of `length`) is a design proposed rather than used. */
function proposed(text: string, index: number, length: number): boolean {
  const lead = text.slice(Math.max(0, index - 120), index);
  const before = lead.slice(Math.max(lead.lastIndexOf('. '), lead.lastIndexOf('; ')) + 1);
  if (PROPOSED_BEFORE.test(before)) return true;
  const tail = text.slice(index + length, index + length + 120);
  return PROPOSED_AFTER.test(tail.replace(/^[\s,]+/, ''));
}

/** The first match that is not a design proposed for later; at most a few matches are tried. */
export function findOwn(re: RegExp, text: string): Hit | null {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let m: RegExpExecArray | null;
  for (let tries = 0; tries < 8 && (m = g.exec(text)) !== null; tries++) {
    if (!proposed(text, m.index, m[0].length)) return { words: m[0], index: m.index };
    if (m[0].length === 0) g.lastIndex++;
  }
  return null;
}

/* ---------------------------------------------------------------- publication types */

/** What a listed publication type says of the design; `text` defers to the abstract for the detail. */
type PtVerdict = StudyType | 'trial' | 'observational';

/** PubMed's publication types and what they settle, strongest first. */
const PUBLICATION_TYPES: Array<[RegExp, PtVerdict]> = [
  [/^meta-analysis$/i, 'meta-analysis'],
  [/^(?:systematic review|scoping review)$/i, 'systematic review'],
  [
    /^(?:randomi[sz]ed controlled trial|pragmatic clinical trial|equivalence trial)(?:, veterinary)?$/i,
    'trial',
  ],
  [
    /^(?:practice guideline|guideline|consensus development conference(?:, nih)?|consensus statement)$/i,
    'guideline',
  ],
  [
    /^(?:controlled clinical trial|clinical trial(?:, phase (?:i{1,3}|iv))?|clinical trial protocol|adaptive clinical trial)(?:, veterinary)?$/i,
    'trial',
  ],
  [/^case reports?$/i, 'case report'],
  [/^(?:observational study|twin study)(?:, veterinary)?$/i, 'observational'],
  [/^validation study$/i, 'diagnostic accuracy study'],
  [/^(?:review|narrative review|historical article)$/i, 'narrative review'],
  [/^(?:editorial|comment|letter|interview|news|personal narrative|lecture|address)$/i, 'expert opinion'],
];

export interface PtReading {
  verdict: PtVerdict;
  type: string;
}

/** The strongest verdict of the listed publication types, with the type that gave it. */
export function fromPublicationTypes(types: readonly string[]): PtReading | null {
  for (const [re, verdict] of PUBLICATION_TYPES)
    for (const t of types) if (re.test(t.trim())) return { verdict, type: t };
  return null;
}

/* ---------------------------------------------------------------- cues in the text */

interface Cue {
  type: StudyType;
  re: RegExp;
  /** Weight in the body; the title weighs `TITLE_WEIGHT` times more. */
  w: number;
  /** Not enough, alone, to make the paper a pooling of other studies. */
  weak?: boolean;
  /** Read in the title only: words that name the paper's kind there and mean little in the body. */
  titleOnly?: boolean;
}

const TITLE_WEIGHT = 3;

/** Randomised, not "non-randomised" or "not randomised". */
const RANDOMISED = String.raw`(?<!non-?|not |un|quasi-?)randomi[sz]ed`;

const CUES: Cue[] = [
  // Pooled evidence.
  {
    type: 'meta-analysis',
    re: /\bmeta-?analy[sz](?:is|es|ed)\b|\bmeta-?regression\b/i,
    w: 4,
  },
  // A pooled analysis may be of one group's own trials, with no search: a weak cue on its own.
  { type: 'meta-analysis', re: /\bpooled analys[ie]s of\b/i, w: 2, weak: true },
  {
    type: 'meta-analysis',
    re: /\b(?:pooled|summary) (?:odds ratio|relative risk|risk ratio|hazard ratio|estimate|sensitivity|effect)|\brandom-effects? model\b|\bfixed-effects? model\b/i,
    w: 3,
  },
  {
    type: 'systematic review',
    re: /\bsystematic(?:ally)? (?:literature )?(?:review|search|searched)\w*|\bscoping review\b|\bumbrella review\b|\bintegrative (?:literature )?review\b|\bPRISMA\b/i,
    w: 4,
  },
  {
    type: 'systematic review',
    re: /\b(?:searched|search of|searches of|databases? (?:including|such as|of)?)\s(?:the )?(?:electronic )?(?:databases? )?(?:\(?(?:PubMed|MEDLINE|Medline|EMBASE|Embase|Cochrane|CINAHL|Web of Science|Scopus|PsycINFO|Google Scholar)\)?,? ?(?:and |or )?)+/i,
    w: 4,
  },
  {
    type: 'systematic review',
    re: /\b(?:studies|trials|articles|publications) (?:were|was) (?:included|identified|selected|retrieved|screened)\b|\beligible (?:studies|trials|articles)\b|\brisk of bias\b/i,
    w: 2,
  },
  // In capitals only: "grade 3 toxicity" is a trial's result, GRADE the review's rating of evidence.
  { type: 'systematic review', re: /\bGRADE\b(?! [1-5IV])/, w: 2 },
  // Guidance.
  {
    type: 'guideline',
    re: /\b(?:clinical )?(?:practice )?guidelines?\b(?! adherence)|\bconsensus (?:statement|conference|recommendations?|guidelines?|panel)\b|\bposition (?:statement|paper)\b|\bpractice parameter\b|\brecommendations? (?:for|on) the\b|\bterminology\b/i,
    w: 2,
  },
  // Trials.
  {
    type: 'randomized controlled trial',
    re: new RegExp(
      String.raw`\b${RANDOMISED}(?:,?(?: and)? (?:(?:double|single|triple)-?(?:blind|mask)(?:ed)?|blind(?:ed)?|masked|(?:placebo-|sham-|active-|vehicle-)?controlled|prospective|multi-?cent(?:re|er)|multi-?site|open(?:-label)?|cross-?over|clinical|pilot|comparative|parallel(?:-group)?|pragmatic|factorial|cluster|(?:two|three|four)-arm|phase (?:I{1,3}V?|[1-4]))){0,6},? (?:controlled )?(?:clinical )?(?:trial|study|comparison|design|fashion|manner|order)\b`,
      'i',
    ),
    w: 6,
  },
  {
    type: 'randomized controlled trial',
    re: new RegExp(
      String.raw`\b(?:were|was|been|being|are|is) (?:then )?(?:prospectively )?(?:${RANDOMISED}|randomly (?:assigned|allocated|divided|distributed|split))\b|\brandom(?:ly)? (?:assign|allocat)\w*|\b(?:divided|assigned|allocated|distributed|split|grouped|placed|sorted)\b(?: [\w-]+){0,5}? randomly\b|\brandomi[sz]ation\b|\b(?:we )?randomi[sz]ed (?:\d|patients|participants|subjects|women|men|children|adults)|\b(?:patients|participants|subjects|women|men|children|adults|volunteers) ${RANDOMISED} (?:to|into|between)\b`,
      'i',
    ),
    w: 6,
  },
  {
    type: 'randomized controlled trial',
    re: /\b(?:double|single|triple)[- ]?(?:blind|mask)(?:ed)?\b|\bplacebo[- ]controlled\b|\bRCT\b|\bin (?:a )?random(?:i[sz]ed)? (?:order|sequence)\b/i,
    w: 4,
  },
  { type: 'randomized controlled trial', re: new RegExp(String.raw`\b${RANDOMISED}\b`, 'i'), w: 3 },
  {
    type: 'randomized controlled trial',
    re: /\b(?:were|was) (?:assigned|allocated) (?:to|into)\b|\bcross-?over (?:trial|study|design)\b|\bversus placebo\b|\bor placebo\b|\bcompared (?:with|to) placebo\b/i,
    w: 3,
  },
  {
    type: 'non-randomized controlled trial',
    re: /\bnon-?randomi[sz]ed\b|\bnot randomi[sz]ed\b|\bquasi-?(?:experimental|randomi[sz]ed)\b|\bsingle[- ]arm\b|\bopen[- ]label(?:,)? (?:single[- ]arm |non-?comparative |uncontrolled )?(?:phase \w+ )?(?:trial|study)\b|\buncontrolled (?:trial|study)\b/i,
    w: 5,
  },
  {
    type: 'non-randomized controlled trial',
    re: /\bphase (?:I{1,2}|1|2)(?:\/I{1,2}|\/[12])?[ab]? (?:clinical )?(?:trial|study)\b|\bphase (?:I{1,2}|1|2)\b|\bpilot (?:trial|study)\b|\bclinical trial\b|\bdose[- ](?:escalation|finding)\b|\bmaximum tolerated dose\b|\bdose-limiting\b/i,
    w: 3,
  },
  {
    type: 'non-randomized controlled trial',
    re: /\b(?:patients|subjects|participants|children|volunteers) (?:were|was) (?:treated|given|administered)\b|\breceived (?:weekly|daily|a single|oral|intravenous|subcutaneous)\b|\breceived (?:\d+|one|two|three|four|five|six|eight|ten|a total of \d+) (?:courses|cycles|doses|sessions|treatments|infusions|injections)\b|\breceived [\w-]+ (?:once|twice|three times) (?:daily|weekly|a day|a week)\b|\ba (?:series|course) of \d+\b|\bbefore and after (?:treatment|the intervention)\b|\bpre- and post-?\b/i,
    w: 1.5,
  },
  // What a treatment series measures: with the treatment given, a single-arm trial.
  {
    type: 'non-randomized controlled trial',
    re: /\b(?:objective |overall )?response rate\b|\btoxicit(?:y|ies)\b|\b(?:partial|complete) (?:response|remission)s?\b|\bfeasibility\b|\b(?:efficacy|effectiveness) and (?:safety|tolerability)\b|\b(?:safety|tolerability),? and (?:efficacy|effectiveness)\b|\btherapeutic effects?\b/i,
    w: 1.5,
  },
  // Observational.
  {
    type: 'case-control study',
    re: /\bcase[- \u2013]control\b|\bcases and (?:\w+ )?controls\b|\bmatched controls?\b|\bcontrol subjects\b|\bhealthy controls\b|\bcontrol group of\b/i,
    w: 5,
  },
  {
    type: 'cohort study',
    re: /\bcohort\b(?! of (?:\d+ )?(?:mice|rats))|\bprospectively followed\b|\blongitudinal (?:study|analysis|data)\b|\bfollowed (?:up )?for (?:a )?(?:median|mean)?\b|\bregistry\b|\bincidence of\b|\bmortality (?:study|rates?)\b|\bhazard ratios?\b|\bperson-years\b/i,
    w: 3,
  },
  {
    type: 'cohort study',
    re: /\bretrospective(?:ly)? (?:review|analys[ie]s|study|chart|record)\w*|\bmedical records\b|\bchart review\b|\bconsecutive patients\b/i,
    w: 2,
  },
  {
    type: 'cross-sectional study',
    re: /\bcross-?sectional\b|\bprevalence (?:study|survey)\b|\bsurvey\b/i,
    w: 3,
  },
  // Trials measure with questionnaires too: on its own it hardly names a survey.
  { type: 'cross-sectional study', re: /\bquestionnaires?\b/i, w: 1.5 },
  {
    type: 'diagnostic accuracy study',
    re: /\bdiagnostic (?:accuracy|performance|value|yield|efficacy)\b|\bsensitivity and specificity\b|\breceiver operating characteristic\b|\bROC curve\b|\barea under the (?:ROC )?curve\b|\bpositive predictive value\b/i,
    w: 3,
  },
  {
    type: 'qualitative study',
    re: /\bqualitative (?:study|research|analysis|interview|approach|design|methods?)\b|\bsemi-?structured interviews?\b|\bfocus groups?\b|\bthematic(?:ally)? analys[ie]s\b|\bgrounded theory\b/i,
    w: 4,
  },
  {
    type: 'economic evaluation',
    re: /\bcost[- ](?:effectiveness|utility|benefit|minimi[sz]ation)\b|\bQALYs?\b|\bquality-adjusted life[- ]years?\b|\bincremental cost\b|\beconomic evaluation\b|\bbudget impact\b/i,
    w: 4,
  },
  // Single patients.
  {
    type: 'case report',
    re: /\bcase reports?\b|\bwe (?:report|describe|present) (?:here )?(?:a|an|the|two|three|one) (?:(?:rare|unusual|unique|novel|new|first|interesting|fatal|challenging|further) )?(?:(?:\d{1,3}|[a-z]+)[- ](?:year|month|week|day)[- ]old |female |male |young |elderly |pregnant |preterm |term )?(?:cases?|patients?|man|woman|boy|girl|child|infant|neonate|newborn|family|siblings|twins)\b(?!-)|\b(?:is|are) (?:reported|described|presented)(?: here)?\b|\breport of (?:a|an|two|three) (?:case|patient)s?\b|\b\d{1,3}[- ]year[- ]old (?:man|woman|male|female|boy|girl|patient|child|infant|gentleman|lady)\b|\b(?:a|an) (?:\d{1,3}|\w+-?\w*)[- ](?:year|month|week|day)[- ]old\b|\bthis case\b|\bunusual case\b|\bcase of (?:a|an)\b|\bcase presentation\b|\b(?:a|one) patient (?:who|with)\b|\bwe (?:saw|encountered|treated|managed) (?:a|an|two|three) (?:(?:rare|unusual|unique|atypical|interesting|similar) )?(?:cases?|patients?|(?:[\w-]+ )?(?:man|woman|boy|girl|child|infant|neonate))\b/i,
    w: 4,
  },
  // One patient's course, in the singular.
  {
    type: 'case report',
    re: /\b(?:the|our|this|a) patient (?:was|had|underwent|presented|developed|received|complained|died|recovered)\b|\b(?:he|she) (?:was|had|underwent|presented|developed|received|complained|died|recovered)\b|\bwas (?:admitted|referred) (?:to|with)\b/i,
    w: 2,
  },
  // A title about one person: "… in a Moroccan man with familial breast cancer", "… in a patient with …".
  {
    type: 'case report',
    re: /\b(?:in|of) an? (?:(?:\d{1,3}|[a-z]+)[- ](?:year|month|week|day)[- ]old |[A-Z][\w-]+ |young |elderly |pregnant |preterm |term |female |male )?(?:man|woman|boy|girl|child|infant|neonate|newborn|patient|gentleman|lady)\b(?! (?:population|group|sample|cohort|series|registry|database)s?\b)/,
    w: 2,
    titleOnly: true,
  },
  { type: 'case series', re: /\bcase series\b|\bseries of (?:\d+ |\w+ )?(?:cases|patients)\b/i, w: 3 },
  // Reviews and opinion.
  {
    type: 'narrative review',
    re: /\b(?:this|the present|in this|our|a) (?:brief |short |narrative |comprehensive |critical |mini-?)?review\b|\bwe review\b|\b(?:is|are) (?:reviewed|discussed|summari[sz]ed|described|presented|considered|examined)\b|\breview(?:s|ed)? (?:of )?(?:the )?(?:current |recent |available |published )?(?:literature|evidence|knowledge|advances|developments|data)\b|\boverview\b|\brecent (?:advances|progress|developments|findings)\b|\bwe (?:discuss|summari[sz]e|describe|highlight|outline|propose)\b|\bthis (?:article|paper|chapter)\b/i,
    w: 2,
  },
  // What a review says of itself and of its field.
  {
    type: 'narrative review',
    re: /\b(?:literature|narrative|brief|short|mini-?) review\b|\breview article\b|\bthis (?:article|paper|chapter|review|overview) (?:reviews|describes|summari[sz]es|discusses|focuses|highlights|provides|presents|examines|explores|considers|outlines|addresses|covers)\b|\b(?:here,? )?we (?:review|discuss|summari[sz]e|highlight|outline|provide an? (?:overview|update|summary))\b|\bcurrent (?:knowledge|understanding|status|concepts?|state of)\b|\brecent (?:advances|progress|developments|insights)\b|\bchallenges and (?:opportunities|prospects|future)\b|\bfuture (?:directions|perspectives|prospects)\b|\bstate of the art\b|\bprinciples? (?:of|and) (?:management|treatment|diagnosis)\b/i,
    w: 2,
  },
  // A title that names a topic and promises its management or an update names a review.
  {
    type: 'narrative review',
    re: /:\s*(?:(?:its |their )?(?:diagnosis|evaluation|pathophysiology|pathogenesis|prevention|recognition|assessment)(?:,? and (?:its |their )?(?:management|treatment|therapy|prevention))|(?:an? )?(?:update|overview|primer|review)\b|(?:current|recent) (?:concepts|perspectives|understanding|advances|status|trends)|what (?:the|every) \w+ (?:should|needs to) know)|\b(?:an update on|a review of|an overview of)\b/i,
    w: 2,
    titleOnly: true,
  },
  {
    type: 'expert opinion',
    re: /\b(?:in my|in our) (?:view|opinion|experience)\b|\bcommentary\b|\beditorial\b|\bI (?:argue|suggest|propose|believe)\b/i,
    w: 2,
  },
  // Laboratory and animal work.
  {
    type: 'preclinical',
    re: /\b(?:mice|mouse|murine|rats?|rodents?|rabbits?|hamsters?|guinea pigs?|zebrafish|drosophila|C\. elegans|xenopus|primates|macaques?|monkeys|piglets|pigs|porcine|canine|dogs|sheep|ovine|bovine|cattle|chick(?:en)? embryos?|knockout|transgenic|xenografts?)\b/i,
    w: 3,
  },
  {
    type: 'preclinical',
    re: /\bin vitro\b|\bin silico\b|\bcell lines?\b|\bcultured\b|\bcell cultures?\b|\bprotein(?:s)? (?:expression|binding|structure)\b|\bcrystal structure\b|\benzyme\b|\bsynthes[ie][sz]ed\b|\bmolecular (?:dynamics|docking|mechanisms?)\b|\bgene expression\b|\bphosphorylation\b|\bsignal(?:l)?ing pathway\b|\bhippocamp\w*|\bneurons?\b|\bbinding\b|\bassays?\b|\bspectroscop\w*|\bNMR\b|\breceptors?\b/i,
    w: 1.5,
  },
  // Bench methods and measures, counted apart from the models and materials above.
  {
    type: 'preclinical',
    re: /\bin vivo\b|\bwestern blot\w*|\b(?:RT-)?q?PCR\b|\bsiRNA\b|\bknock-?down\b|\bmRNA\b|\bapoptosis\b|\bcell (?:proliferation|viability|migration|death)\b|\bIC50\b|\bderivatives\b|\bcompounds? (?:\d|were|was|showed|exhibited)|\binhibitory activit\w+|\bimmunohistochemi\w+|\bhistolog\w+/i,
    w: 1.5,
  },
];

/** Laboratory animals as the subjects of a study. */
const ANIMALS =
  /\b(?:mice|mouse|murine|rats?|rodents?|rabbits?|hamsters?|guinea pigs?|zebrafish|piglets|macaques?|monkeys)\b/i;

/** Words of a study of people: they weaken the preclinical reading. */
const HUMANS =
  /\b(?:patients?|participants|subjects|volunteers|women|men|children|adults|infants|humans?|persons|people|individuals|outpatients|inpatients|clinical|hospital|clinic)\b/i;

/** Study types of trials, for design signals that only a trial has. */
export const TRIAL_TYPES = new Set<StudyType>([
  'randomized controlled trial',
  'non-randomized controlled trial',
]);
/** Study types that pool or describe other studies: the words of those studies are not this design. */
export const SECONDARY_TYPES = new Set<StudyType>([
  'meta-analysis',
  'systematic review',
  'narrative review',
  'guideline',
  'expert opinion',
]);
export const OBSERVATIONAL_TYPES = new Set<StudyType>([
  'cohort study',
  'case-control study',
  'cross-sectional study',
  'case series',
]);

/** Ties go to the type listed first: the more specific design. */
const ORDER: StudyType[] = [
  'meta-analysis',
  'systematic review',
  'guideline',
  'randomized controlled trial',
  'non-randomized controlled trial',
  'case-control study',
  'cohort study',
  'cross-sectional study',
  'diagnostic accuracy study',
  'qualitative study',
  'economic evaluation',
  'case report',
  'case series',
  'preclinical',
  'narrative review',
  'expert opinion',
];

/** Below this total score the text does not say its design surely enough. */
const MIN_SCORE = 2;

export interface TypeReading {
  type: StudyType;
  evidence: string;
  score: number;
}

/**
 * The study type the title and abstract state, with the words that weigh most for it; null when no
 * cue is strong enough. Each cue counts once; the title counts for more.
 */
export function studyTypeFromText(title: string, text: string): TypeReading | null {
  const scores = new Map<StudyType, { score: number; best: number; evidence: string }>();
  /** The weightiest cue of pooling or searching, weak cues left out. */
  let strongPooled = 0;
  for (const cue of CUES) {
    // A trial the authors propose ("a randomised trial is feasible") is not their design.
    const look = cue.type === 'randomized controlled trial' ? findOwn : find;
    const inTitle = title ? look(cue.re, title) : null;
    const inText = cue.titleOnly ? null : look(cue.re, text);
    const hit = inTitle ?? inText;
    if (!hit) continue;
    const w = cue.w * (inTitle ? TITLE_WEIGHT : 1);
    const s = scores.get(cue.type) ?? { score: 0, best: 0, evidence: hit.words };
    s.score += w;
    if (!cue.weak && (cue.type === 'meta-analysis' || cue.type === 'systematic review'))
      strongPooled = Math.max(strongPooled, w);
    if (w > s.best) {
      s.best = w;
      s.evidence = hit.words;
    }
    scores.set(cue.type, s);
  }
  const get = (t: StudyType): number => scores.get(t)?.score ?? 0;
  const humans = HUMANS.test(title) || HUMANS.test(text);
  const pre = scores.get('preclinical');
  if (pre && humans) pre.score -= 3;
  // A pooled analysis outranks the designs of the studies it pools.
  const pooled = strongPooled > 0 ? Math.max(get('meta-analysis'), get('systematic review')) : 0;
  if (pooled >= 4)
    for (const t of ORDER) if (!SECONDARY_TYPES.has(t) && scores.has(t)) scores.get(t)!.score -= 4;
  // A meta-analysis is also a systematic review: the pooling names it.
  const ma = scores.get('meta-analysis');
  const sr = scores.get('systematic review');
  if (ma && sr && ma.score >= 3) ma.score += sr.score;
  // A randomised trial is a controlled trial: its randomisation settles which.
  const rct = scores.get('randomized controlled trial');
  const nrct = scores.get('non-randomized controlled trial');
  if (rct && nrct && rct.best >= 6 && !/randomi/i.test(nrct.evidence)) rct.score += nrct.score;
  // A statement that participants were randomised settles a primary study's design, whatever
  // else the title stresses (a pilot, a diagnostic yield, a cost comparison).
  // Animals randomised to diets or drugs, with no patient in sight, make an experiment, not a trial.
  const animalsOnly =
    pre !== undefined && ((ANIMALS.test(title) && !HUMANS.test(title)) || (!humans && ANIMALS.test(text)));
  if (rct && animalsOnly) rct.score -= 6;
  else if (rct && rct.best >= 6 && pooled < 4) rct.score += 6;
  let best: StudyType | null = null;
  let bestScore = MIN_SCORE - 0.001;
  for (const t of ORDER) {
    const s = get(t);
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  if (!best) return null;
  const chosen = scores.get(best)!;
  return { type: best, evidence: chosen.evidence, score: chosen.score };
}

/* ---------------------------------------------------------------- design signals */

interface SignalRule {
  signal: DesignSignal;
  re: RegExp;
  /** Only for primary studies: in a review, these words describe the studies reviewed. */
  primary?: boolean;
}

const SIGNALS: SignalRule[] = [
  {
    signal: 'randomised',
    re: new RegExp(
      String.raw`\b${RANDOMISED}\b|\brandomly (?:assigned|allocated|divided)\b|\brandomi[sz]ation\b`,
      'i',
    ),
    primary: true,
  },
  {
    signal: 'non-randomised',
    re: /\bnon-?randomi[sz]ed\b|\bnot randomi[sz]ed\b|\bquasi-?experimental\b/i,
    primary: true,
  },
  { signal: 'double-blind', re: /\bdouble[- ]?(?:blind|mask)(?:ed)?\b/i, primary: true },
  { signal: 'single-blind', re: /\bsingle[- ]?(?:blind|mask)(?:ed)?\b/i, primary: true },
  { signal: 'triple-blind', re: /\btriple[- ]?(?:blind|mask)(?:ed)?\b/i, primary: true },
  { signal: 'open-label', re: /\bopen[- ]label\b/i, primary: true },
  { signal: 'placebo-controlled', re: /\bplacebo[- ]controlled\b|\bplacebo\b/i, primary: true },
  { signal: 'crossover', re: /\bcross-?over\b/i, primary: true },
  {
    signal: 'cluster',
    re: /\bcluster[- ]randomi[sz]ed\b|\bcluster(?:ed)? (?:randomi[sz]ed )?(?:controlled )?trial\b|\bcluster randomi[sz]ation\b/i,
    primary: true,
  },
  { signal: 'single-arm', re: /\bsingle[- ]arm\b/i, primary: true },
  {
    signal: 'multicentre',
    re: /\bmulti-?(?:cent(?:re|er)|center|centric|site|national|institutional)\b|\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:\w+ )?(?:centres|centers|hospitals|sites|institutions|clinics)\b/i,
    primary: true,
  },
  {
    signal: 'single-centre',
    re: /\bsingle[- ](?:cent(?:re|er)|site|institution|hospital|institutional)\b|\bat (?:a|one) (?:single )?(?:university |tertiary(?: care)? |teaching |academic |community )?(?:hospital|cent(?:re|er)|institution)\b/i,
    primary: true,
  },
  { signal: 'prospective', re: /\bprospective(?:ly)?\b/i, primary: true },
  { signal: 'retrospective', re: /\bretrospective(?:ly)?\b/i, primary: true },
  { signal: 'pilot', re: /\bpilot\b/i, primary: true },
  { signal: 'feasibility', re: /\bfeasibility (?:study|trial|of)\b|\bfeasibility\b/i, primary: true },
  { signal: 'non-inferiority', re: /\bnon-?inferior(?:ity)?\b/i, primary: true },
  { signal: 'equivalence', re: /\bequivalence (?:trial|study|design|margin)\b/i, primary: true },
  {
    signal: 'animal',
    re: /\b(?:mice|mouse|murine|rats|rat|rodents?|rabbits?|hamsters?|guinea pigs?|zebrafish|primates|macaques?|monkeys|piglets|pigs|dogs|sheep|cattle)\b/i,
  },
  { signal: 'in vitro', re: /\bin vitro\b|\bcell lines?\b|\bcell cultures?\b|\bcultured (?:\w+ )?cells\b/i },
  { signal: 'post hoc', re: /\bpost[- ]?hoc\b/i },
  {
    signal: 'subgroup',
    re: /\bsub-?group analys[ie]s\b|\bsecondary analys[ie]s\b|\bsub-?analys[ie]s\b|\bexploratory analys[ie]s\b|\bancillary (?:study|analysis)\b/i,
  },
];

/** "phase III", "phase 2b", "phase I/II": each phase named, with the words. */
const PHASE = /\bphase[- ](IV|I{1,3}|[1-4])(?:[ab])?(?:\s?\/\s?(IV|I{1,3}|[1-4])[ab]?)?\b(?=[\s,.;:)-]|$)/i;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function phaseNumber(s: string): number | null {
  const n = ROMAN[s.toLowerCase()] ?? Number(s);
  return n >= 1 && n <= 4 ? n : null;
}

export interface SignalReading {
  signals: DesignSignal[];
  evidence: Record<string, string>;
}

/**
 * Design signals named in the title or abstract, with their words. In a review, trial words
 * describe the studies reviewed, so they are not read as this paper's design.
 */
export function designSignals(title: string, text: string, secondary: boolean): SignalReading {
  const signals: DesignSignal[] = [];
  const evidence: Record<string, string> = {};
  const add = (s: DesignSignal, words: string): void => {
    if (evidence[s] !== undefined) return;
    signals.push(s);
    evidence[s] = words;
  };
  for (const rule of SIGNALS) {
    if (rule.primary && secondary) continue;
    const look = rule.primary ? findOwn : find;
    const hit = (title ? look(rule.re, title) : null) ?? look(rule.re, text);
    if (!hit) continue;
    if (rule.signal === 'randomised' && evidence['non-randomised'] !== undefined) continue;
    add(rule.signal, hit.words);
    if (rule.signal === 'non-randomised') delete evidence.randomised;
  }
  if (!secondary) {
    const hit = (title ? find(PHASE, title) : null) ?? find(PHASE, text);
    if (hit) {
      const m = PHASE.exec(hit.words);
      for (const g of [m?.[1], m?.[2]]) {
        const n = g ? phaseNumber(g) : null;
        if (n) add(`phase ${n}` as DesignSignal, hit.words);
      }
    }
  }
  return { signals: signals.filter((s) => evidence[s] !== undefined), evidence };
}
