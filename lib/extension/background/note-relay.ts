import type { Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { TakeawayDB } from '../db';
import { highlightsOf, saveHighlight, setHighlightComment, trashHighlight } from '../db/highlights';
import { dexieNoteStore } from '../db/note-store';
import type { PageEvent } from '../../shared/model';
import { saveNote, trashNote } from '../db/notes';
import { recordSighting } from '../db/papers';
import { NOTES_PORT, type NotesPortMessage } from '../../shared/protocol';
import { isNotesPortMessage } from './request-checks';
import { isExtensionPage, type Handlers } from './router';

/** Note frames connected now, by the tab they are shown in. */
const framesByTab = new Map<number, Set<Browser.runtime.Port>>();
/**
 * The last report of highlights not found, by tab: the page may anchor before its note frame has
 * loaded, so a frame that connects later is told at once.
 */
const missingByTab = new Map<number, string[]>();
/**
 * A comment asked for from the page before its note frame was there (the panel was collapsed), by
 * tab. Kept in session storage, not only in memory: the worker may be stopped between the request
 * and the frame's arrival (the reader opens the panel a minute later), and the request must survive
 * it. Session storage is the extension's, cleared when the browser closes.
 */
const pendingComments = storage.defineItem<Record<string, string>>('session:pendingComments', {
  fallback: {},
});

async function askComment(tabId: number, highlightId: string): Promise<void> {
  const all = { ...(await pendingComments.getValue()), [String(tabId)]: highlightId };
  await pendingComments.setValue(all);
}

/** The comment asked for in this tab, if any, taken off the list. */
async function takeComment(tabId: number): Promise<string | undefined> {
  const all = await pendingComments.getValue();
  const id = all[String(tabId)];
  if (id === undefined) return undefined;
  const rest = { ...all };
  delete rest[String(tabId)];
  await pendingComments.setValue(rest);
  return id;
}

function tellFrames(tabId: number, event: PageEvent): void {
  for (const port of framesByTab.get(tabId) ?? []) {
    port.postMessage({ kind: 'page', event } satisfies NotesPortMessage);
  }
}

/**
 * Serve note frames: each frame opens a port, says which paper it shows, and receives that paper's
 * notes now and after every change. Ports from anything but the extension's own pages are closed.
 */
export function serveNotePorts(db: TakeawayDB, port: Browser.runtime.Port, ownId: string): void {
  if (port.name !== NOTES_PORT) return;
  if (!port.sender || !isExtensionPage(port.sender, ownId)) {
    port.disconnect();
    return;
  }
  const tabId = port.sender.tab?.id;
  if (tabId !== undefined) {
    const set = framesByTab.get(tabId) ?? new Set();
    set.add(port);
    framesByTab.set(tabId, set);
  }
  const store = dexieNoteStore(db);
  let unsubscribe: (() => void) | null = null;
  let disconnected = false;
  port.onMessage.addListener((msg: unknown) => {
    if (unsubscribe || !isNotesPortMessage(msg)) return;
    // The page may show that two known records are one paper: merge them before showing notes.
    recordSighting(db, msg.sighting).catch((e: unknown) =>
      console.warn('Takeaway: sighting not recorded', e),
    );
    unsubscribe = store.watch(
      msg.sighting,
      (snapshot) => port.postMessage({ kind: 'snapshot', snapshot } satisfies NotesPortMessage),
      (e) => port.postMessage({ kind: 'error', error: String(e) } satisfies NotesPortMessage),
    );
    if (tabId !== undefined)
      void takeComment(tabId).then(
        (asked) => {
          if (!asked) return;
          // The frame went away meanwhile: keep the request for the next one.
          if (disconnected) return askComment(tabId, asked);
          port.postMessage({
            kind: 'page',
            event: { kind: 'editComment', highlightId: asked },
          } satisfies NotesPortMessage);
        },
        (e: unknown) => console.warn('Takeaway: pending comment not read', e),
      );
    const missing = tabId === undefined ? undefined : missingByTab.get(tabId);
    if (missing)
      port.postMessage({ kind: 'page', event: { kind: 'missing', ids: missing } } satisfies NotesPortMessage);
  });
  port.onDisconnect.addListener(() => {
    disconnected = true;
    unsubscribe?.();
    if (tabId === undefined) return;
    const set = framesByTab.get(tabId);
    set?.delete(port);
    if (set?.size === 0) {
      framesByTab.delete(tabId);
      missingByTab.delete(tabId);
    }
  });
}

/** A request that must come from a content script: sent by a tab, from a web page. */
function fromContentScript(sender: Browser.runtime.MessageSender): boolean {
  return sender.tab?.id !== undefined && typeof sender.url === 'string' && /^https?:/.test(sender.url);
}

type NoteHandlers = Pick<
  Handlers,
  | 'noteSave'
  | 'highlightsGet'
  | 'highlightSave'
  | 'highlightDelete'
  | 'highlightsMissing'
  | 'highlightComment'
  | 'noteTrash'
>;

/**
 * Handlers of the note and highlight messages. Shapes and sizes are checked by `dispatch` before
 * these run; here the sender's kind is checked for the page-side messages, because a highlight
 * can only be made in a tab, at the address it is stored under.
 */
export function noteHandlers(db: TakeawayDB): NoteHandlers {
  return {
    noteSave: ({ sighting, noteId, body, tags, base }) => saveNote(db, sighting, noteId, body, tags, base),
    highlightsGet: async ({ sighting }, sender) => {
      if (!fromContentScript(sender)) throw new Error('highlights are read by the page side only');
      const list = await highlightsOf(db, sighting);
      return list.map((h) => ({
        id: h.id,
        quote: h.quote,
        ...(h.position ? { position: h.position } : {}),
        color: h.color,
        hasComment: !!h.comment,
      }));
    },
    highlightSave: async ({ sighting, highlight, comment }, sender) => {
      if (!fromContentScript(sender) || !sender.url) throw new Error('highlights are made on the page');
      const h = await saveHighlight(db, { ...sighting, url: sender.url }, highlight, sender.url);
      const tabId = sender.tab?.id;
      if (comment && tabId !== undefined) {
        if (framesByTab.get(tabId)?.size) tellFrames(tabId, { kind: 'editComment', highlightId: h.id });
        else await askComment(tabId, h.id);
      }
      return { id: h.id };
    },
    highlightsMissing: async ({ ids }, sender) => {
      const tabId = sender.tab?.id;
      if (!fromContentScript(sender) || tabId === undefined)
        throw new Error('reported by the page side only');
      missingByTab.set(tabId, ids);
      tellFrames(tabId, { kind: 'missing', ids });
    },
    highlightDelete: async ({ id, trashed }) => {
      await trashHighlight(db, id, trashed ?? true);
    },
    highlightComment: ({ id, comment }) => setHighlightComment(db, id, comment),
    noteTrash: ({ noteId, trashed }) => trashNote(db, noteId, trashed),
  };
}
