/** Constructors for `Found` values, so every signal normalises the same way. */
import type { Doi } from './doi';
import { normaliseTitle } from './text';
import type { Found, Signal } from './types';

export function foundDoi(doi: Doi | null, via: Signal): Found | null {
  return doi ? { value: doi.value, display: doi.display, via } : null;
}

export function foundPmid(pmid: string | null, via: Signal): Found | null {
  return pmid ? { value: pmid, display: pmid, via } : null;
}

export function foundPmcid(pmcid: string | null, via: Signal): Found | null {
  return pmcid ? { value: pmcid.toUpperCase(), display: pmcid.toUpperCase(), via } : null;
}

export function foundTitle(title: string | null, via: Signal): Found | null {
  if (!title) return null;
  const value = normaliseTitle(title);
  return value ? { value, display: title, via } : null;
}
