/**
 * Every message that crosses between the extension's contexts, in one place. Each entry is
 * `request → response`; errors cross as data (`Result`), never as thrown exceptions, and the
 * background validates every request on arrival (shape, sizes, sender).
 */
import type { PaperIds } from './identify/types';
import type { SummaryHit } from './summaries/schema';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ProtocolMap {
  /** Content script or popup → background: the summary for a paper's identifiers, or null when none. */
  lookup: (ids: PaperIds) => SummaryHit | null;
  /** Extension page → background: the edition of the bundled index (name, build date, count). */
  indexInfo: (req: Record<string, never>) => { edition: string; built: string; count: number };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
export type ResponseOf<K extends MessageType> = ReturnType<ProtocolMap[K]>;
export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: RequestOf<K>;
}

const MAX_ID = 200;
const MAX_TITLE = 1000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(v: unknown, max: number): boolean {
  return v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= max);
}

/** Shape and size checks for each request, run by the background before any handler. */
export const validators: { [K in MessageType]: (data: unknown) => data is RequestOf<K> } = {
  lookup: (d): d is PaperIds =>
    isRecord(d) &&
    Object.keys(d).every((k) => ['doi', 'pmid', 'pmcid', 'title'].includes(k)) &&
    optString(d.doi, MAX_ID) &&
    optString(d.pmid, 20) &&
    optString(d.pmcid, 20) &&
    optString(d.title, MAX_TITLE) &&
    Object.keys(d).length > 0,
  indexInfo: (d): d is Record<string, never> => isRecord(d) && Object.keys(d).length === 0,
};

export function isEnvelope(msg: unknown): msg is Envelope {
  return (
    isRecord(msg) &&
    typeof msg.type === 'string' &&
    Object.prototype.hasOwnProperty.call(validators, msg.type) &&
    'data' in msg
  );
}
