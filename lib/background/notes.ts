import type { Browser } from 'wxt/browser';
import type { TakeawayDB } from '../db';
import { dexieNoteStore } from '../db/note-store';
import { isExtensionPage } from '../messaging';
import { isNotesPortMessage, NOTES_PORT, type NotesPortMessage } from '../protocol';

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
  const store = dexieNoteStore(db);
  let unsubscribe: (() => void) | null = null;
  port.onMessage.addListener((msg: unknown) => {
    if (unsubscribe || !isNotesPortMessage(msg)) return;
    unsubscribe = store.watch(
      msg.sighting,
      (snapshot) => port.postMessage({ kind: 'snapshot', snapshot } satisfies NotesPortMessage),
      (e) => port.postMessage({ kind: 'error', error: String(e) } satisfies NotesPortMessage),
    );
  });
  port.onDisconnect.addListener(() => unsubscribe?.());
}
