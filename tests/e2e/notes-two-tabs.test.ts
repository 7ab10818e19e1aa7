import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteEditor,
  noteFrame,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const PUBMED = 'https://pubmed.ncbi.nlm.nih.gov/41800001/';
const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';

/**
 * Hold a write transaction on the notes from an extension page, so that the saves of both tabs
 * wait in the database and reach it together: the two writers' saves of one second, made certain.
 */
async function holdNotes(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(
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
  return () =>
    page.evaluate(() => {
      (window as unknown as { release?: boolean }).release = true;
    });
}

describe.skipIf(skipE2E)('one note, two tabs, the same second', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("keeps both tabs' words and tells the reader the note was merged", async () => {
    const one = await s.context.newPage();
    await one.goto(PUBMED);
    const editorOne = await readyEditor(one);
    await editorOne.fill('Shared start: both tabs show this.');
    await expect.poll(() => noteStatus(one).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);

    // The same paper at its publisher's address, in a second tab.
    const two = await s.context.newPage();
    await two.goto(PUBLISHER);
    const editorTwo = await readyEditor(two);
    await expect
      .poll(() => editorTwo.inputValue(), { timeout: 10_000 })
      .toBe('Shared start: both tabs show this.');

    const holder = await s.context.newPage();
    await holder.goto(`chrome-extension://${s.extensionId}/review.html`);
    const release = await holdNotes(holder);
    await editorOne.press('End');
    await editorOne.pressSequentially('\n\nFrom tab one: the RR is 0.65.', { delay: 5 });
    await editorTwo.press('End');
    await editorTwo.pressSequentially('\n\nFrom tab two: ask the ward about physio.', { delay: 5 });
    expect(await noteStatus(one).textContent()).toMatch(/^Saving/);
    expect(await noteStatus(two).textContent()).toMatch(/^Saving/);
    await release();

    const merged =
      'Shared start: both tabs show this.\n\nFrom tab one: the RR is 0.65.\n\nFrom tab two: ask the ward about physio.';
    for (const page of [one, two]) {
      await expect.poll(() => noteStatus(page).textContent(), { timeout: 15_000 }).toMatch(/^Saved/);
      await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(merged);
    }
    // The tab whose save met the other's words says so, in words.
    const told = await Promise.all(
      [one, two].map((p) => noteFrame(p).getByTestId('takeaway-note-merged').count()),
    );
    expect(told.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    const notice = noteFrame(told[1] ? two : one).getByTestId('takeaway-note-merged');
    expect(await notice.textContent()).toMatch(/another tab or window/);

    // What is stored, read again in a fresh tab.
    const three = await s.context.newPage();
    await three.goto(PUBMED);
    await readyEditor(three);
    await expect.poll(() => noteEditor(three).inputValue(), { timeout: 10_000 }).toBe(merged);
    for (const p of [one, two, three, holder]) await p.close();
  });
});
