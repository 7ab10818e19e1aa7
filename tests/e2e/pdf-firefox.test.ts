import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/harness';
import {
  launchFirefox,
  openReviewFrom,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';

const SEED_URL = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
const DOI = '10.5555/takeaway.xmp.2024.101';

describe.skipIf(skipFirefoxE2E)('the PDF viewer in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens a fixture PDF and shows the panel, the glance and the note', async () => {
    // An extension page is reached as the reader reaches it: from a panel, to the library, and
    // from there to the viewer (a test cannot navigate a tab to a moz-extension: address).
    const article = await s.newPage();
    await article.goto(SEED_URL);
    const { frame } = await readyNoteFrame(article);
    const viewer = await openReviewFrom(s, frame);
    await viewer.evaluate(() => {
      location.href = '/pdf.html';
    });
    const input = await viewer.waitForSelector('[data-testid="pdf-open-file"]', { timeout: 15_000 });
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(
      resolve('tests/fixtures/pdf/with-xmp.pdf'),
    );
    const doi = await viewer.waitForSelector(
      '[data-testid="takeaway-overlay"] [data-testid="pdf-identity-doi"]',
      {
        timeout: 20_000,
      },
    );
    expect(await doi?.evaluate((e) => e.textContent)).toBe(DOI);
    const glance = await viewer.waitForSelector('[data-testid="takeaway-glance"]', { timeout: 15_000 });
    expect(await glance?.evaluate((e) => e.textContent)).toContain('412');
    await viewer.waitForSelector('.tw-pdf-page[data-page="1"][data-rendered="true"]', { timeout: 20_000 });

    const note = 'Firefox: read as a PDF.';
    // The note frame is of the viewer's own origin: it is read through the viewer page (puppeteer
    // does not list the child frames of an extension page), and typed into with the keyboard.
    const frameState = () =>
      viewer.evaluate(() => {
        const doc = document.querySelector<HTMLIFrameElement>('iframe.tw-note-frame')?.contentDocument;
        const editor = doc?.querySelector<HTMLTextAreaElement>('[data-testid="takeaway-note-editor"]');
        return {
          path: doc?.location.pathname ?? null,
          ready: !!editor && !editor.disabled,
          value: editor?.value ?? null,
          status: doc?.querySelector('[data-testid="takeaway-note-status"]')?.textContent ?? null,
        };
      });
    await expect.poll(async () => (await frameState()).ready, { timeout: 15_000 }).toBe(true);
    expect((await frameState()).path).toBe('/note-frame.html');
    await viewer.evaluate(() =>
      document
        .querySelector<HTMLIFrameElement>('iframe.tw-note-frame')
        ?.contentDocument?.querySelector<HTMLTextAreaElement>('[data-testid="takeaway-note-editor"]')
        ?.focus(),
    );
    await viewer.keyboard.type(note);
    await expect.poll(async () => (await frameState()).value, { timeout: 5_000 }).toBe(note);
    await expect.poll(async () => (await frameState()).status, { timeout: 5_000 }).toMatch(/^Saved/);
    await viewer.screenshot({ path: screenshotPath('firefox-pdf-panel') as `${string}.png` });
    await viewer.close();
    await article.close();
  });
});
