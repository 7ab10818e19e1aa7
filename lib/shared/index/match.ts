import type { PaperIds } from '../identify/types';
import { normaliseKey, normaliseTitle, type KeyKind } from '../summaries/keys';
import type { Summary } from '../summaries/schema';

const STRONG = ['doi', 'pmid', 'pmcid'] as const;

/** The key of one kind for a record, as keysOf would write it. */
export function keyOfKind(s: PaperIds, kind: KeyKind): string | undefined {
  const v = s[kind];
  if (!v) return undefined;
  return kind === 'title' ? `title:${normaliseTitle(v)}` : `${kind}:${normaliseKey(kind, v)}`;
}

/**
 * Whether a record found under `key` really answers the query. The record must carry the key
 * itself (hashes can collide). A title match is only a fallback: it is refused when the page and
 * the record both have an identifier of the same kind and they differ, because then they are two
 * papers that share a title (a preprint and its article, an erratum, a reply).
 */
export function acceptsMatch(query: PaperIds, record: Summary, key: string, kind: KeyKind): boolean {
  if (keyOfKind(record, kind) !== key) return false;
  if (kind !== 'title') return true;
  for (const k of STRONG) {
    const q = query[k];
    const r = record[k];
    if (q && r && normaliseKey(k, q) !== normaliseKey(k, r)) return false;
  }
  return true;
}
