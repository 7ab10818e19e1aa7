/**
 * Messages between the notes library page and its search worker (search-worker.ts). Each request
 * carries a number; the worker answers with the same number. Requests are handled in the order
 * sent, except searches, which only the latest is answered when several are waiting.
 */
import type { PaperDoc, SearchHit } from './search';

/**
 * Hits as they cross from the worker: ids and scores in typed arrays (moved, not copied), and the
 * matched words of the best hits only (the page marks those; every other hit has none).
 */
export interface PackedHits {
  ids: Uint32Array;
  scores: Float64Array;
  terms: string[][];
}

export function packHits(hits: readonly SearchHit[]): PackedHits {
  const ids = new Uint32Array(hits.length);
  const scores = new Float64Array(hits.length);
  const terms: string[][] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    ids[i] = h.id;
    scores[i] = h.score;
    if (h.terms.length) terms[i] = h.terms;
  }
  return { ids, scores, terms };
}

const NONE: string[] = [];

export function unpackHits(p: PackedHits): SearchHit[] {
  const out = new Array<SearchHit>(p.ids.length);
  for (let i = 0; i < p.ids.length; i++)
    out[i] = { id: p.ids[i]!, score: p.scores[i]!, terms: p.terms[i] ?? NONE };
  return out;
}

export type SearchRequest =
  | { n: number; type: 'restore-kept'; dbName: string }
  | { n: number; type: 'keep'; dbName: string; stamps: Array<[number, string]> }
  | { n: number; type: 'build'; docs: PaperDoc[] }
  | { n: number; type: 'put'; docs: PaperDoc[] }
  | { n: number; type: 'remove'; ids: number[] }
  | { n: number; type: 'search'; query: string };

export type SearchReply =
  | { n: number; type: 'done' }
  | {
      n: number;
      type: 'restored';
      stamps: Array<[number, string]> | null;
      /** Milliseconds spent reading the kept index from storage, and loading it. */
      readMs: number;
      loadMs: number;
    }
  | { n: number; type: 'kept'; ok: boolean }
  | { n: number; type: 'hits'; hits: PackedHits | null }
  | { n: number; type: 'error'; message: string };
