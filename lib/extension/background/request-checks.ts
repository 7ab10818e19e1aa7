/**
 * The background's check of each request before any handler runs: shape, sizes and only the
 * expected keys. Requests from content scripts come from a context a hostile page sits next to, so
 * nothing is trusted; the field checks are lib/shared/checks.
 */
import {
  ID_RE,
  isColor,
  isPaperIds,
  isPosition,
  isQuote,
  isRecord,
  isSighting,
  isTags,
  onlyKeys,
  optString,
} from '../../shared/checks';
import {
  MAX_COMMENT,
  MAX_CONCEPT,
  MAX_IDS,
  MAX_LIST,
  MAX_NOTE,
  MAX_PREFILL,
  MAX_SUMMARY_BATCH,
} from '../../shared/limits';
import type { SummaryPrefill } from '../../shared/editor-params';
import type { HighlightSaveRequest, PaperSighting } from '../../shared/model';
import type { PaperIds } from '../../shared/identify/types';
import type {
  Envelope,
  ExtensionPage,
  MessageType,
  NotesPortMessage,
  RequestOf,
} from '../../shared/protocol';

export function isHighlightSave(d: unknown): d is HighlightSaveRequest {
  if (!isRecord(d) || !onlyKeys(d, ['sighting', 'highlight', 'comment'])) return false;
  const h = d.highlight;
  return (
    isSighting(d.sighting) &&
    (d.comment === undefined || typeof d.comment === 'boolean') &&
    isRecord(h) &&
    onlyKeys(h, ['id', 'quote', 'position', 'color']) &&
    typeof h.id === 'string' &&
    ID_RE.test(h.id) &&
    isQuote(h.quote) &&
    (h.position === undefined || isPosition(h.position)) &&
    isColor(h.color)
  );
}

export function isHighlightsGet(d: unknown): d is { sighting: PaperSighting } {
  return isRecord(d) && onlyKeys(d, ['sighting']) && isSighting(d.sighting);
}

export function isHighlightTrash(d: unknown): d is { id: string; trashed?: boolean } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['id', 'trashed']) &&
    typeof d.id === 'string' &&
    ID_RE.test(d.id) &&
    (d.trashed === undefined || typeof d.trashed === 'boolean')
  );
}

export function isHighlightComment(d: unknown): d is { id: string; comment: string } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['id', 'comment']) &&
    typeof d.id === 'string' &&
    ID_RE.test(d.id) &&
    typeof d.comment === 'string' &&
    d.comment.length <= MAX_COMMENT
  );
}

export function isHighlightIds(d: unknown): d is { ids: string[] } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['ids']) &&
    Array.isArray(d.ids) &&
    d.ids.length <= MAX_IDS &&
    d.ids.every((id) => typeof id === 'string' && ID_RE.test(id))
  );
}

export function isNoteTrash(d: unknown): d is { noteId: string; trashed: boolean } {
  return (
    isRecord(d) &&
    onlyKeys(d, ['noteId', 'trashed']) &&
    typeof d.noteId === 'string' &&
    ID_RE.test(d.noteId) &&
    typeof d.trashed === 'boolean'
  );
}

/**
 * The summary editor's prefill: a bounded object naming the paper. Its fields came from a web page;
 * the background passes them on only through the editor's own reader (parseEditorParams), which
 * keeps known fields as text.
 */
export function isPrefillRequest(d: unknown): d is { paper: SummaryPrefill } {
  if (!isRecord(d) || !onlyKeys(d, ['paper']) || !isRecord(d.paper)) return false;
  let size: number;
  try {
    size = JSON.stringify(d.paper).length;
  } catch {
    return false;
  }
  const p = d.paper;
  return (
    size <= MAX_PREFILL &&
    [p.doi, p.pmid, p.pmcid, p.title].some((v) => typeof v === 'string' && v.trim() !== '')
  );
}

/** A request that carries nothing (what it asks is given by its type and its sender). */
function isEmptyRequest(d: unknown): d is Record<string, never> {
  return isRecord(d) && Object.keys(d).length === 0;
}

/** Shape and size checks for each request, run by the background before any handler. */
export const validators: { [K in MessageType]: (data: unknown) => data is RequestOf<K> } = {
  lookup: (d): d is PaperIds => isPaperIds(d),
  indexInfo: isEmptyRequest,
  siteSetting: isEmptyRequest,
  concept: (d): d is { name: string } =>
    isRecord(d) && typeof d.name === 'string' && d.name.trim().length > 0 && d.name.length <= MAX_CONCEPT,
  lookupMany: (d): d is { papers: PaperIds[] } =>
    isRecord(d) && Array.isArray(d.papers) && d.papers.length <= MAX_LIST && d.papers.every(isPaperIds),
  openPage: (d): d is { page: ExtensionPage; concept?: string } =>
    isRecord(d) &&
    (d.page === 'review' || d.page === 'concept') &&
    optString(d.concept, MAX_CONCEPT) &&
    onlyKeys(d, ['page', 'concept']),
  noteSave: (d): d is RequestOf<'noteSave'> =>
    isRecord(d) &&
    onlyKeys(d, ['sighting', 'noteId', 'body', 'tags', 'base']) &&
    (d.tags === undefined || isTags(d.tags)) &&
    (d.base === undefined ||
      (isRecord(d.base) &&
        onlyKeys(d.base, ['body', 'tags', 'writer']) &&
        (d.base.writer === undefined || (typeof d.base.writer === 'string' && ID_RE.test(d.base.writer))) &&
        typeof d.base.body === 'string' &&
        d.base.body.length <= MAX_NOTE &&
        isTags(d.base.tags))) &&
    isSighting(d.sighting) &&
    typeof d.noteId === 'string' &&
    ID_RE.test(d.noteId) &&
    typeof d.body === 'string' &&
    d.body.length <= MAX_NOTE,
  highlightsGet: (d): d is { sighting: PaperSighting } => isHighlightsGet(d),
  highlightSave: (d): d is HighlightSaveRequest => isHighlightSave(d),
  highlightDelete: (d): d is { id: string; trashed?: boolean } => isHighlightTrash(d),
  highlightsMissing: (d): d is { ids: string[] } => isHighlightIds(d),
  highlightComment: (d): d is { id: string; comment: string } => isHighlightComment(d),
  noteTrash: (d): d is { noteId: string; trashed: boolean } => isNoteTrash(d),
  openSummaryEditor: (d): d is { paper: SummaryPrefill } => isPrefillRequest(d),
  librarySummaries: (d): d is { papers: PaperIds[] } =>
    isRecord(d) &&
    Object.keys(d).length === 1 &&
    Array.isArray(d.papers) &&
    d.papers.length <= MAX_SUMMARY_BATCH &&
    d.papers.every(isPaperIds),
};

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
