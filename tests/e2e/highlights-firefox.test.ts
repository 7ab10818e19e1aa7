import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchFirefox,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';
import { READ_LAYER } from '../support/highlight-layer';

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
