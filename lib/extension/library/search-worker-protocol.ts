/**
 * Messages between the notes library page and its search worker (search-worker.ts). Each request
 * carries a number; the worker answers with the same number. Requests are handled in the order
 * sent, except searches, which only the latest is answered when several are waiting.
 */
import type { PaperDoc, SearchHit } from './search';

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
  | { n: number; type: 'hits'; hits: SearchHit[] | null }
  | { n: number; type: 'error'; message: string };
