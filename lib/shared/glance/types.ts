/**
 * The glance: an automatic reading of a paper's own abstract, shown when no reviewed summary
 * exists. Every value in a Glance is either a verbatim piece of its input or null (DESIGN.md rule 6,
 * "Nothing is invented"); the explanatory texts come from the reviewed list in caveats.ts only.
 */
import type { StudyType } from '../summaries/schema';

export type { StudyType };

export type SectionRole =
  'background' | 'objective' | 'methods' | 'results' | 'conclusions' | 'registration' | 'funding' | 'other';

export interface AbstractSection {
  /** The heading as the page prints it, without its colon ("Conclusions and Relevance"); null when unlabelled. */
  label: string | null;
  role: SectionRole;
  text: string;
}

export interface Abstract {
  /** The whole abstract as plain text, whitespace folded (sections joined with their labels, "LABEL: text"). */
  text: string;
  /** One unlabelled section with role 'other' when not structured. */
  sections: AbstractSection[];
  structured: boolean;
  /** Which selector or meta tag it came from, e.g. 'pubmed', 'meta citation_abstract'. */
  via: string;
  /**
   * The element on the page holding it, when it came from the page's body (null from a meta tag).
   * Not serialisable; the page uses it to scroll to evidence words.
   */
  element: Element | null;
}

export interface GlanceInput {
  title?: string;
  abstract: string;
  sections?: AbstractSection[];
  publicationTypes?: string[];
  meshTerms?: string[];
  keywords?: string[];
  url?: string;
}

export type DesignSignal =
  | 'randomised'
  | 'double-blind'
  | 'single-blind'
  | 'triple-blind'
  | 'open-label'
  | 'placebo-controlled'
  | 'crossover'
  | 'cluster'
  | 'multicentre'
  | 'single-centre'
  | 'prospective'
  | 'retrospective'
  | 'pilot'
  | 'feasibility'
  | 'non-inferiority'
  | 'equivalence'
  | 'phase 1'
  | 'phase 2'
  | 'phase 3'
  | 'phase 4'
  | 'animal'
  | 'in vitro'
  | 'post hoc'
  | 'subgroup'
  | 'preprint'
  | 'non-randomised'
  | 'single-arm'
  | 'controlled'
  | (string & {});

export interface Caveat {
  /**
   * Stable id from the reviewed list, e.g. 'observational', 'small-sample', 'single-centre',
   * 'open-label', 'short-follow-up', 'pilot', 'subgroup', 'post-hoc', 'surrogate-outcome',
   * 'composite-outcome', 'animal-only', 'in-vitro-only', 'preprint', 'retracted', 'erratum',
   * 'expression-of-concern'.
   */
  id: string;
  /** Short statement from the reviewed list, e.g. "Observational design: shows association, not causation". */
  text: string;
  /** Why it matters, from the reviewed list. */
  reason: string;
  /**
   * The exact words of the input (or the page fact, e.g. the URL host "medrxiv.org" or a
   * publication type "Retracted Publication") that triggered it.
   */
  evidence: string;
}

export interface Glance {
  /** From lib/shared/summaries/schema STUDY_TYPES. */
  study_type: StudyType | null;
  study_type_from: 'publication type' | 'abstract' | null;
  /** The words (a publication type, or words of the abstract) the study type rests on. */
  study_type_evidence: string | null;
  design_signals: DesignSignal[];
  /** For each signal, the exact words of the input it rests on. */
  design_evidence: Record<string, string>;
  sample_size: number | null;
  /** Exact words, e.g. "1,204 patients were randomised". */
  sample_size_evidence: string | null;
  /** Exact words of the duration, e.g. "median follow-up of 4.2 years" or "12 months". */
  follow_up: string | null;
  /** Verbatim from the abstract. */
  conclusion: string | null;
  caveats: Caveat[];
  /** The page's MeSH terms and keywords, de-duplicated case-insensitively, input order. */
  concepts: string[];
}
