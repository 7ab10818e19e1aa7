import { MAX_TITLE } from '../limits';
import { normaliseStudyType, type StudyType } from '../summaries/schema';

/**
 * What the page itself says about the paper's evidence, for papers that have no summary: the
 * publication types a site such as PubMed lists, and whether the paper is retracted or under an
 * expression of concern. Pure: reads the document, writes nothing.
 */
export interface PageHints {
  /** Publication types as the page prints them ("Randomized Controlled Trial", "Review", …). */
  publicationTypes: string[];
  /** The strongest study type those map to, when one does. */
  studyType: StudyType | null;
  retracted: boolean;
  expressionOfConcern: boolean;
}

/** Where sites list publication types: PubMed's header, article-type meta tags. */
const TYPE_SELECTORS = ['#article-details .publication-type', '.heading .publication-type', '.article-type'];
const TYPE_META = ['citation_article_type', 'dc.type', 'prism.section'];

/** Parts of a page that describe other papers: never read a warning from there. */
const OTHER_PAPERS =
  '#similar, .similar-articles, #references, .references, #citedby, .cited-by, [class*="related" i]';

/** PubMed publication types and their place in the controlled list (strongest first). */
const TYPE_MAP: [RegExp, StudyType][] = [
  [/^meta-analysis$/i, 'meta-analysis'],
  [/^systematic review$/i, 'systematic review'],
  [/^randomi[sz]ed controlled trial$/i, 'randomized controlled trial'],
  [/^(practice )?guideline$/i, 'guideline'],
  [/^(controlled )?clinical trial$/i, 'non-randomized controlled trial'],
  [/^observational study$/i, 'cohort study'],
  [/^comparative study$/i, 'cohort study'],
  [/^case reports?$/i, 'case report'],
  [/^review$/i, 'narrative review'],
  [/^(editorial|comment)$/i, 'expert opinion'],
];

function text(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function readPageHints(doc: Document): PageHints {
  const types = new Set<string>();
  for (const sel of TYPE_SELECTORS)
    for (const el of doc.querySelectorAll(sel)) {
      if (el.closest(OTHER_PAPERS)) continue;
      for (const part of text(el).split(/[;,]\s*/)) if (part && part.length < 60) types.add(part);
    }
  for (const name of TYPE_META) {
    const v = doc.querySelector(`meta[name="${name}" i]`)?.getAttribute('content')?.trim();
    if (v && v.length < 60) types.add(v);
  }
  const publicationTypes = [...types];

  let studyType: StudyType | null = null;
  for (const [re, t] of TYPE_MAP) {
    if (publicationTypes.some((p) => re.test(p))) {
      studyType = t;
      break;
    }
  }
  studyType ??= publicationTypes.map(normaliseStudyType).find((t): t is StudyType => t !== null) ?? null;

  const title =
    doc.querySelector('meta[name="citation_title" i]')?.getAttribute('content') ??
    doc.querySelector('h1')?.textContent ??
    '';
  let retracted =
    publicationTypes.some((p) => /^retracted publication$/i.test(p)) ||
    /^\s*(\[?retracted\]?[:.\s])/i.test(title);
  let concern = publicationTypes.some((p) => /^expression of concern$/i.test(p));
  // Publisher banners ("This article has been retracted"), outside the lists of other papers.
  for (const el of doc.querySelectorAll(
    '[class*="retract" i], [id*="retract" i], [class*="concern" i], [role="alert"]',
  )) {
    if (el.closest(OTHER_PAPERS)) continue;
    const t = text(el).slice(0, 300);
    if (/\b(has been|was|is) retracted\b|^retracted\b|retraction notice|retracted article/i.test(t))
      retracted = true;
    if (/expression of concern/i.test(t)) concern = true;
  }
  return { publicationTypes, studyType, retracted, expressionOfConcern: concern };
}

/** The journal's name as the page's citation metadata gives it, kept with the paper's record. */
export function journalOf(doc: Document): string | undefined {
  const v = doc
    .querySelector('meta[name="citation_journal_title" i], meta[name="prism.publicationName" i]')
    ?.getAttribute('content')
    ?.trim();
  return v ? v.slice(0, MAX_TITLE) : undefined;
}
