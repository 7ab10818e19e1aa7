/**
 * Sizes every context agrees on: the background checks requests against them, the database's write
 * functions enforce them, the backup reader refuses records beyond them, and editors stop typing
 * at them. Each is far beyond anything a person writes, and bounds what a hostile page can send.
 */

/** A DOI (or any identifier kept as text). */
export const MAX_ID = 200;
/** A PMID or PMCID: digits, with the `PMC` prefix. */
export const MAX_SHORT_ID = 20;
/** A title or a journal name. */
export const MAX_TITLE = 1000;
/** An address. */
export const MAX_URL = 2048;
/** A note is text a person typed: a megabyte is far beyond any real one, and bounds the damage. */
export const MAX_NOTE = 1_000_000;
/** Longest quote kept: a few paragraphs. A longer selection is refused rather than cut. */
export const MAX_QUOTE = 5000;
/** Context kept on each side of a quote; anchoring needs a few words, not a page. */
export const MAX_CONTEXT = 64;
/** A highlight's comment. */
export const MAX_COMMENT = 20_000;
/** A text offset in a page (a TextPositionSelector's start or end). */
export const MAX_OFFSET = 50_000_000;
/** Most tags on one note, and the longest tag: tags are labels, not text. */
export const MAX_TAGS = 30;
export const MAX_TAG = 40;
/** Most highlights reported at once; a paper with more is not one a person highlighted. */
export const MAX_IDS = 2000;
/** At most this many results of a list page are badged. */
export const MAX_LIST = 200;
/** At most this many papers per `librarySummaries` request. */
export const MAX_SUMMARY_BATCH = 200;
/** A PDF's fingerprint (pdf.js gives 32 hex digits; some files a longer hash). */
export const MAX_FINGERPRINT = 64;
/** Pages of a PDF a highlight may be on. */
export const MAX_PDF_PAGE = 100_000;
/** A concept's name. */
export const MAX_CONCEPT = 200;
/** Subject terms (MeSH terms, keywords) kept with a paper. */
export const MAX_CONCEPTS = 40;
/** The summary editor's prefill as the panel sends it (identifiers, glance passages), as JSON. */
export const MAX_PREFILL = 64_000;
