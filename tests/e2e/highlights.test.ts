import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteFrame,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';
import { READ_LAYER } from '../support/highlight-layer';

const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';
const ORIGINAL = readFileSync('tests/fixtures/pages/notes-bmj-081234.html', 'utf8');

/** Select the first occurrence of `words` inside the element `#id`, as a reader's drag would. */
async function select(page: Page, id: string, words: string): Promise<void> {
  await page.evaluate(
    ([id, words]) => {
      const el = document.getElementById(id as string);
      if (!el) throw new Error(`no #${id}`);
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const text = nodes.map((n) => n.data).join('');
      const start = text.indexOf(words as string);
      if (start < 0) throw new Error(`"${words}" not in #${id}`);
      const end = start + (words as string).length;
      const range = document.createRange();
      let at = 0;
      for (const n of nodes) {
        if (start >= at && start <= at + n.data.length) range.setStart(n, start - at);
        if (end >= at && end <= at + n.data.length) {
          range.setEnd(n, end - at);
          break;
        }
        at += n.data.length;
      }
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [id, words],
  );
}

interface DrawnBox {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Drawn {
  id: string;
  color: string;
  /** The computed background of its boxes. */
  background: string;
  /** The page's characters that lie under its boxes, in document order. */
  text: string;
  boxes: DrawnBox[];
}

/** Every highlight drawn on the page, read through CDP from an isolated world of the test's. */
async function layer(page: Page): Promise<Drawn[]> {
  interface CdpNode {
    nodeId: number;
    localName?: string;
    children?: CdpNode[];
    shadowRoots?: CdpNode[];
    contentDocument?: CdpNode;
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const find = (n: CdpNode): CdpNode | null => {
      if (n.localName === 'takeaway-highlights') return n;
      for (const c of n.children ?? []) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const shadow = find(root)?.shadowRoots?.[0];
    if (!shadow) return [];
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'takeaway-test',
    });
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId, executionContextId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: READ_LAYER,
      returnByValue: true,
    });
    return JSON.parse(result.value as string) as Drawn[];
  } finally {
    await cdp.detach();
  }
}

/** The text under each drawn highlight. */
async function drawn(page: Page): Promise<string[]> {
  return (await layer(page)).map((h) => h.text).sort();
}

/** Click the middle of the first box of the highlight over `words`, as a reader would. */
async function clickHighlight(page: Page, words: string): Promise<void> {
  const find = async () => (await layer(page)).find((h) => h.text.includes(words))?.boxes[0];
  let box = await find();
  if (!box) throw new Error(`no highlight over "${words}"`);
  const height = await page.evaluate(() => innerHeight);
  if (box.y < 0 || box.y + box.h > height) {
    await page.evaluate((dy) => scrollBy(0, dy), box.y - height / 2);
    box = (await find())!;
  }
  await page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
}

describe.skipIf(skipE2E)('highlights in Chromium', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('draws a highlight made with the toolbar or the shortcut again after a reload, and after the text changes slightly', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    await readyEditor(page);

    // With the toolbar: it appears beside the selection; its first button highlights in yellow.
    const first = '30-day mortality was 4.1% with early mobilisation';
    await select(page, 'p-3', first);
    const toolbar = page.locator('takeaway-toolbar');
    await toolbar.waitFor({ state: 'attached', timeout: 5_000 });
    const box = (await toolbar.boundingBox())!;
    await page.mouse.click(box.x + 16, box.y + 16);
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toEqual([first]);
    expect(await toolbar.count()).toBe(0);

    // With the keyboard shortcut, across an element boundary.
    const second = 'Objective To test whether getting out of bed';
    await select(page, 'p-1', second);
    await page.keyboard.press('Alt+Shift+KeyH');
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toEqual([first, second].sort());

    // A third one on a passage that a later version of the page drops.
    const third = 'Staffing physiotherapy at weekends was the main barrier';
    await select(page, 'p-21', third);
    await page.keyboard.press('Alt+Shift+KeyH');
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toHaveLength(3);
    // Saved: they are listed in the note frame.
    await expect
      .poll(() => noteFrame(page).getByTestId('takeaway-highlight-item').count(), { timeout: 5_000 })
      .toBe(3);

    await page.reload();
    await readyEditor(page);
    await expect.poll(() => drawn(page), { timeout: 10_000 }).toEqual([first, second, third].sort());

    // The publisher corrects the page: a note at the top, a figure edited inside the first
    // highlight, and the paragraph of the third removed.
    const edited = ORIGINAL.replace(
      '<h2>Abstract</h2>',
      '<p class="correction">This article was corrected on 2 November 2025.</p><h2>Abstract</h2>',
    )
      .replace('30-day mortality was 4.1% with early', '30-day mortality was 4.0% with early')
      .replace(/<p id="p-21">[^<]*<\/p>/, '');
    await s.context.route(PUBLISHER, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: edited }),
    );
    await page.reload();
    await readyEditor(page);
    await expect
      .poll(() => drawn(page), { timeout: 10_000 })
      .toEqual(['30-day mortality was 4.0% with early mobilisation', second].sort());
    // The one that no longer anchors is listed in the panel, not dropped.
    const missing = noteFrame(page).getByTestId('takeaway-missing-highlights');
    await expect.poll(() => missing.textContent(), { timeout: 10_000 }).toContain(third);
    await s.context.unroute(PUBLISHER);
    await page.close();
  });

  it('highlight-and-comment opens the comment in the note frame, and the comment is kept', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    await readyEditor(page);
    const words = 'Pragmatic, multicentre, randomised controlled trial';
    await select(page, 'p-2', words);
    await page.keyboard.press('Alt+Shift+KeyM');
    const frame = noteFrame(page);
    const item = frame.getByTestId('takeaway-highlight-item').filter({ hasText: words });
    const field = item.getByTestId('takeaway-highlight-comment');
    await field.waitFor({ state: 'visible', timeout: 10_000 });
    await field.fill('Blinded assessors only: performance bias possible.');
    await page.waitForTimeout(300);
    await page.reload();
    await readyEditor(page);
    await expect
      .poll(
        () =>
          noteFrame(page)
            .getByTestId('takeaway-highlight-item')
            .filter({ hasText: words })
            .getByTestId('takeaway-highlight-comment')
            .inputValue(),
        { timeout: 10_000 },
      )
      .toBe('Blinded assessors only: performance bias possible.');
    // The comment never reaches the page's DOM.
    expect(
      await page.evaluate(() => document.documentElement.textContent?.includes('performance bias')),
    ).toBe(false);
    await page.close();
  });

  it('highlight-and-comment opens a collapsed panel at the comment', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    await readyEditor(page);
    await page.getByRole('button', { name: 'Collapse Takeaway panel' }).click();
    await expect.poll(() => page.locator('iframe.tw-note-frame').count()).toBe(0);
    const words = 'hospitals that lack it should expect smaller benefits';
    await page.locator('#page-title').click();
    await select(page, 'p-21', words);
    await page.keyboard.press('Alt+Shift+KeyM');
    const item = noteFrame(page).getByTestId('takeaway-highlight-item').filter({ hasText: words });
    const field = item.getByTestId('takeaway-highlight-comment');
    await field.waitFor({ state: 'visible', timeout: 10_000 });
    // Focus is in the comment field: the reader types straight away.
    await expect
      .poll(() => field.evaluate((el) => el === document.activeElement && document.hasFocus()), {
        timeout: 5_000,
      })
      .toBe(true);
    await page.keyboard.type('Typed without a click.');
    await expect.poll(() => field.inputValue()).toBe('Typed without a click.');
    await page.close();
  });

  it('a click on a highlight offers to remove it, with undo; a removed one does not come back', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    await readyEditor(page);
    const words = 'the confidence interval was wide';
    await page.locator('#p-1').click();
    await select(page, 'p-20', words);
    await page.keyboard.press('Alt+Shift+KeyH');
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toContain(words);

    // Click the highlight: the toolbar offers Comment and Remove; Remove is its second button.
    const toolbar = page.locator('takeaway-toolbar');
    const removeAndCheck = async () => {
      await clickHighlight(page, 'confidence interval');
      await toolbar.waitFor({ state: 'attached', timeout: 5_000 });
      const box = (await toolbar.boundingBox())!;
      // Buttons: "Comment", then "Remove highlight" to its right.
      await page.mouse.click(box.x + box.width - 30, box.y + box.height / 2);
      await expect.poll(() => drawn(page), { timeout: 5_000 }).not.toContain(words);
    };
    await removeAndCheck();
    // Undo draws it again.
    const undoBox = (await toolbar.boundingBox())!;
    await page.mouse.click(undoBox.x + undoBox.width - 25, undoBox.y + undoBox.height / 2);
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toContain(words);

    await removeAndCheck();
    await page.keyboard.press('Escape');
    await page.reload();
    await readyEditor(page);
    await page.waitForTimeout(500);
    expect(await drawn(page)).not.toContain(words);
    await page.close();
  });

  it('works without a mouse: Shift+arrows extend a selection, Tab enters the bar, arrows pick a colour', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    await readyEditor(page);
    // The stored highlights are drawn first.
    await expect.poll(async () => (await drawn(page)).length, { timeout: 5_000 }).toBeGreaterThan(0);
    // Focus in the article, away from any highlight (a click on one opens its own bar).
    await page.locator('#page-title').click();
    await page.evaluate(() => {
      const t = document.getElementById('p-2')!.lastChild as Text;
      const at = t.data.indexOf('blinded');
      const r = document.createRange();
      r.setStart(t, at);
      r.setEnd(t, at + 'blinded outcome'.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(r);
    });
    for (let i = 0; i < ' assessment'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.locator('takeaway-toolbar').waitFor({ state: 'attached', timeout: 5_000 });
    // A person's keys are tens of milliseconds apart.
    for (const key of ['Tab', 'ArrowRight', 'Enter']) {
      await page.waitForTimeout(50);
      await page.keyboard.press(key);
    }
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toContain('blinded outcome assessment');
    const colour = (await layer(page)).find((h) => h.text === 'blinded outcome assessment')?.background;
    expect(colour).toBe('rgb(187, 247, 208)'); // green
    await page.close();
  });
});
