/**
 * The reader's data as every context sees it: papers, notes, highlights and what crosses between
 * the page, the note frame and the background. Types and small pure rules only; storing them is
 * lib/extension/db's job, and nothing here touches a browser API.
 */
import type { PaperIds } from './identify/types';
import { MAX_TAG, MAX_TAGS } from './limits';
import type { EvidenceLevel, StudyType } from './summaries/schema';

/** A paper as a page shows it: its identifiers, where it was seen and in which journal. */
export interface PaperSighting extends PaperIds {
  journal?: string;
  url?: string;
  /** The page's subject terms (MeSH terms, author keywords), so notes can be found by subject. */
  concepts?: string[];
  /**
   * A PDF's fingerprint (pdf.js `fingerprints[0]`, hex): one more key of the paper (`pdf:…`), so
   * the same file is known again even when it carries no DOI.
   */
  fingerprint?: string;
}

export interface Paper {
  id: number;
  /** Every lookup key of the paper (`doi:…`, `pmid:…`, `pmcid:…`, `title:…`), see lib/shared/summaries/keys. */
  keys: string[];
  doi?: string;
  pmid?: string;
  pmcid?: string;
  title?: string;
  journal?: string;
  /** Subject terms the paper's pages gave (MeSH terms, keywords), first seen first. */
  concepts?: string[];
  /** Addresses the paper was seen at (PubMed, PMC, publisher…), most recent last. */
  urls: string[];
  createdAt: number;
  updatedAt: number;
}

export interface Note {
  id: string;
  paperId: number;
  /** Markdown. */
  body: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** Set when moved to the trash; cleared on restore. */
  deletedAt?: number;
  /** The editor that wrote this version (see NoteBase in lib/extension/note-store.ts). */
  writer?: string;
  /**
   * Set when two records of one paper were merged and this note's text was appended to another
   * note (that note's id). The note stays in the trash, so the merge can be undone.
   */
  mergedInto?: string;
}

/** W3C Web Annotation selectors, so a highlight can be anchored again on a changed page. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** Background colour of each highlight colour: light enough to read black text through. */
export const HIGHLIGHT_SWATCHES: Record<HighlightColor, string> = {
  yellow: '#fde68a',
  green: '#bbf7d0',
  blue: '#bfdbfe',
  pink: '#fbcfe8',
};

export interface Highlight {
  id: string;
  paperId: number;
  quote: TextQuoteSelector;
  /** On a PDF: offsets in the text of page `page` (its text layer's text), not of the whole file. */
  position?: TextPositionSelector;
  /** The 1-based page of a highlight made in a PDF; absent on a web page. */
  page?: number;
  color: HighlightColor;
  comment?: string;
  /** Where it was made. */
  url: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

/** What the page side knows of a new highlight: where it is, not which paper record it belongs to. */
export interface HighlightDraft {
  id: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  /** The PDF page it is on (PDF viewer only). */
  page?: number;
  color: HighlightColor;
  comment?: string;
}

/** A highlight as the page side sees it: where it is and how it looks, never its comment. */
export interface PageHighlight {
  id: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  color: HighlightColor;
  hasComment: boolean;
}

export interface HighlightSaveRequest {
  sighting: PaperSighting;
  highlight: Omit<PageHighlight, 'hasComment'>;
  /** Ask the panel's note frame (in the same tab) to open the comment field of this highlight. */
  comment?: boolean;
}

/**
 * What a note editor sees of one paper: its notes (not in the trash, oldest first), its
 * highlights (so their comments are written in the editor's extension-origin document, never in
 * the page), and every tag used on any note, for autocomplete.
 */
export interface NoteSnapshot {
  paperId: number | null;
  notes: Note[];
  highlights: Highlight[];
  allTags: string[];
}

/** What the article page of the same tab tells its note frame (relayed by the background). */
export type PageEvent =
  /** The reader chose "highlight and comment": open that highlight's comment field. */
  | { kind: 'editComment'; highlightId: string }
  /** Highlights of this paper that could not be found again on this page. */
  | { kind: 'missing'; ids: string[] };

/** What the library needs of a paper's summary: small enough to cache for every noted paper. */
export interface PaperSummaryInfo {
  takeaway: string;
  level: EvidenceLevel;
  studyType: StudyType;
  concepts: string[];
  /** 'bundled' or the id of the pack that answered. */
  origin: string;
}

export function newNoteId(): string {
  return crypto.randomUUID();
}

/** Trim, fold inner white space, drop empties and case-insensitive duplicates (first spelling wins). */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.replace(/\s+/g, ' ').trim().replace(/^#/, '').slice(0, MAX_TAG);
    const k = t.toLowerCase();
    if (!t || seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out.slice(0, MAX_TAGS);
}

// ---------------------------------------------------------------------------------------------
// Which records are one paper. One rule, used by every path that matches papers: a page's
// sighting (upsertPaper), a lookup (findPaper) and a backup's merge (importBackup).

const STRONG = ['doi:', 'pmid:', 'pmcid:'] as const;

/**
 * The key of a PDF file (its fingerprint). Not a strong key: a shared fingerprint joins two records
 * only when no DOI, PMID or PMCID contradicts it (some producers write one fixed /ID into every
 * file they make), and two different fingerprints never contradict each other (one paper may
 * be read as a preprint, the journal's PDF and a library's copy). It ranks above the title.
 */
export const PDF_KEY = 'pdf:';

/** `pdf:<fingerprint>`, lowercased: the key a PDF file adds to its paper. */
export function pdfKey(fingerprint: string): string {
  return `${PDF_KEY}${fingerprint.trim().toLowerCase()}`;
}

const isStrong = (k: string) => STRONG.some((p) => k.startsWith(p));

/** Two sets of keys name different papers: for some kind of identifier both have one, and none agree. */
function conflict(a: readonly string[], b: readonly string[]): boolean {
  return STRONG.some((prefix) => {
    const mine = a.filter((k) => k.startsWith(prefix));
    const theirs = b.filter((k) => k.startsWith(prefix));
    return mine.length > 0 && theirs.length > 0 && !mine.some((k) => theirs.includes(k));
  });
}

/**
 * Whether a paper found by `keys` is really the one they describe. A shared DOI, PMID or PMCID
 * settles it. A shared title alone does not when the two disagree on an identifier of the same
 * kind: two papers with different DOIs are two papers, however alike their titles (a comment and
 * the article it answers, a conference abstract and the full paper), and merging them would mix
 * their notes.
 */
export function belongs(paper: Pick<Paper, 'keys'>, keys: readonly string[]): boolean {
  if (keys.some((k) => isStrong(k) && paper.keys.includes(k))) return true;
  return !conflict(paper.keys, keys);
}

/**
 * Of the papers holding any of `keys` (strongest key first, as `keysOf` orders them), the one they
 * describe: the paper with the strongest shared key among those that belong, or undefined.
 */
export function bestMatch<P extends Pick<Paper, 'keys'>>(
  candidates: readonly P[],
  keys: readonly string[],
): P | undefined {
  const ok = candidates.filter((p) => belongs(p, keys));
  for (const k of keys) {
    const p = ok.find((f) => f.keys.includes(k));
    if (p) return p;
  }
  return undefined;
}

/** `keys` with DOIs first, then PMIDs, PMCIDs, PDF fingerprints and the rest, each group in its own order. */
export function strongestFirst(keys: readonly string[]): string[] {
  const rank = (k: string) => {
    const i = STRONG.findIndex((p) => k.startsWith(p));
    if (i >= 0) return i;
    return k.startsWith(PDF_KEY) ? STRONG.length : STRONG.length + 1;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}
