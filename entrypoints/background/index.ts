import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { noteHandlers, serveNotePorts } from '../../lib/background/notes';
import { getDb } from '../../lib/db';
import { IndexService } from '../../lib/index/service';
import { dispatch, type Handlers } from '../../lib/messaging';

/** Read a file of the bundled index from the extension package. */
async function loadIndexFile(path: string): Promise<Uint8Array> {
  // Generated at build time, so not among WXT's typed public paths.
  const url = (browser.runtime.getURL as (p: string) => string)(`/index/${path}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`index file ${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export default defineBackground(() => {
  const index = new IndexService(loadIndexFile);
  const db = getDb();

  const handlers: Handlers = {
    lookup: (ids) => index.lookup(ids),
    indexInfo: async () => {
      const m = await index.getManifest();
      return { edition: m.edition, built: m.built, count: m.count };
    },
    ...noteHandlers(db),
  };

  // Registered synchronously at start-up so a worker woken by a message finds its listener.
  browser.runtime.onMessage.addListener((msg: unknown, sender) =>
    dispatch(handlers, msg, sender, browser.runtime.id),
  );
  browser.runtime.onConnect.addListener((port) => serveNotePorts(db, port, browser.runtime.id));
});
