import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumMainPid, killHard } from '../support/kill-browser';
import {
  launchWithExtension,
  noteEditor,
  noteFrame,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';

/** What the editor shows and what its status says, read together in the frame. */
async function editorState(page: Page): Promise<{ value: string; state: string }> {
  const [value, state] = await Promise.all([
    noteEditor(page).inputValue(),
    noteFrame(page).getByTestId('takeaway-note-status').getAttribute('data-state'),
  ]);
  return { value, state: state ?? '' };
}

async function openNote(s: ExtensionSession): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(PUBLISHER);
  await readyEditor(page);
  return page;
}

/** Hold a write transaction on the notes from an extension page until the browser dies. */
async function holdNotes(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/review.html`);
  await page.evaluate(
    () =>
      new Promise<void>((started) => {
        const open = indexedDB.open('takeaway');
        open.onsuccess = () => {
          const notes = open.result
            .transaction(['papers', 'notes', 'highlights'], 'readwrite')
            .objectStore('notes');
          const spin = () => void (notes.count().onsuccess = spin);
          spin();
          started();
        };
      }),
  );
}

/** SIGKILL the browser's main process (no shutdown, no unload, no flush) and forget the session. */
async function kill(s: ExtensionSession, profile: string): Promise<void> {
  await killHard(chromiumMainPid(profile), profile);
  await s.close().catch(() => undefined);
}

describe.skipIf(skipE2E)('the browser is killed while the reader types', () => {
  const profile = mkdtempSync(join(tmpdir(), 'takeaway-killed-'));
  let s: ExtensionSession | undefined;
  afterAll(async () => {
    await s?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });

  it('every acknowledged keystroke survives SIGKILL; later text is there or was shown unsaved', async () => {
    s = await launchWithExtension({ userDataDir: profile });
    let page = await openNote(s);
    const first = 'Acknowledged before the first kill: RR 0.65, CI 0.41 to 1.02.';
    await noteEditor(page).fill(first);
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
    await kill(s, profile);

    s = await launchWithExtension({ userDataDir: profile });
    page = await openNote(s);
    await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(first);

    // Now killed in the middle of typing, at several moments: each time, what the editor said was
    // saved must be there after the restart, and anything missing must have been shown unsaved.
    let expected = first;
    // The last round holds the database (a write transaction of an extension page, as a slow disk
    // would) so that the kill certainly comes before the save lands.
    for (const [round, waitMs, hold] of [
      [1, 0, false],
      [2, 40, false],
      [3, 400, false],
      [4, 400, true],
    ] as const) {
      const more = ` Round ${round}: typed and then the browser was killed without warning.`;
      if (hold) await holdNotes(await s.context.newPage(), s.extensionId);
      const editor = noteEditor(page);
      await editor.press('End');
      await editor.pressSequentially(more, { delay: 3 });
      await page.waitForTimeout(waitMs);
      const atKill = await editorState(page);
      await kill(s, profile);
      const full = expected + more;
      expect(atKill.value).toBe(full);

      s = await launchWithExtension({ userDataDir: profile });
      page = await openNote(s);
      await expect.poll(() => noteEditor(page).isEnabled(), { timeout: 10_000 }).toBe(true);
      const restored = await noteEditor(page).inputValue();
      // Typing only appends, so what was stored is a prefix of what was typed, never less than the
      // last acknowledged text, and all of it when the status said "saved".
      expect(full.startsWith(restored), `restored: ${restored}`).toBe(true);
      expect(restored.length).toBeGreaterThanOrEqual(expected.length);
      if (atKill.state === 'saved') expect(restored).toBe(full);
      else expect(['saving', 'error']).toContain(atKill.state);
      if (hold) expect(restored).toBe(expected);
      console.log(
        `round ${round}: status "${atKill.state}" at the kill, ${full.length - restored.length} characters not stored`,
      );
      expected = restored;
    }
  });
});
