/**
 * The note frame's link to the database in the background: saves are typed messages, and changes
 * arrive over a port on which the background runs a live query. If the worker is stopped, the port
 * closes and is opened again.
 */
import { browser } from 'wxt/browser';
import type { NoteSnapshot, PaperSighting } from '../shared/model';
import type { NoteBase, NoteStore } from './note-store';
import { sendMessage } from '../shared/messaging';
import { NOTES_PORT, type NotesPortMessage } from '../shared/protocol';

export function backgroundNoteStore(): NoteStore {
  return {
    watch(sighting, onChange, onError, onPageEvent) {
      let closed = false;
      let port: ReturnType<typeof browser.runtime.connect> | null = null;
      const open = () => {
        if (closed) return;
        port = browser.runtime.connect({ name: NOTES_PORT });
        port.onMessage.addListener((msg: unknown) => {
          const m = msg as NotesPortMessage;
          if (m.kind === 'snapshot') onChange(m.snapshot as NoteSnapshot);
          else if (m.kind === 'error') onError?.(new Error(m.error));
          else if (m.kind === 'page') onPageEvent?.(m.event);
        });
        port.onDisconnect.addListener(() => {
          port = null;
          if (!closed) setTimeout(open, 250);
        });
        port.postMessage({ kind: 'watch', sighting } satisfies NotesPortMessage);
      };
      open();
      return () => {
        closed = true;
        port?.disconnect();
      };
    },
    async save(sighting: PaperSighting, noteId: string, body: string, tags?: string[], base?: NoteBase) {
      const r = await sendMessage('noteSave', {
        sighting,
        noteId,
        body,
        ...(tags ? { tags } : {}),
        ...(base ? { base } : {}),
      });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
    async trash(noteId: string, trashed: boolean) {
      const r = await sendMessage('noteTrash', { noteId, trashed });
      if (!r.ok) throw new Error(r.error);
    },
    async trashHighlight(id: string, trashed: boolean) {
      const r = await sendMessage('highlightDelete', { id, trashed });
      if (!r.ok) throw new Error(r.error);
    },
    async comment(id: string, comment: string) {
      const r = await sendMessage('highlightComment', { id, comment });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
  };
}
