/**
 * The glance on this page: the abstract read from the page and what it says, or null when the page
 * has no abstract of its own (no card is shown then). Never throws: a hostile page gets no card.
 */
import { glance, readAbstract, readPageFacts } from '../../shared/glance';
import type { Glance } from '../../shared/glance/types';

export interface PageGlance {
  glance: Glance;
  /** The abstract's element on the page (null when it came from a meta tag). */
  element: Element | null;
}

export function readGlance(
  doc: Document,
  url: string,
  title: string | undefined,
  publicationTypes: string[],
): PageGlance | null {
  try {
    const abstract = readAbstract(doc, url);
    if (!abstract) return null;
    const facts = readPageFacts(doc);
    return {
      glance: glance({
        ...(title ? { title } : {}),
        abstract: abstract.text,
        sections: abstract.sections,
        publicationTypes,
        meshTerms: facts.meshTerms,
        keywords: facts.keywords,
        url,
      }),
      element: abstract.element,
    };
  } catch (e) {
    console.warn('Takeaway: the abstract could not be read', e);
    return null;
  }
}
