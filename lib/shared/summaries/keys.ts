import type { PaperIds } from '../identify/types';

/**
 * Lookup keys. Every identifier of a paper becomes one key string, so the index, the packs and the
 * notes database agree on what "the same paper" means.
 */
export type KeyKind = 'doi' | 'pmid' | 'pmcid' | 'title';

/** Lowercase, strip accents and punctuation, fold white space: titles differ in trivia across sites. */
export function normaliseTitle(title: string): string {
  // Plain ASCII, the usual case, has no accents to strip: skip Unicode normalisation.
  const folded = /^[\x20-\x7e]*$/.test(title)
    ? title
    : title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return folded
    .toLowerCase()
    .replace(/<[^>]{0,40}>/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normaliseKey(kind: KeyKind, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'doi':
      return v.toLowerCase();
    case 'pmid':
      return v.replace(/^0+/, '');
    case 'pmcid':
      return v.toUpperCase().startsWith('PMC') ? v.toUpperCase() : `PMC${v}`;
    case 'title':
      return normaliseTitle(v);
  }
}

/** All keys of a paper, strongest first; titles shorter than four words are too ambiguous to key on. */
export function keysOf(ids: PaperIds): string[] {
  const keys: string[] = [];
  if (ids.doi) keys.push(`doi:${normaliseKey('doi', ids.doi)}`);
  if (ids.pmid) keys.push(`pmid:${normaliseKey('pmid', ids.pmid)}`);
  if (ids.pmcid) keys.push(`pmcid:${normaliseKey('pmcid', ids.pmcid)}`);
  if (ids.title) {
    const t = normaliseTitle(ids.title);
    if (t.split(' ').length >= 4) keys.push(`title:${t}`);
  }
  return keys;
}
