import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteFrame,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

const HOSTILE = 'https://journals.plos.org/plosmedicine/article?id=10.1371/journal.pmed.1004321';
const SECRET = 'canary-note-7f3a9 patient Jones';
const SECRET_COMMENT = 'canary-comment-51c2e';

async function probe(page: Page): Promise<{ found: string; recorded: string }> {
  return page.evaluate(() =>
    (window as unknown as { __probe: () => Promise<{ found: string; recorded: string }> }).__probe(),
  );
}

describe.skipIf(skipE2E)('a hostile page cannot read the note', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds nothing of the note or a highlight comment in the DOM, shadow roots, frames, storage or messages', async () => {
    const page = await s.context.newPage();
    await page.goto(HOSTILE);
    const editor = await readyEditor(page);
    await editor.pressSequentially(SECRET, { delay: 5 });
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);

    // A highlight with a comment: the comment is typed in the note frame. The reader goes back
    // to the article (focus leaves the frame) and selects a paragraph.
    await page.locator('#p-1').click();
    await page.evaluate(() => {
      const p = document.getElementById('p-2')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await page.keyboard.press('Alt+Shift+KeyM');
    const field = noteFrame(page).getByTestId('takeaway-highlight-comment');
    await field.waitFor({ state: 'visible', timeout: 10_000 });
    await field.pressSequentially(SECRET_COMMENT, { delay: 5 });
    await page.waitForTimeout(300);

    const live = await probe(page);
    // The probe did reach what it could: the page, the panel's open shadow root, the frame's address.
    expect(live.found).toContain('Residual confounding');
    expect(live.found).toMatch(/frame-src chrome-extension:/);
    expect(live.found).not.toContain(SECRET);
    expect(live.found).not.toContain(SECRET_COMMENT);
    expect(live.recorded).not.toContain(SECRET);
    expect(live.recorded).not.toContain(SECRET_COMMENT);
    // Not even one typed letter crossed into the page's key listeners.
    expect(live.recorded).not.toMatch(/^key(down|press|up): c$/m);

    // On a later visit the note is loaded into the frame again, and still out of reach.
    await page.reload();
    await readyEditor(page);
    await expect
      .poll(() => (async () => (await readyEditor(page)).inputValue())(), { timeout: 10_000 })
      .toBe(SECRET);
    const later = await probe(page);
    expect(later.found).not.toContain(SECRET);
    expect(later.found).not.toContain(SECRET_COMMENT);
    expect(later.recorded).not.toContain(SECRET);
    expect(later.recorded).not.toContain(SECRET_COMMENT);
    await page.close();
  });
});
