import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteEditor,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function workerTargets(cdp: CDPSession, extensionId: string): Promise<TargetInfo[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.filter(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
}

interface WorkerVersion {
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/**
 * Stop the extension's service worker as the browser does when it idles one out. A page's
 * DevTools session reaches the browser's service worker context: `ServiceWorker.stopAllWorkers`
 * stops every running worker of the profile, ours included (`Target.closeTarget` on the worker
 * target answers success but leaves it running). The ServiceWorker domain reports each stop.
 */
async function watchWorker(cdp: CDPSession, extensionId: string) {
  const seen: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: WorkerVersion[] }) => {
    for (const v of e.versions) {
      if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) seen.push(v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    stops: () => seen.filter((x) => x === 'stopped').length,
    kill: () => cdp.send('ServiceWorker.stopAllWorkers'),
  };
}

describe.skipIf(skipE2E)('the service worker dies in the middle of a save', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loses nothing: the editor keeps the text, retries, and the restarted worker stores all of it', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    const editor = await readyEditor(page);
    const cdp = await s.context.newCDPSession(page);
    const worker = await watchWorker(cdp, s.extensionId);

    const text = 'Written while the worker was stopped under it, three times: every letter must survive.';
    await editor.click();
    const typing = editor.pressSequentially(text, { delay: 12 });
    // Stop the worker three times while letters are being typed and saved one after another;
    // each time a message wakes it up again.
    for (let i = 1; i <= 3; i++) {
      await page.waitForTimeout(150);
      await worker.kill();
      await expect.poll(() => worker.stops(), { timeout: 5_000 }).toBeGreaterThanOrEqual(i);
    }
    await typing;
    // Stopped three times, and running again (the frame's saves woke it).
    expect(worker.stops()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => workerTargets(cdp, s.extensionId), { timeout: 5_000 }).toHaveLength(1);

    await expect.poll(() => noteStatus(page).textContent(), { timeout: 15_000 }).toMatch(/^Saved/);
    expect(await editor.inputValue()).toBe(text);
    await page.reload();
    await readyEditor(page);
    await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(text);

    // Read straight from the database, in an extension page.
    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html`);
    await expect
      .poll(() => review.getByTestId('review-note').first().textContent(), { timeout: 10_000 })
      .toContain(text);
    await review.close();
    await page.close();
  });

  it('a save held up in the database when the worker is stopped is sent again and lands', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    const editor = await readyEditor(page);
    const cdp = await s.context.newCDPSession(page);
    const worker = await watchWorker(cdp, s.extensionId);
    await editor.fill('Before the stop.');
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);

    // An extension page holds a write transaction on the notes, so the worker's next save waits
    // inside the database: the worker is stopped with that save in the middle.
    const holder = await s.context.newPage();
    await holder.goto(`chrome-extension://${s.extensionId}/review.html`);
    await holder.evaluate(
      () =>
        new Promise<void>((started) => {
          const open = indexedDB.open('takeaway');
          open.onsuccess = () => {
            const tx = open.result.transaction(['papers', 'notes', 'highlights'], 'readwrite');
            const notes = tx.objectStore('notes');
            const spin = () => {
              if ((window as unknown as { release?: boolean }).release) return;
              notes.count().onsuccess = spin;
            };
            spin();
            started();
          };
        }),
    );
    await editor.press('End');
    await editor.pressSequentially(' And the last words.', { delay: 5 });
    await page.waitForTimeout(300);
    expect(await noteStatus(page).textContent()).toMatch(/^Saving/);
    const before = worker.stops();
    await worker.kill();
    await expect.poll(() => worker.stops(), { timeout: 5_000 }).toBeGreaterThan(before);
    await holder.evaluate(() => {
      (window as unknown as { release?: boolean }).release = true;
    });

    const full = 'Before the stop. And the last words.';
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 15_000 }).toMatch(/^Saved/);
    await page.reload();
    await readyEditor(page);
    await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(full);
    await holder.close();
    await page.close();
  });

  it('a tab closed 100 ms after typing, while the worker was asleep, still saves every letter', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    const editor = await readyEditor(page);
    const cdp = await s.context.newCDPSession(page);
    const worker = await watchWorker(cdp, s.extensionId);
    await editor.fill('');
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
    // The browser idles the worker out; the reader types and closes the tab straight away.
    const before = worker.stops();
    await worker.kill();
    await expect.poll(() => worker.stops(), { timeout: 5_000 }).toBeGreaterThan(before);
    const text = 'Typed to a sleeping worker, tab closed at once.';
    await editor.pressSequentially(text, { delay: 5 });
    await page.waitForTimeout(100);
    await page.close({ runBeforeUnload: true });

    const again = await s.context.newPage();
    await again.goto(PUBLISHER);
    await readyEditor(again);
    await expect.poll(() => noteEditor(again).inputValue(), { timeout: 10_000 }).toBe(text);
    await again.close();
  });
});
