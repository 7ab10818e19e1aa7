/**
 * How many took part, and for how long they were followed, in the abstract's own words. A wrong
 * number is worse than none: a count is read only where a phrase says what it counts
 * ("120 patients were randomised", "we enrolled 64 adults", "a total of 1,204 participants"),
 * never from a group's share, a per-arm count or a percentage, and null when nothing says so.
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** A word with its first letter in either case, so number words match at a sentence start too. */
const cap = (w: string): string => `[${w[0]}${(w[0] as string).toUpperCase()}]${w.slice(1)}`;
const UNIT_WORD = Object.keys(UNITS).map(cap).join('|');
const TENS_WORD = Object.keys(TENS).map(cap).join('|');
const UP_TO_99 = String.raw`(?:(?:${TENS_WORD})(?:[- ](?:${UNIT_WORD}))?|${UNIT_WORD})`;
const HUNDREDS = String.raw`(?:(?:${UNIT_WORD})[- ][hH]undred(?:[- ](?:and[- ])?${UP_TO_99})?)`;
const UP_TO_999 = String.raw`(?:${HUNDREDS}|${UP_TO_99})`;
/** "forty-two", "Two hundred thirty-eight", "one-hundred and twenty", "two thousand". */
const WORD_NUMBER = String.raw`(?:${UP_TO_999}(?:[- ][tT]housand(?:[- ](?:and[- ])?${UP_TO_999})?)?)`;
/** 1,204 · 1204 · 1 204 (thin or plain space before three digits) · a word number. */
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u2009\u202f]\d{3})+(?!\d)|\d+|${WORD_NUMBER})`;

/** The value of a number as written (digits or words); null when it is not one. */
export function numberValue(s: string): number | null {
  const t = s.trim().toLowerCase();
  if (/^[\d, \u2009\u202f]+$/.test(t)) {
    const n = Number(t.replace(/[, \u2009\u202f]/g, ''));
    return Number.isSafeInteger(n) ? n : null;
  }
  let total = 0;
  let current = 0;
  for (const w of t.split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w in UNITS) current += UNITS[w] as number;
    else if (w in TENS) current += TENS[w] as number;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else return null;
  }
  return total + current;
}

/** Who is counted. */
const WHO = String.raw`(?:patients|participants|subjects|individuals|persons|people|adults|children|infants|neonates|newborns|babies|adolescents|girls|boys|women|men|males|females|mothers|couples|families|volunteers|students|undergraduates|workers|employees|nurses|physicians|doctors|residents|athletes|smokers|users|veterans|survivors|outpatients|inpatients|cases|eyes|pregnancies|dyads|pairs|elderly|respondents|recipients|donors|youths?|teenagers|pupils|clients|caregivers|carers|members|soldiers|runners|players|controls|enrollees|dogs|cats|rats|mice|horses|pigs|rabbits|sheep|cows|calves|animals|monkeys)`;
/** Up to six describing words between the number and who ("72 consecutive anti-HBe-positive chronic hepatitis B patients"). */
const DESCRIBED = String.raw`(?:(?!(?:of|in|with|and|or|from|at|to|for|per|were|was|who|had|than|by|on|each|received|mg|ml|g|kg|years?|months?|weeks?|days?|hours?)\b)[A-Za-z][\w'\u2019-]*\s+){0,6}?`;
/** A number that is a dose, an age or a duration is not a count. */
const NOT_A_UNIT = String.raw`(?!\s*(?:mg|ml|mL|g|kg|\u00b5g|mcg|mmol|mm|cm|years?|yrs?|months?|weeks?|wks?|days?|hours?|h|min|%|percent)\b)`;
/** A parenthesis after the number or who: "(45)", "(12 female; mean age 51 yr)", "(N = 60)". */
const ASIDE = String.raw`(?:\s*\([^()]{0,80}\))?`;
/** Between who and the verb: words, asides, no other count. */
const GAP = String.raw`(?:\([^()]{0,80}\)|[^.;:\d()]){0,100}?`;

interface Pattern {
  re: RegExp;
  /** How surely the phrase counts the study's participants. */
  score: number;
}

const N = `(${NUMBER})${NOT_A_UNIT}${ASIDE}`;
const ENROL = String.raw`(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|enrolled|recruited|included|entered|assigned|allocated|registered|accrued)`;
const STUDIED = String.raw`(?:studied|evaluated|examined|investigated|analy[sz]ed|assessed|reviewed|followed|treated|selected|screened|surveyed|interviewed|identified|tested|observed|participated|took part|underwent|received|completed|consumed|performed|rated|were exposed)`;

/** Phrases that count the participants; the number is group 1. The verb decides the score. */
const PATTERNS: Pattern[] = [
  // "120 patients were randomised", "Forty-two adults with asthma were enrolled".
  {
    re: new RegExp(
      String.raw`\b${N}\s+${DESCRIBED}${WHO}\b${ASIDE}${GAP}\b(?:were|was|had been|have been|are)\s+(?:then\s+|prospectively\s+|consecutively\s+|successfully\s+|subsequently\s+)?${ENROL}\b`,
      'gi',
    ),
    score: 10,
  },
  // "we randomised 120 patients", "enrolling 64 adults".
  {
    re: new RegExp(
      String.raw`\b(?:randomi[sz]ed|randomi[sz]ing|randomly (?:assigned|allocated)|enrolled|enrolling|recruited|recruiting|included|including|involving|involved|comprising|comprised|consisting of|consisted of)\s+(?:a total of\s+)?(?:the\s+)?${N}\s+${DESCRIBED}${WHO}\b`,
      'gi',
    ),
    score: 9,
  },
  // "A total of 1,204 participants", "Overall, 56 patients".
  {
    re: new RegExp(
      String.raw`\b(?:a total of|in total,?|overall,?|altogether,?)\s+${N}\s+${DESCRIBED}${WHO}\b`,
      'gi',
    ),
    score: 9,
  },
  // "In a randomised crossover trial, 18 adolescents …", "PATIENTS 99 patients with …", "Sixty patients underwent …".
  {
    re: new RegExp(
      String.raw`(?:^|[.;:!?]\s+|\b(?:study|trial|fashion|design|manner|experiment),\s+|\b[A-Z]{4,}(?:(?:\s|/|\sAND\s)[A-Z]{3,}){0,3}\s+)${N}\s+${DESCRIBED}${WHO}\b`,
      'g',
    ),
    score: 8,
  },
  // "we reviewed 122 patients", "data from 13,277 women", "a study on 114 patients".
  {
    re: new RegExp(
      String.raw`\b(?:${STUDIED}|were|was|from|regarding|on|to|with|among|in|of)\s+(?:a total of\s+)?(?:the\s+)?${N}\s+${DESCRIBED}${WHO}\b`,
      'gi',
    ),
    score: 6,
  },
  // "Of 330 patients screened, 23 were randomised".
  {
    re: new RegExp(String.raw`\b${N}\s+(?:were|was)\s+(?:then\s+|subsequently\s+)?${ENROL}\b`, 'gi'),
    score: 7,
  },
  // "Patients (N = 60)", "SUBJECTS n = 81".
  {
    re: new RegExp(String.raw`\b${WHO}\s*(?:\(\s*|:\s*)?[Nn]\s*=\s*(\d[\d,]*)`, 'gi'),
    score: 7,
  },
];

/** Before a count, words that make it a part of a larger group ("the remaining 40 patients"). */
const PART_BEFORE =
  /\b(?:remaining|only|other|whom|which|these|those|except|additional|further|last|first)\s*$/i;
/** In the counted phrase, words of a group's share rather than the whole: per arm, completers. */
const PART_WORDS =
  /\bin (?:each|both) (?:group|arm)s?\b|\beach (?:group|arm)\b|\bper (?:group|arm)\b|\bcompleted\b|\bwithdr[ae]w\b|\bdropped\b|\bremain(?:ed|ing)\b|\bexcluded\b|\blost to\b|\bevaluable\b|\bdiscontinued\b/i;

export interface SampleReading {
  size: number;
  evidence: string;
}

interface Candidate extends SampleReading {
  score: number;
  index: number;
}

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = p.re.exec(text)) !== null && guard++ < 200) {
      if (m[0].length === 0) p.re.lastIndex++;
      const num = m[1];
      if (!num) continue;
      const size = numberValue(num);
      if (size === null || size < 2 || size > 10_000_000) continue;
      // Where the number is: after the `=` of "N = 60", else its first occurrence in the match.
      const eq = m[0].search(/[Nn]\s*=\s*\d/);
      const at = m.index + (eq >= 0 && p.score === 7 ? m[0].indexOf(num, eq) : m[0].indexOf(num));
      // A year ("In 2010 patients …") is not a count unless a verb says so.
      if (/^(?:19|20)\d\d$/.test(num) && p.score < 9) continue;
      const after = text.slice(at + num.length, at + num.length + 30);
      if (/^\s*(?:%|percent|per cent)/i.test(after)) continue;
      // "12 of 40 patients": the 12 is a part.
      if (/^\s*(?:of|out of)\s+(?:the\s+)?(?:\d|[a-z]+\s+(?:patients|participants))/i.test(after)) continue;
      let score = p.score;
      const before = text.slice(Math.max(0, at - 24), at);
      if (PART_BEFORE.test(before)) score -= 3;
      const phrase = text.slice(m.index, Math.min(text.length, m.index + m[0].length + 40));
      if (PART_WORDS.test(phrase)) score -= 3;
      const evidence = m[0].replace(/^[.;:,\s]+/, '').trim();
      out.push({ size, evidence, score, index: at });
    }
  }
  return out;
}

/** Below this score a count is too unsure to show. */
const MIN_SAMPLE_SCORE = 6;

/**
 * The number of participants the abstract says were randomised, enrolled or studied, with the
 * words that say it; the surest phrase wins, the earliest among equals (the total comes before the
 * groups). Null when no phrase says it surely.
 */
export function sampleSize(text: string): SampleReading | null {
  const all = candidates(text).filter((c) => c.score >= MIN_SAMPLE_SCORE);
  if (all.length === 0) return null;
  all.sort((a, b) => b.score - a.score || a.index - b.index);
  const best = all[0]!;
  return { size: best.size, evidence: best.evidence };
}

/* ---------------------------------------------------------------- follow-up */

const DURATION_NUMBER = String.raw`(?:\d+(?:\.\d+)?|${WORD_NUMBER}|a|one)`;
const DURATION_UNIT = String.raw`(?:years?|yrs?|months?|mo|weeks?|wks?|days?|hours?|h)`;
const DURATION = String.raw`${DURATION_NUMBER}(?:\s?(?:to|-|\u2013|and)\s?${DURATION_NUMBER})?[\s-]?${DURATION_UNIT}\b`;

/** One time point or several ("6 months", "3, 6 and 12 months", "1 to 2 years"). */
const TIME_POINTS = String.raw`${DURATION_NUMBER}(?:(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)${DURATION_NUMBER}){0,5}(?:\s?(?:to|-|\u2013)\s?${DURATION_NUMBER})?[\s-]?${DURATION_UNIT}\b`;

/**
 * How long participants were followed, in the order of how surely the words say it. Only words
 * of following or of assessing at a time say it: a treatment given "daily for 8 weeks" says how
 * long the treatment lasted, not how long anyone was followed, and is not read.
 */
const FOLLOW_UP: Array<{ re: RegExp; group?: number }> = [
  // "a median follow-up of 4.2 years", "mean follow-up was 18 months", "follow-up period of 12 weeks".
  {
    re: new RegExp(
      String.raw`\b(?:(?:median|mean|average|minimum|maximum)\s+)?follow[- ]?up\s+(?:(?:period|duration|time|interval)\s+)?(?:of|was|lasted|:|=|,)?\s*(?:\w+\s+){0,2}?${DURATION}(?:\s*\([^)]{0,40}\))?`,
      'i',
    ),
  },
  // "followed up for 2 years", "followed for a median of 5.1 years".
  {
    re: new RegExp(
      String.raw`\bfollowed(?:\s+(?:them|up|participants|patients|subjects|children|women|men))?(?:\s+up)?\s+(?:for|during|over)\s+(?:a\s+)?(?:(?:median|mean|minimum|maximum|period)\s+(?:of\s+)?)?${DURATION}`,
      'i',
    ),
  },
  // "a 12-week follow-up", "after 6 months of follow-up", "at 1-year follow-up".
  { re: new RegExp(String.raw`\b${DURATION}\s+(?:of\s+)?follow[- ]?up\b`, 'i') },
  // "followed up at 3, 6 and 12 months", "assessed at baseline and at 6 months", "outcomes at 12 months".
  {
    re: new RegExp(
      String.raw`\b(?:followed(?:\s+up)?|re-?(?:assessed|evaluated|examined|interviewed|tested)|(?:assessed|evaluated|measured|examined|recorded|interviewed|surveyed|tested|scored|rated|contacted|seen)\b(?:(?!\b(?:for|during|daily|weekly|twice|once)\b)[^.;:]){0,60}?|(?:outcomes?|end ?points?|assessments?|measurements?|evaluations?|visits?)\b(?:(?!\b(?:for|during|daily|weekly|twice|once)\b)[^.;:]){0,60}?)\s+at\s+(?:baseline(?:\s*,\s*|\s+and\s+)(?:at\s+)?)?(?:the\s+)?(${TIME_POINTS})`,
      'i',
    ),
    group: 1,
  },
  // A result given at a time: "At 12 months, mortality was lower".
  {
    re: new RegExp(
      String.raw`(?:^|[.;]\s+)At\s+(${TIME_POINTS})(?:\s+(?:after|post)[\w-]*(?:\s+[\w-]+)?)?,`,
      '',
    ),
    group: 1,
  },
  // The length of the study itself: "in a 16-week trial", "a 2-year prospective study".
  {
    re: new RegExp(
      String.raw`\b${DURATION}\s+(?:(?:randomi[sz]ed|controlled|prospective|longitudinal|multicent(?:re|er)|observational|double-blind|open-label|clinical|cohort|parallel(?:-group)?|,)\s+){0,4}(?:trial|study)\b`,
      'i',
    ),
  },
];

export interface FollowUpReading {
  words: string;
  /** The longest duration the words state, in days; null when they state none. */
  days: number | null;
}

const DAYS_PER: Array<[RegExp, number]> = [
  [/^(?:years?|yrs?)$/i, 365],
  [/^(?:months?|mo)$/i, 30.4],
  [/^(?:weeks?|wks?)$/i, 7],
  [/^days?$/i, 1],
  [/^(?:hours?|h)$/i, 1 / 24],
];

function durationDays(words: string): number | null {
  const re = new RegExp(
    String.raw`(${DURATION_NUMBER})(?:\s?(?:to|-|\u2013|and)\s?(${DURATION_NUMBER}))?[\s-]?(${DURATION_UNIT})\b`,
    'gi',
  );
  let best: number | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(words)) !== null) {
    const raw = (m[2] ?? m[1] ?? '').toLowerCase();
    const n = raw === 'a' ? 1 : /^\d/.test(raw) ? Number(raw) : numberValue(raw);
    const per = DAYS_PER.find(([u]) => u.test(m![3] ?? ''))?.[1];
    if (n === null || per === undefined || !Number.isFinite(n)) continue;
    const d = n * per;
    if (best === null || d > best) best = d;
  }
  return best;
}

/**
 * How long participants were followed, in the abstract's words; null when it does not say. A
 * treatment period alone ("daily for 8 weeks", "a 6-month intervention") is not a follow-up.
 */
export function followUp(text: string): FollowUpReading | null {
  for (const { re, group } of FOLLOW_UP) {
    const m = re.exec(text);
    if (m) {
      const words = (group ? (m[group] ?? m[0]) : m[0]).trim();
      return { words, days: durationDays(words) };
    }
  }
  return null;
}
