import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, {
  type Browser,
  type ElementHandle,
  type Frame,
  type HTTPRequest,
  type Page,
} from 'puppeteer-core';
import type { Envelope } from '../../lib/shared/protocol';
import { e2eOutDir, findFirefox } from './browser';
import { FIXTURE_PAGES } from './harness';

/** Where global-setup built the Firefox extension of the test edition for this run. */
export function firefoxExtDir(): string {
  return `${e2eOutDir()}/firefox-mv2`;
}

/** Without Firefox (outside CI) these tests are skipped; global-setup has said what to install. */
export const skipFirefoxE2E = !findFirefox() && !process.env.CI;

/**
 * Firefox gives every installed add-on a random UUID for its `moz-extension://` origin, and shows
 * it only in about:debugging. The profile pref `extensions.webextensions.uuids` (a JSON map from
 * add-on id to UUID) is read when the add-on is installed, so setting it before start makes the
 * origin known in advance.
 */
export const EXTENSION_UUID = '6f1d3c2a-8b4e-4c7a-9e21-3d5b7a0c4f18';

const FIXTURE_DIR = resolve('tests/fixtures/pages');

export interface FirefoxSession {
  browser: Browser;
  /** `moz-extension://<uuid>`: the origin of the extension's own pages. */
  extensionOrigin: string;
  /** Every http(s) request a page made that was not a fixture (all aborted). */
  blocked: string[];
  /** A new tab whose requests are served from the fixtures, everything else aborted. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

function geckoId(): string {
  const manifest = JSON.parse(readFileSync(join(firefoxExtDir(), 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${firefoxExtDir()}/manifest.json has no gecko id`);
  return id;
}

function serveFixture(req: HTTPRequest, blocked: string[], pages: Record<string, string>): Promise<void> {
  const url = req.url();
  // Extension documents, data: fonts and blobs are not network requests: let them through.
  if (!/^https?:/.test(url)) return req.continue();
  const file = pages[url];
  if (file) {
    return req.respond({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(join(FIXTURE_DIR, file)),
    });
  }
  blocked.push(url);
  return req.abort('blockedbyclient');
}

/**
 * Firefox ESR over WebDriver BiDi with the built extension installed as a temporary add-on
 * (`webExtension.install`, which is what puppeteer's `installExtension` sends), in a fresh
 * profile that puppeteer deletes on close.
 */
export async function launchFirefox(
  opts: {
    /** URL → file under tests/fixtures/pages (default FIXTURE_PAGES), as in launchWithExtension. */
    pages?: Record<string, string>;
  } = {},
): Promise<FirefoxSession> {
  const pages = opts.pages ?? FIXTURE_PAGES;
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('Firefox not found');
  const id = geckoId();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
    },
  });
  try {
    const installed = await browser.installExtension(resolve(firefoxExtDir()));
    if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  // The welcome page opens once, on installation, in a tab of its own: close it, or it keeps the
  // keyboard (keys typed in a test's page would go to it).
  for (let i = 0; i < 30; i++) {
    const welcome = (await browser.pages()).find((p) => p.url().endsWith('/welcome.html'));
    if (welcome) {
      await welcome.close();
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const blocked: string[] = [];
  return {
    browser,
    extensionOrigin: `moz-extension://${EXTENSION_UUID}`,
    blocked,
    async newPage() {
      const page = await browser.newPage();
      // Interception is per tab under BiDi (a network intercept bound to the tab's context).
      await page.setRequestInterception(true);
      page.on('request', (req) => void serveFixture(req, blocked, pages));
      return page;
    },
    close: () => browser.close(),
  };
}

/** An element inside the panel's shadow root (puppeteer's `pierce/` goes through open roots). */
export function inPanel(page: Page, testId: string, timeout = 15_000) {
  return page.waitForSelector(`pierce/[data-testid="${testId}"]`, { timeout });
}

/** The panel's note frame (an extension page), once its editor is loaded and editable. */
export async function readyNoteFrame(page: Page): Promise<{ frame: Frame; editor: ElementHandle<Element> }> {
  const iframe = await page.waitForSelector('pierce/iframe.tw-note-frame', { timeout: 15_000 });
  const frame = await iframe?.contentFrame();
  if (!frame) throw new Error('the note frame did not load');
  const editor = await frame.waitForSelector('[data-testid="takeaway-note-editor"]', { timeout: 15_000 });
  if (!editor) throw new Error('no note editor in the note frame');
  for (let i = 0; i < 150 && (await editor.evaluate((e) => (e as HTMLTextAreaElement).disabled)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return { frame, editor };
}

/**
 * Opens the review page as the extension itself does: the `openPage` message, sent from one of
 * the extension's own documents, makes the background open it with `tabs.create`. A test cannot
 * navigate a tab there directly: BiDi's `browsingContext.navigate` refuses `moz-extension:` URLs
 * unless the remote agent runs with `--remote-allow-system-access`, which would hand the test
 * driver the browser's privileged contexts too.
 */
export async function openReviewFrom(session: FirefoxSession, extensionFrame: Frame): Promise<Page> {
  const url = `${session.extensionOrigin}/review.html`;
  const before = new Set(await session.browser.pages());
  const msg: Envelope<'openPage'> = { type: 'openPage', data: { page: 'review' } };
  const res = await extensionFrame.evaluate(
    (m) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage(m),
    msg,
  );
  if (!(res as { ok?: boolean } | undefined)?.ok) throw new Error(`openPage answered ${JSON.stringify(res)}`);
  // puppeteer keeps reporting a tab opened on an extension page as about:blank, so the new tab
  // is recognised by the address its document reports.
  for (let i = 0; i < 100; i++) {
    for (const p of await session.browser.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href === url) return p;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not open`);
}
