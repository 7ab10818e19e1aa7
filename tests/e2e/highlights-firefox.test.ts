import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchFirefox,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const SEED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
const WORDS = 'an immunologically cold niche';

/** Select `words` in the abstract's second paragraph, then let go of the mouse. */
async function select(page: Page, words: string): Promise<void> {
  await page.evaluate((w) => {
    const p = document.querySelectorAll('#eng-abstract p')[1]!;
    const t = p.firstChild as Text;
    const at = t.data.indexOf(w);
    const r = document.createRange();
    r.setStart(t, at);
    r.setEnd(t, at + w.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(r);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, words);
}

/**
 * Runs in a BiDi sandbox of the test's, given the highlight layer's closed shadow root: the boxes
 * drawn, and the page's characters whose centre lies inside one of them (what a reader sees).
 */
const READ_LAYER = `function (given) {
  const root = given || this;
  const byId = new Map();
  for (const el of root.querySelectorAll('[data-testid="takeaway-highlight-box"]')) {
    const r = el.getBoundingClientRect();
    const id = el.dataset.id;
    if (!byId.has(id)) byId.set(id, { id, color: el.dataset.color, background: getComputedStyle(el).backgroundColor, text: '', boxes: [] });
    byId.get(id).boxes.push({ x: r.left, y: r.top, w: r.width, h: r.height });
  }
  const all = [...byId.values()];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const inside = (b, x, y) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;
  const meets = (b, r) => r.left < b.x + b.w && r.right > b.x && r.top < b.y + b.h && r.bottom > b.y;
  let pending = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && n.parentElement.closest('script, style, noscript')) continue;
    range.selectNodeContents(n);
    const whole = range.getBoundingClientRect();
    if (!all.some((h) => h.boxes.some((b) => meets(b, whole)))) {
      for (const h of all) h.last = false;
      pending = '';
      continue;
    }
    for (let i = 0; i < n.data.length; i++) {
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      // White space decides nothing (where a line wraps it has no box, or one past the line's
      // end): it belongs to a highlight that goes on after it.
      if (/\\s/.test(n.data[i])) {
        pending += n.data[i];
        continue;
      }
      const c = range.getBoundingClientRect();
      if (c.width <= 0) continue;
      const x = c.left + c.width / 2;
      const y = c.top + c.height / 2;
      for (const h of all) {
        const hit = h.boxes.some((b) => inside(b, x, y));
        if (hit) h.text += (h.last ? pending : '') + n.data[i];
        h.last = hit;
      }
      pending = '';
    }
  }
  for (const h of all) delete h.last;
  return JSON.stringify(all);
}`;

interface Bidi {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/**
 * The text under each drawn highlight, joined. The layer's shadow root is closed: WebDriver BiDi
 * serialises it (`includeShadowTree: 'all'`) into a sandbox, so no hook is left in the page.
 */
async function drawn(page: Page): Promise<string> {
  const bidi = (page.browser() as unknown as { connection: Bidi }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const target = { context, sandbox: 'takeaway-test' };
  const host = await bidi.send('script.evaluate', {
    expression: `document.querySelector('takeaway-highlights')`,
    target,
    awaitPromise: false,
    resultOwnership: 'root',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const sharedId = (host.result.result as { value?: { shadowRoot?: { sharedId?: string } } }).value
    ?.shadowRoot?.sharedId;
  if (!sharedId) return '';
  const res = await bidi.send('script.callFunction', {
    functionDeclaration: READ_LAYER,
    arguments: [{ sharedId }],
    target,
    awaitPromise: false,
    resultOwnership: 'none',
  });
  return (JSON.parse((res.result.result as { value: string }).value) as { text: string }[])
    .map((h) => h.text)
    .join('');
}

describe.skipIf(skipFirefoxE2E)('highlights in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a highlight made with the shortcut is drawn again on the same words after a reload', async () => {
    const page = await s.newPage();
    await page.goto(SEED_URL);
    await readyNoteFrame(page);
    await page.click('h1');
    await select(page, WORDS);
    await page.waitForSelector('takeaway-toolbar', { timeout: 5_000 });
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyH');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    await expect.poll(() => drawn(page), { timeout: 5_000 }).toBe(WORDS);

    await page.reload();
    await readyNoteFrame(page);
    await expect.poll(() => drawn(page), { timeout: 10_000 }).toBe(WORDS);
    // Listed with the paper's highlights in the note frame.
    const { frame } = await readyNoteFrame(page);
    await expect
      .poll(
        () =>
          frame.$$eval('[data-testid="takeaway-highlight-item"]', (els) =>
            els.map((e) => e.textContent ?? ''),
          ),
        {
          timeout: 5_000,
        },
      )
      .toEqual([expect.stringContaining(WORDS)]);
    await page.close();
  });
});
