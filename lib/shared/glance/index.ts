/**
 * The glance: an honest automatic reading of a paper's own abstract, for papers without a reviewed
 * summary. Pure: functions of a document and address, or of text; no browser API.
 *
 *   const abstract = readAbstract(document, location.href);
 *   const facts = readPageFacts(document);
 *   const g = abstract && glance({ title, abstract: abstract.text, sections: abstract.sections,
 *     publicationTypes: readPageHints(document).publicationTypes, ...facts, url: location.href });
 */
export type * from './types';
export { readAbstract, readPageFacts } from './abstract';
export { glance } from './glance';
export { CAVEATS, CAVEAT_IDS, type CaveatId } from './caveats';
