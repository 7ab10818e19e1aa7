import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import {
  FIXTURE_PAGES,
  launchWithExtension,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';

interface Seen {
  url: string;
  from: string;
}

/**
 * The privacy promise, checked: during a whole reading session, no context of the extension (its
 * service worker, its pages, its note frame, its content script) asks the network for anything.
 * The only requests allowed are the extension's own files and the article documents the reader
 * navigates to (served here from fixtures at their real addresses).
 */
describe.skipIf(skipE2E)('zero network', () => {
  let s: ExtensionSession;
  const seen: Seen[] = [];
  beforeAll(async () => {
    s = await launchWithExtension();
    const record = (r: Request, from: string) => seen.push({ url: r.url(), from });
    s.context.on('request', (r) => {
      let from = 'page';
      try {
        const frame = r.frame();
        from = frame.url() || 'page';
      } catch {
        // A request with no frame comes from a worker: the extension's service worker.
        from = 'worker';
      }
      record(r, from);
    });
    // The service worker's requests are not page requests, and Chromium's resource timing leaves out
    // extension URLs: wrap every network entry point a worker has and record each call.
    for (const w of s.context.serviceWorkers())
      await w.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown> & { __requests: string[] };
        g.__requests = [];
        const log = (what: string, target: unknown) =>
          g.__requests.push(`${what} ${target instanceof Request ? target.url : String(target)}`);
        const realFetch = globalThis.fetch;
        globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
          log('fetch', input);
          return realFetch(input, init);
        };
        for (const name of ['WebSocket', 'EventSource'] as const) {
          const Real = g[name] as (new (url: string) => unknown) | undefined;
          if (Real)
            g[name] = function (url: string) {
              log(name, url);
              return new Real(url);
            };
        }
        if (navigator.sendBeacon) navigator.sendBeacon = (url: string | URL) => (log('beacon', url), false);
      });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('makes no request beyond its own files and the pages the reader opens', async () => {
    const own = `chrome-extension://${s.extensionId}/`;
    const page = await s.context.newPage();

    // Article pages on several sites, a result list, a paper with no summary.
    for (const url of [
      'https://pubmed.ncbi.nlm.nih.gov/42393435/',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC11990001/',
      'https://www.nature.com/articles/s41591-025-09901-2',
      'https://pubmed.ncbi.nlm.nih.gov/?term=bone+metastasis',
      'https://pubmed.ncbi.nlm.nih.gov/39900001/',
    ]) {
      await page.goto(url);
      await page.waitForTimeout(700);
    }

    // A note, typed and saved.
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/');
    const editor = await readyEditor(page);
    await editor.fill('Ask pharmacy about denosumab supply.');
    await page
      .frameLocator('iframe.tw-note-frame')
      .getByText(/^Saved/)
      .waitFor({ timeout: 5000 });

    // A highlight: select a paragraph of the abstract and press the shortcut.
    await page.evaluate(() => {
      const p = document.querySelector('#eng-abstract p');
      const range = document.createRange();
      if (p) range.selectNodeContents(p);
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await page.keyboard.press('Alt+Shift+KeyH');
    await page.waitForTimeout(500);

    // The concept page, the popup and the library.
    await page.getByTestId('takeaway-concepts').getByRole('button', { name: 'cytokines' }).click();
    await page.waitForTimeout(700);
    for (const path of ['popup.html', 'review.html']) {
      const p = await s.context.newPage();
      await p.goto(`${own}${path}`);
      await p.waitForTimeout(700);
      await p.close();
    }

    const documents = new Set(Object.keys(FIXTURE_PAGES));
    // Web-accessible files are fetched through a per-session dynamic id (use_dynamic_url), so any
    // chrome-extension: address is the extension's own: no other extension is loaded here.
    const foreign = seen.filter((r) => !r.url.startsWith('chrome-extension://') && !documents.has(r.url));
    expect(foreign).toEqual([]);
    expect(s.blocked).toEqual([]);
    const workerFetches = (
      await Promise.all(
        s.context
          .serviceWorkers()
          .map((w) =>
            w.evaluate(() => (globalThis as unknown as { __requests?: string[] }).__requests ?? []),
          ),
      )
    ).flat();
    expect(workerFetches.filter((u) => !u.startsWith(`fetch ${own}`))).toEqual([]);

    // The recorders saw the extension's own traffic: the note frame's code, and the index files the
    // service worker reads.
    expect(seen.some((r) => r.url.startsWith(own) && r.url.includes('/note-frame'))).toBe(true);
    expect(workerFetches.some((u) => u.startsWith(`fetch ${own}index/`))).toBe(true);
  });
});
