/**
 * PubMed and PubMed Central identifiers. A PMID is digits only; a PMCID is `PMC` + digits and is
 * never taken for a PMID (PMC3531190 and PMID 3531190 are different papers).
 */
import { decodeEntities, stripInvisible } from './text';

/** PMIDs are 1 to 8 digits today; 9 leaves room for growth without accepting phone numbers. */
const PMID_RE = /^[1-9]\d{0,8}$/;
const PMCID_RE = /^PMC(\d{1,9})$/i;

function clean(raw: string): string {
  return stripInvisible(decodeEntities(raw.length > 200 ? raw.slice(0, 200) : raw)).trim();
}

/** `23825705`, `PMID: 23825705`, `pmid:23825705`, `info:pmid/24690312`. */
export function parsePmid(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = clean(raw).replace(/^(?:info:pmid\/|pmid\s*[:=/]?\s*|pubmed\s*(?:id)?\s*[:=]?\s*)/i, '');
  return PMID_RE.test(s) ? s : null;
}

/** `PMC3531190`, `pmc3531190`, `PMCID: PMC3531190`; upper-cased. Bare digits are rejected. */
export function parsePmcid(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = clean(raw).replace(/^pmcid\s*:?\s*/i, '');
  const m = PMCID_RE.exec(s);
  return m?.[1] && !m[1].startsWith('0') ? `PMC${m[1]}` : null;
}

/** First `PMID: n` label in a piece of text (legacy PubMed prints `PMID: 15940349 [PubMed - …]`). */
export function findLabelledPmid(text: string): string | null {
  const m = /\bPMID\s*:\s*([1-9]\d{0,8})\b/.exec(text.length > 100_000 ? text.slice(0, 100_000) : text);
  return m?.[1] ?? null;
}

/** First `PMCID: PMCn` label in a piece of text. */
export function findLabelledPmcid(text: string): string | null {
  const m = /\bPMCID\s*:\s*(PMC[1-9]\d{0,8})\b/i.exec(text.length > 100_000 ? text.slice(0, 100_000) : text);
  return m?.[1] ? m[1].toUpperCase() : null;
}
