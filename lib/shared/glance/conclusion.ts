/**
 * The authors' conclusion, verbatim: the Conclusion(s)/Interpretation section of a structured
 * abstract (from the page's sections or from headings left inline in the text), else the closing
 * sentences of a plain abstract chosen by how conclusions are written: present tense and hedged
 * claims ("… is safe and effective", "… may reduce …"), cue phrases ("In conclusion", "These
 * findings suggest"), no statistics. Trailers (trial registration, funding, copyright, keywords,
 * level of evidence) are never part of it.
 */
import { isTrailerRole, textSections } from './headings';
import { sentenceSpans, type Span } from './sentences';
import type { AbstractSection } from './types';

/** A sentence that is a trailer, not part of the abstract's argument. */
const TRAILER_SENTENCE =
  /^(?:trial registration|clinical trials? registration|registration(?: number)?|registered|funding|sources? of funding|copyright|\u00a9|\(c\)\s*(?:19|20)\d\d|all rights reserved|keywords?\b|key ?words|level of evidence|levels of evidence|evidence level|study number|clinicaltrials\.gov|isrctn|nct\d|this (?:trial|study) (?:is|was) registered|(?:the )?trial (?:is|was) registered|published by|this article is protected|\[?(?:abstract truncated|this abstract)|unique identifier|url\s*:|prospero\b|crd\d)/i;

/** Words inside a sentence from which the rest is trailer ("… treatment. Copyright © 2012 …"). */
const TRAILER_INSIDE =
  /\s(?:Copyright\s*(?:\u00a9|\(c\))?\s*(?:19|20)\d\d|\u00a9\s*(?:19|20)?\d\d|\(c\)\s*(?:19|20)\d\d|KEYWORDS?\s*:|Key ?words\s*:|Trial registration\s*:|TRIAL REGISTRATION\b|Level of evidence\s*:|LEVEL OF EVIDENCE\b)/;

/** Registration numbers and similar identifiers. */
const REGISTRY_ID =
  /\b(?:NCT\d{6,8}|ISRCTN\d{5,8}|ACTRN\d{10,14}|ChiCTR[-\w]{4,20}|CRD\d{8,14}|EudraCT|DRKS\d{6,8}|UMIN\d{6,9}|IRCT\d{6,20}|CTRI\/\d)/;

/**
 * Statistics: a sentence that reports numbers is a result, not a conclusion. A percentage counts
 * unless it is below one with decimals, as a concentration is written ("bupivacaine 0.25%").
 */
const STATS =
  /\b[Pp]\s?[<=>\u2264\u2265]\s?0?\.\d|\b(?:95|99|90)\s?%\s?(?:CI|confidence)|\bCI\b|\u00b1|\+\/-|\b(?:OR|HR|RR|IRR|aOR|aHR)\s?[=:,]?\s?\d|\(\s?n\s?=\s?\d|(?:^|[^\d.])(?!0?\.\d+\s?%)\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?(?:vs\.?|versus)\s?\d|\b(?:mean|median)\b[^.;]{0,40}\d|\b[rR]2?\s?=\s?-?0?\.\d|\b[Pp]\s?(?:less than|greater than|[<>]\s?or\s?=|=<|>=)\s?0?\.\d|\b(?:hazard|odds|risk|rate) ratios?,?\s?(?:of\s|was\s|=\s?|:\s?)?\d*\.\d|\d\s?\(\s?(?:SD|SE|SEM|IQR|range)\b|\d\s?(?:per cent|percent)\b/;

/**
 * Phrases that open a conclusion and mark its start: nothing before them belongs to it. "We
 * conclude" is not one of them: authors write it after restating their main finding as often as
 * at the start ("We found no effect of X. We conclude that X has no place in …").
 */
const OPENS_CONCLUSION =
  /^(?:in conclusion|in summary|to conclude|to summari[sz]e|in short|in brief|taken together|altogether|collectively|(?:the |our )?(?:main |principal )?conclusions?\b)/i;

/** Phrases that usually state a conclusion (but may follow another conclusion sentence). */
const STATES_CONCLUSION =
  /^(?:overall|thus|therefore|hence|consequently|accordingly|we (?:suggest|propose|believe|recommend|found|showed|have shown|demonstrated)|these (?:results|findings|data|observations|preliminary|outcomes)|this (?:study|trial|pilot|preliminary|randomi[sz]ed|analysis|investigation|work|experiment|is the first|intervention|approach|strategy|method|technique|treatment|regimen|program|programme)|our (?:results|findings|data|study|observations|trial)|the (?:results|findings|data)(?: of (?:this|the present|our) (?:study|trial))? (?:suggest|indicate|show|demonstrate|support|confirm)|the present (?:study|results|findings|data|trial)|(?:the )?results (?:of this|of the present|suggest|indicate|show)|it appears|it seems)\b|\b(?:(?:results|findings|data|study|trial) (?:suggest|indicate|show|demonstrate|support|confirm)s?|suggests? that|indicates? that|we conclude)\b/i;

/** Present tense and modal verbs: conclusions generalise, results report what happened. */
const GENERAL =
  /\b(?:is|are|may|might|can|cannot|could|should|would|must|will|appears?|seems?|remains|represents?|offers?|provides?|has|have|does|do|improves|reduces|increases|decreases|prevents|enhances|produces|leads|results in|requires?|merits?|deserves?|warrants?|allows?|shows|demonstrates|confirms|supports|suggests|indicates|underlines|highlights|underscores|lowers|raises|shortens|prolongs|accelerates|delays|reverses|protects|benefits|contributes|affects|alters|modifies|attenuates|abolishes|achieves|exerts|induces|depends|constitutes|differs|compares)\b/gi;

/** Past tense: what results report. */
const PAST =
  /\b(?:was|were|had|showed|experienced|reported|received|occurred|persisted|noticed|observed|found|performed|evaluated|assessed|measured|recorded|completed|developed|required|needed|maintained|tended)\b/gi;

/** Words that conclusions use and results rarely do. */
const CONCLUSION_WORDS =
  /\b(?:conclu\w*|suggest\w*|indicat\w*|effective\w*|efficacious|safe|safely|well[- ]tolerated|feasible|beneficial|recommend\w*|warrant\w*|needed|future|further|promising|potential\w*|useful|option|alternative|support\w*|implication\w*|clinical practice|justif\w*|advis\w*|worthwhile|viable|acceptable|valuable|importan\w*|role|approach|strategy|therapy|treatment of)\b/gi;

/** What results say: what was observed, in which group, how often. */
const REPORTS =
  /^(?:(?:the )?results showed|of (?:these|those|the)\b|(?:more|fewer|most) (?:\w+ ){0,2}(?:patients|subjects|participants|children|women|men)\b|there (?:was|were)|no (?:\w+ ){0,3}(?:was|were|occurred)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|none|all|both|neither) (?:of )?(?:the )?(?:\w+ )?(?:patients|subjects|participants|groups?|children|women|men)|(?:in|at|after|during|by) (?:the )?(?:end|week|month|day|follow|baseline|\d))|\b(?:was|were) (?:observed|found|noted|seen|recorded|detected|measured|reported|obtained|similar|comparable|not (?:significantly )?different|significantly|higher|lower|greater|smaller)|\b(?:occurred|did not differ|did not change|differed|tended to|remained)\b|\b(?:in|of|for) the (?:intervention|control|treatment|placebo|experimental|active|comparison) (?:group|arm)s?\b/i;

/** Sentences that continue a conclusion: calls for more research, limitations, implications. */
const CONTINUES =
  /^(?:further|future|larger|more|additional|longer|however|but|nevertheless|also|moreover|furthermore|in addition|additionally|such|this|these|its|trials|studies|research|whether|limitations)\b/i;

function isTrailer(s: string): boolean {
  return TRAILER_SENTENCE.test(s) || (REGISTRY_ID.test(s) && s.length < 200);
}

/** The span without any trailer that starts inside it. */
function cutTrailer(text: string, span: Span): Span {
  const m = TRAILER_INSIDE.exec(text.slice(span.start, span.end));
  if (!m) return span;
  let end = span.start + m.index;
  while (end > span.start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start: span.start, end };
}

/** Sentences of text[from, to) without trailers at the end. */
function argumentSentences(text: string, from: number, to: number): Span[] {
  const spans = sentenceSpans(text, from, to);
  while (
    spans.length > 0 &&
    isTrailer(text.slice(spans[spans.length - 1]!.start, spans[spans.length - 1]!.end))
  )
    spans.pop();
  const last = spans[spans.length - 1];
  if (last) spans[spans.length - 1] = cutTrailer(text, last);
  return spans.filter((s) => s.end > s.start);
}

/**
 * Most characters of a section read for its conclusion: a conclusion is a few sentences, so only
 * the start of a conclusions section and the end of any other is split into sentences.
 */
const MAX_CONCLUSION_SCAN = 4000;

/** The conclusion text of a section span: its sentences without trailers, verbatim. */
function sectionConclusion(text: string, from: number, to: number): string | null {
  const spans = argumentSentences(text, from, Math.min(to, from + MAX_CONCLUSION_SCAN));
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return null;
  const out = text.slice(first.start, last.end).trim();
  return out.length >= 3 ? out : null;
}

const count = (re: RegExp, s: string, cap: number): number => Math.min(cap, (s.match(re) ?? []).length);

/** How much a sentence reads like a conclusion rather than a result (higher: more like a conclusion). */
export function conclusionScore(s: string): number {
  if (STATS.test(s)) return -4;
  let score = 0;
  if (STATES_CONCLUSION.test(s)) score += 2;
  score += count(GENERAL, s, 2);
  score += count(CONCLUSION_WORDS, s, 2) * 0.75;
  score -= count(PAST, s, 2) * 0.5;
  if (REPORTS.test(s)) score -= 1.5;
  if (CONTINUES.test(s)) score += 0.5;
  return score;
}

/**
 * Words of a title that say nothing of its question: function words and the words every trial's
 * title uses for its design.
 */
const TITLE_STOP = new Set(
  'the and for with from into onto over under than that this these those their its our your are was were been being has have had not nor but all any each both per via using use used among between after before during versus effect effects effectiveness efficacy study studies trial trials randomised randomized random controlled control double blind single open label placebo pilot phase clinical comparison compared comparing evaluation evaluating assessment patients participants subjects people adults children women men group groups results outcome outcomes analysis prospective multicentre multicenter centre center'.split(
    ' ',
  ),
);

/** The content words of a text, lower case: at least three letters, no title stop words. */
function contentWords(s: string): Set<string> {
  const out = new Set<string>();
  const words = s.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? [];
  for (let i = 0; i < words.length && i < 200; i++) if (!TITLE_STOP.has(words[i]!)) out.add(words[i]!);
  return out;
}

/** Share of the smaller set's words that the other has too. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / Math.min(a.size, b.size);
}

/**
 * A conclusion answers the question the title asks, in its words ("Intranasal nicotine for
 * postoperative pain" … "Treatment with a single dose of nicotine … lower pain scores"); a result
 * speaks of groups, measures and events. A sentence sharing much of the title's words reads more
 * like a conclusion, one sharing almost none less. No title, no change.
 */
const TITLE_SHARED = 0.4;
const TITLE_APART = 0.15;
function titleLean(s: string, title: Set<string> | null): number {
  if (!title || title.size < 2) return 0;
  const o = overlap(contentWords(s), title);
  return o >= TITLE_SHARED ? 1.5 : o < TITLE_APART ? -0.5 : 0;
}

/** A sentence joins the conclusion when it scores at least this. */
const JOIN_AT = 1;
/** The sentence just before the last joins more easily: most conclusions are one or two sentences. */
const JOIN_PREVIOUS = 0;
/** The sentence before one that leans back on it joins unless it is a result with statistics. */
const JOIN_LEANT = -3;

/** Openings of a sentence that continues the one before it rather than starting a point. */
const LEANS_BACK =
  /^(?:however|additionally|moreover|furthermore|in addition|also|nevertheless|nonetheless|but|yet|it|they|its|their|in contrast|conversely|likewise|similarly|therefore|thus|hence|accordingly|consequently)\b/i;

/**
 * The closing sentences of a plain abstract that make up its conclusion: the last sentence, and
 * before it each sentence that reads like a conclusion (no statistics), back to one that opens the
 * conclusion ("In conclusion, …"), at most four sentences in all, never the whole abstract.
 */
function closingSentences(text: string, spans: Span[], title: Set<string> | null): string | null {
  const n = spans.length;
  if (n === 0) return null;
  const sentence = (i: number): string => text.slice(spans[i]!.start, spans[i]!.end);
  let first = n - 1;
  if (!OPENS_CONCLUSION.test(sentence(first))) {
    for (let i = n - 2; i >= Math.max(1, n - 4); i--) {
      const s = sentence(i);
      const opens = OPENS_CONCLUSION.test(s);
      // A sentence that leans on the one before ("However, …", "It also …") takes it along.
      const leant = i === n - 2 && LEANS_BACK.test(sentence(n - 1));
      const bar = leant ? JOIN_LEANT : i === n - 2 ? JOIN_PREVIOUS : JOIN_AT;
      if (!opens && conclusionScore(s) + titleLean(s, title) < bar) break;
      first = i;
      if (opens) break;
    }
  }
  return text.slice(spans[first]!.start, spans[n - 1]!.end).trim() || null;
}

/**
 * The authors' conclusion, verbatim from `text` (or from the conclusions section of `sections`).
 * Null when the abstract has no recognisable conclusion (a single sentence, or only statistics).
 */
export function findConclusion(text: string, sections?: AbstractSection[], title?: string): string | null {
  if (sections && sections.length > 1) {
    const own = sections.find((s) => s.role === 'conclusions' && s.text.trim());
    if (own) return sectionConclusion(own.text, 0, own.text.length);
    // Structured, but without a conclusions section: fall through to the text.
  }
  const parts = textSections(text);
  const concl = parts.find((s) => s.role === 'conclusions');
  if (concl) return sectionConclusion(text, concl.start, concl.end);
  // No conclusions heading: the closing sentences of the last section that is not a trailer.
  const last = [...parts].reverse().find((p) => !isTrailerRole(p.role) && !(p.label && p.role === 'other'));
  if (!last) return null;
  // A long section is read from near its end; the first sentence found there may be cut, so it
  // is dropped.
  const from = Math.max(last.start, last.end - MAX_CONCLUSION_SCAN);
  const spans = argumentSentences(text, from, last.end);
  if (from > last.start) spans.shift();
  if (spans.length < 2) return null;
  return closingSentences(text, spans, title ? contentWords(title) : null);
}
