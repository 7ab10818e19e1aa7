/**
 * Every message that crosses between the extension's contexts, in one place. Each entry is
 * `request → response`; errors cross as data (`Result`), never as thrown exceptions, and the
 * background validates every request on arrival (shape, sizes, sender).
 */
import type { Highlight, Note } from '../extension/db/index';
import type { NoteSnapshot, PageEvent } from '../extension/db/note-store';
import type { PaperSighting } from '../extension/db/papers';
import type { PaperIds } from './identify/types';
import {
  isHighlightComment,
  isHighlightTrash,
  isHighlightIds,
  isHighlightSave,
  isHighlightsGet,
  isNoteTrash,
  isTags,
  type HighlightSaveRequest,
  type PageHighlight,
} from './checks';
import type { PageHints } from './identify/hints';
import type { ConceptSummaries } from './index/service';
import type { SummaryHit } from './summaries/schema';
import type { PaperSummaryInfo } from '../extension/library/model';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ProtocolMap {
  /** Content script or popup → background: the summary for a paper's identifiers, or null when none. */
  lookup: (ids: PaperIds) => SummaryHit | null;
  /** Extension page → background: the edition of the bundled index (name, build date, count). */
  indexInfo: (req: Record<string, never>) => { edition: string; built: string; count: number };
  /** Note frame → background: write a note's text (creating its paper on first save). Extension pages only. */
  noteSave: (req: { sighting: PaperSighting; noteId: string; body: string; tags?: string[] }) => Note;
  /** Content script → background: the highlights of a paper, without their comments (they stay in extension pages). */
  highlightsGet: (req: { sighting: PaperSighting }) => PageHighlight[];
  /** Content script → background: create or move a highlight; `comment` opens its comment field in the note frame. */
  highlightSave: (req: HighlightSaveRequest) => { id: string };
  /** Content script or extension page → background: move a highlight to the trash (or back out: undo). */
  highlightDelete: (req: { id: string; trashed?: boolean }) => void;
  /** Content script → background: these highlights were not found on the page (listed in the note frame). */
  highlightsMissing: (req: { ids: string[] }) => void;
  /** Note frame → background: write the comment of a highlight. Extension pages only. */
  highlightComment: (req: { id: string; comment: string }) => Highlight;
  /** Note frame → background: move a note to the trash, or back out of it (undo). Extension pages only. */
  noteTrash: (req: { noteId: string; trashed: boolean }) => void;
  /** Content script → background: for each paper of a result list, its summary's level and whether the reader has a note. */
  lookupMany: (req: { papers: PaperIds[] }) => ListBadge[];
  /** Concept page → background: the summaries that carry a concept, strongest evidence first. */
  concept: (req: { name: string }) => ConceptSummaries | null;
  /** Content script → background: open one of the extension's pages (library, concept) in a new tab. */
  openPage: (req: { page: ExtensionPage; concept?: string }) => void;
  /** Review page → background: the summary of each noted paper (takeaway, level, concepts) for the library, null when none. Extension pages only. */
  librarySummaries: (req: { papers: PaperIds[] }) => (PaperSummaryInfo | null)[];
}

/** What a result list shows on one item: the evidence level of its summary, and whether a note exists. */
export interface ListBadge {
  level: number | null;
  note: boolean;
}

/** At most this many results are badged on one page. */
export const MAX_LIST = 200;

/** At most this many papers per `librarySummaries` request. */
export const MAX_SUMMARY_BATCH = 200;

/** Extension pages a content script may ask to open. */
export type ExtensionPage = 'review' | 'concept';

/** Keyboard commands declared in the manifest. */
export const COMMANDS = ['toggle-panel', 'focus-note'] as const;
export type Command = (typeof COMMANDS)[number];

/** What the content script found on its tab, for the popup. */
export interface TabState {
  host: string;
  disabled: boolean;
  paper: PaperIds | null;
  hit: SummaryHit | null;
  hints: PageHints | null;
}

/**
 * Messages the extension sends to the content script of one tab (`tabs.sendMessage`). The content
 * script accepts them only from its own extension.
 */
export interface TabProtocolMap {
  /** Popup → content script: what was identified on this page and what the index said. */
  tabState: (req: Record<string, never>) => TabState;
  /** Background → content script: the reader pressed one of the extension's keyboard shortcuts. */
  command: (req: { command: Command }) => boolean;
  /** Popup → content script: the reader switched Takeaway on or off for this site. */
  siteToggled: (req: { disabled: boolean }) => boolean;
}

/** Messages that only the extension's own pages may send, never a content script. */
export const EXTENSION_PAGES_ONLY: ReadonlySet<MessageType> = new Set<MessageType>([
  'noteSave',
  'highlightComment',
  'noteTrash',
  'librarySummaries',
]);

/** Port over which the background pushes a paper's notes to a note frame whenever they change. */
export const NOTES_PORT = 'takeaway-notes';
export type NotesPortMessage =
  | { kind: 'watch'; sighting: PaperSighting }
  | { kind: 'snapshot'; snapshot: NoteSnapshot }
  | { kind: 'error'; error: string }
  | { kind: 'page'; event: PageEvent };

export type MessageType = keyof ProtocolMap;
export type RequestOf<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
export type ResponseOf<K extends MessageType> = ReturnType<ProtocolMap[K]>;
export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: RequestOf<K>;
}

const MAX_ID = 200;
const MAX_TITLE = 1000;
const MAX_URL = 2048;
/** A note is text a person typed: a megabyte is far beyond any real one, and bounds the damage. */
export const MAX_NOTE = 1_000_000;

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
  concept: (d): d is { name: string } =>
    isRecord(d) && typeof d.name === 'string' && d.name.trim().length > 0 && d.name.length <= 200,
  lookupMany: (d): d is { papers: PaperIds[] } =>
    isRecord(d) &&
    Array.isArray(d.papers) &&
    d.papers.length <= MAX_LIST &&
    d.papers.every((p) => validators.lookup(p)),
  openPage: (d): d is { page: ExtensionPage; concept?: string } =>
    isRecord(d) &&
    (d.page === 'review' || d.page === 'concept') &&
    optString(d.concept, 200) &&
    Object.keys(d).every((k) => k === 'page' || k === 'concept'),
  noteSave: (d): d is { sighting: PaperSighting; noteId: string; body: string; tags?: string[] } =>
    isRecord(d) &&
    Object.keys(d).every((k) => ['sighting', 'noteId', 'body', 'tags'].includes(k)) &&
    (d.tags === undefined || isTags(d.tags)) &&
    isSighting(d.sighting) &&
    typeof d.noteId === 'string' &&
    /^[0-9a-f-]{8,64}$/i.test(d.noteId) &&
    typeof d.body === 'string' &&
    d.body.length <= MAX_NOTE,
  highlightsGet: (d): d is { sighting: PaperSighting } => isHighlightsGet(d),
  highlightSave: (d): d is HighlightSaveRequest => isHighlightSave(d),
  highlightDelete: (d): d is { id: string; trashed?: boolean } => isHighlightTrash(d),
  highlightsMissing: (d): d is { ids: string[] } => isHighlightIds(d),
  highlightComment: (d): d is { id: string; comment: string } => isHighlightComment(d),
  noteTrash: (d): d is { noteId: string; trashed: boolean } => isNoteTrash(d),
  librarySummaries: (d): d is { papers: PaperIds[] } =>
    isRecord(d) &&
    Object.keys(d).length === 1 &&
    Array.isArray(d.papers) &&
    d.papers.length <= MAX_SUMMARY_BATCH &&
    d.papers.every((p) => validators.lookup(p)),
};

export function isSighting(d: unknown): d is PaperSighting {
  return (
    isRecord(d) &&
    Object.keys(d).every((k) => ['doi', 'pmid', 'pmcid', 'title', 'journal', 'url'].includes(k)) &&
    optString(d.doi, MAX_ID) &&
    optString(d.pmid, 20) &&
    optString(d.pmcid, 20) &&
    optString(d.title, MAX_TITLE) &&
    optString(d.journal, MAX_TITLE) &&
    optString(d.url, MAX_URL) &&
    (d.doi !== undefined || d.pmid !== undefined || d.pmcid !== undefined || d.title !== undefined)
  );
}

export function isNotesPortMessage(m: unknown): m is Extract<NotesPortMessage, { kind: 'watch' }> {
  return isRecord(m) && m.kind === 'watch' && isSighting(m.sighting);
}

export function isEnvelope(msg: unknown): msg is Envelope {
  return (
    isRecord(msg) &&
    typeof msg.type === 'string' &&
    Object.prototype.hasOwnProperty.call(validators, msg.type) &&
    'data' in msg
  );
}
