import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { noteHandlers, serveNotePorts } from '../../lib/extension/background/note-relay';
import { welcomeOnInstall } from '../../lib/extension/background/welcome';
import { getDb, getSafetyCopy } from '../../lib/extension/db';
import { notesOfPaper } from '../../lib/extension/db/notes';
import { findPaper } from '../../lib/extension/db/papers';
import { CombinedIndex } from '../../lib/shared/index/combined';
import { packagedIndex } from '../../lib/extension/index/packaged';
import { dispatch, type Handlers } from '../../lib/extension/background/router';
import { sendTabMessage } from '../../lib/shared/messaging';
import { recordPacks, watchPacksMayExist } from '../../lib/extension/packs/presence';
import { lookupInPacks } from '../../lib/extension/packs/lookup';
import { librarySummaries } from '../../lib/extension/library/summary-cache';
import { COMMANDS, type Command } from '../../lib/shared/protocol';
import { editorParams, parseEditorParams } from '../../lib/shared/editor-params';
import { siteSettingOfSender } from '../../lib/extension/background/site-setting';

export default defineBackground(() => {
  const index = packagedIndex();
  const db = getDb();
  // The bundled edition first, then the reader's imported packs (lib/shared/index/combined.ts).
  // Most pages are misses, and most readers have no packs: then a miss need not open IndexedDB,
  // which costs tens of milliseconds in a worker that has just woken (lib/extension/packs/presence.ts).
  const packsMayExist = watchPacksMayExist();
  // Installed or updated: record whether packs exist, so that even a reader who never imports one
  // gets misses without IndexedDB from the next wake on.
  browser.runtime.onInstalled.addListener((details) => {
    void recordPacks(db);
    welcomeOnInstall(details).catch((e: unknown) => console.warn('Takeaway: welcome page not opened', e));
  });
  // At a browser start, once the first pages have had their answers: writes the database dropped
  // (a full disk, see lib/extension/db/safety-copy.ts) come back from the safety copy, and what the
  // copy missed is written.
  browser.runtime.onStartup.addListener(() => {
    setTimeout(() => {
      getSafetyCopy()
        ?.reconcile()
        .catch((e: unknown) => console.warn('Takeaway: the safety copy was not checked', e));
    }, 5_000);
  });
  const summaries = new CombinedIndex(index, async (ids) =>
    (await packsMayExist()) ? lookupInPacks(db, ids) : null,
  );

  const handlers: Handlers = {
    lookup: async (ids) => {
      const hit = await summaries.lookup(ids);
      // The bundled edition wins a conflict; the reader's own summary of the paper goes along, so
      // the panel can say it exists and show it on request.
      if (hit?.origin !== 'bundled' || !(await packsMayExist())) return hit;
      const yours = await lookupInPacks(db, ids, { ownOnly: true }).catch(() => null);
      return yours ? { ...hit, yours } : hit;
    },
    siteSetting: (_req, sender) => siteSettingOfSender(sender),
    indexInfo: async () => {
      const m = await index.getManifest();
      return { edition: m.edition, built: m.built, count: m.count };
    },
    ...noteHandlers(db),
    concept: ({ name }) => index.concept(name, 50),
    lookupMany: async ({ papers }) =>
      Promise.all(
        papers.map(async (ids) => {
          const [hit, paper] = await Promise.all([summaries.lookup(ids), findPaper(db, ids)]);
          const note = paper ? (await notesOfPaper(db, paper.id)).some((n) => n.body.trim() !== '') : false;
          return { level: hit?.summary.evidence_level ?? null, note };
        }),
      ),
    librarySummaries: ({ papers }) => librarySummaries(summaries, papers),
    openSummaryEditor: async ({ paper }, sender) => {
      // Re-read through the editor's own parser: only known fields, as bounded text.
      const fragment = editorParams(parseEditorParams(editorParams(paper)));
      await browser.tabs.create({
        url: browser.runtime.getURL('/summary-editor.html') + fragment,
        ...(sender.tab?.index !== undefined ? { index: sender.tab.index + 1 } : {}),
      });
    },
    openPage: async ({ page, concept }) => {
      const url =
        page === 'concept'
          ? browser.runtime.getURL(`/concept.html#${encodeURIComponent(concept ?? '')}`)
          : browser.runtime.getURL('/review.html');
      await browser.tabs.create({ url });
    },
  };

  // Registered synchronously at start-up so a worker woken by a message finds its listener.
  browser.runtime.onMessage.addListener((msg: unknown, sender) =>
    dispatch(handlers, msg, sender, browser.runtime.id),
  );
  // Keyboard shortcuts act on the panel of the active tab.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined || !(COMMANDS as readonly string[]).includes(command)) return;
    void sendTabMessage(tab.id, 'command', { command: command as Command });
  });
  browser.runtime.onConnect.addListener((port) => serveNotePorts(db, port, browser.runtime.id));
});
