/**
 * The summary record: the contract between editors' files, the index builder and the extension.
 * Field names follow DESIGN.md ("Summary source format") and must not be renamed.
 */

export const STUDY_TYPES = [
  'meta-analysis',
  'systematic review',
  'randomized controlled trial',
  'non-randomized controlled trial',
  'cohort study',
  'case-control study',
  'cross-sectional study',
  'case series',
  'case report',
  'diagnostic accuracy study',
  'qualitative study',
  'economic evaluation',
  'guideline',
  'narrative review',
  'expert opinion',
  'preclinical',
  'other',
] as const;

export type StudyType = (typeof STUDY_TYPES)[number];
export type EvidenceLevel = 1 | 2 | 3 | 4 | 5;

/** Common ways editors write a study type, mapped to the controlled list. Keys are lowercase. */
const STUDY_TYPE_ALIASES: Record<string, StudyType> = {
  rct: 'randomized controlled trial',
  'randomised controlled trial': 'randomized controlled trial',
  'randomized trial': 'randomized controlled trial',
  'randomised trial': 'randomized controlled trial',
  'clinical trial': 'randomized controlled trial',
  'non-randomised controlled trial': 'non-randomized controlled trial',
  'nonrandomized controlled trial': 'non-randomized controlled trial',
  'quasi-experimental study': 'non-randomized controlled trial',
  'meta analysis': 'meta-analysis',
  metaanalysis: 'meta-analysis',
  'systematic review and meta-analysis': 'meta-analysis',
  'systematic review with meta-analysis': 'meta-analysis',
  'sr/ma': 'meta-analysis',
  'systematic literature review': 'systematic review',
  cohort: 'cohort study',
  'prospective cohort study': 'cohort study',
  'retrospective cohort study': 'cohort study',
  'case control study': 'case-control study',
  'case-control': 'case-control study',
  'cross sectional study': 'cross-sectional study',
  'cross-sectional': 'cross-sectional study',
  'case reports': 'case report',
  'diagnostic study': 'diagnostic accuracy study',
  'qualitative research': 'qualitative study',
  'cost-effectiveness analysis': 'economic evaluation',
  'practice guideline': 'guideline',
  'clinical practice guideline': 'guideline',
  review: 'narrative review',
  'literature review': 'narrative review',
  'scoping review': 'narrative review',
  'expert review': 'narrative review',
  editorial: 'expert opinion',
  commentary: 'expert opinion',
  opinion: 'expert opinion',
  'animal study': 'preclinical',
  'in vitro study': 'preclinical',
  'laboratory study': 'preclinical',
  'basic science': 'preclinical',
};

export function normaliseStudyType(input: string): StudyType | null {
  const key = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if ((STUDY_TYPES as readonly string[]).includes(key)) return key as StudyType;
  return STUDY_TYPE_ALIASES[key] ?? null;
}

/**
 * Oxford CEBM-style default level for a study type, used when the editor gives none. A guideline
 * is graded by what it rests on, so it gets the middle; expert opinion and preclinical work the
 * bottom.
 */
export const DEFAULT_LEVEL: Record<StudyType, EvidenceLevel> = {
  'meta-analysis': 1,
  'systematic review': 1,
  'randomized controlled trial': 2,
  'non-randomized controlled trial': 3,
  'cohort study': 3,
  'diagnostic accuracy study': 3,
  'case-control study': 3,
  'cross-sectional study': 4,
  'case series': 4,
  'case report': 4,
  'qualitative study': 4,
  'economic evaluation': 4,
  guideline: 3,
  'narrative review': 5,
  'expert opinion': 5,
  preclinical: 5,
  other: 5,
};

export const LEVEL_MEANING: Record<EvidenceLevel, string> = {
  1: 'Level 1: systematic reviews and meta-analyses of trials (strongest)',
  2: 'Level 2: randomised trials',
  3: 'Level 3: controlled but non-randomised studies (cohort, case-control)',
  4: 'Level 4: case series, cross-sectional and other descriptive studies',
  5: 'Level 5: expert opinion, narrative reviews and preclinical work (weakest)',
};

/** Every field an editor may write (DESIGN.md "Summary source format"), `body` included. */
export const SUMMARY_FIELDS = [
  'doi',
  'pmid',
  'pmcid',
  'title',
  'journal',
  'published',
  'study_type',
  'evidence_level',
  'key_takeaway',
  'caveats',
  'key_findings',
  'practice_relevance',
  'concepts',
  'source',
  'updated',
  'body',
] as const;

export interface Concept {
  name: string;
  mesh?: string;
}

export interface SummarySource {
  name?: string;
  url?: string;
  review?: string;
}

/** A validated summary, as stored in the index and shown in the overlay. */
export interface Summary {
  doi?: string;
  pmid?: string;
  pmcid?: string;
  title?: string;
  journal?: string;
  published?: string;
  study_type: StudyType;
  evidence_level: EvidenceLevel;
  /** True when the level was derived from the study type rather than given by the editor. */
  level_derived?: boolean;
  key_takeaway: string;
  caveats: string[];
  key_findings: string[];
  practice_relevance?: string;
  concepts: Concept[];
  source?: SummarySource;
  updated?: string;
  body?: string;
}

/** A summary as returned by a lookup: the record plus where it came from. */
export interface SummaryHit {
  summary: Summary;
  /** Which index answered: 'bundled' or a pack id. */
  origin: string;
  /** Related summaries precomputed at build time (title + ids + level), strongest link first. */
  related: RelatedSummary[];
  /** Edition name and build date of the index that answered. */
  edition: { name: string; built: string };
  /** Set when the summary is one the reader wrote (their own pack): who wrote it and when. */
  written?: { author?: string; at: string };
  /** The reader's own summary of the same paper, when the bundled edition answered instead. */
  yours?: SummaryHit;
}

export interface RelatedSummary {
  title: string;
  doi?: string;
  pmid?: string;
  evidence_level: EvidenceLevel;
  shared: string[];
}
