/**
 * Every message that crosses between the extension's contexts, in one place. Each entry is
 * `request → response`; errors cross as data (`Result`), never as thrown exceptions, and the
 * background validates every request on arrival (shape, sizes, sender: see
 * lib/extension/background/request-checks.ts and router.ts). Types and constants only.
 */
import type { PaperIds } from './identify/types';
import type { Glance } from './glance/types';
import type { PageHints } from './identify/hints';
import type { ConceptSummaries } from './index/service';
import type {
  Highlight,
  HighlightSaveRequest,
  Note,
  NoteSnapshot,
  PageEvent,
  PageHighlight,
  PaperSighting,
  PaperSummaryInfo,
} from './model';
import type { SummaryHit } from './summaries/schema';
import type { SummaryPrefill } from './editor-params';
import type { SiteSetting } from './settings';

export { MAX_LIST, MAX_NOTE, MAX_PREFILL, MAX_SUMMARY_BATCH } from './limits';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ProtocolMap {
  /** Content script or popup → background: the summary for a paper's identifiers, or null when none. */
  lookup: (ids: PaperIds) => SummaryHit | null;
  /**
   * Content script → background: the reader's choices for the sender's own site (the host of the
   * frame's address; no other site's). Read where storage answers at once: a content script's own
   * read of extension storage waits behind the loading page (about 30 ms in Firefox).
   */
  siteSetting: (req: Record<string, never>) => SiteSetting;
  /** Extension page → background: the edition of the bundled index (name, build date, count). */
  indexInfo: (req: Record<string, never>) => { edition: string; built: string; count: number };
  /** Note frame → background: write a note's text (creating its paper on first save), merged with other edits made since `base` (the version it was edited from). Extension pages only. */
  noteSave: (req: {
    sighting: PaperSighting;
    noteId: string;
    body: string;
    tags?: string[];
    base?: { body: string; tags: string[] };
  }) => Note;
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
  /** Content script → background: open the summary editor in a new tab for the panel's paper, prefilled with what the page knew. */
  openSummaryEditor: (req: { paper: SummaryPrefill }) => void;
  /** Review page → background: the summary of each noted paper (takeaway, level, concepts) for the library, null when none. Extension pages only. */
  librarySummaries: (req: { papers: PaperIds[] }) => (PaperSummaryInfo | null)[];
}

/** What a result list shows on one item: the evidence level of its summary, and whether a note exists. */
export interface ListBadge {
  level: number | null;
  note: boolean;
}

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
  /** The automatic reading of the page's abstract, when it has one. */
  glance: Glance | null;
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
