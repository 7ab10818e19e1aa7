import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { chromeExtDir, findChromium } from './browser';

/** Without Chromium (outside CI) the suite is skipped; global-setup has said what to install. */
export const skipE2E = !findChromium() && !process.env.CI;

/** Fixture pages served at the real addresses of the sites they imitate. */
export const FIXTURE_PAGES: Record<string, string> = {
  'https://pubmed.ncbi.nlm.nih.gov/42393435/': 'pubmed-42393435.html',
  'https://pubmed.ncbi.nlm.nih.gov/39900001/': 'pubmed-not-indexed.html',
  'https://pubmed.ncbi.nlm.nih.gov/39990002/': 'pubmed-retracted.html',
  'https://pubmed.ncbi.nlm.nih.gov/42393435/?from=collection': 'pubmed-spa.html',
  'https://pubmed.ncbi.nlm.nih.gov/?term=bone+metastasis': 'pubmed-search-bone-metastasis.html',
  'https://pmc.ncbi.nlm.nih.gov/articles/PMC11990001/': 'pmc-denosumab-review.html',
  'https://www.sciencedirect.com/science/article/pii/S0895435625990012': 'sciencedirect-vitd-meta.html',
  'https://www.nature.com/articles/s41591-025-09901-2': 'nature-aki-cohort.html',
  'https://www.nejm.org/doi/full/10.1056/NEJMoa2599001': 'nejm-hip-fracture.html',
  'https://www.nature.com/nm/': 'journal-home.html',
  'https://www.frontiersin.org/articles/10.3389/fmed.2025.9999001/full': 'injection-frontiers.html',
  // One paper at three addresses: PubMed (PMID + DOI), PMC (DOI + PMID), the publisher (DOI only).
  'https://pubmed.ncbi.nlm.nih.gov/41800001/': 'notes-pubmed-41800001.html',
  'https://pmc.ncbi.nlm.nih.gov/articles/PMC12345678/': 'notes-pmc-PMC12345678.html',
  'https://www.bmj.com/content/391/bmj-2025-081234': 'notes-bmj-081234.html',
  'https://journals.plos.org/plosmedicine/article?id=10.1371/journal.pmed.1004321': 'hostile-plos.html',
  // A site without an adapter of its own: read through its citation metadata.
  'https://www.ahajournals.org/doi/10.1161/CIRCULATIONAHA.125.071234': 'aha-circulation-trial.html',
};

/** Fixture PDFs (tests/fixtures/pdf) served at the addresses of the sites they imitate. */
export const FIXTURE_PDFS: Record<string, string> = {
  'https://www.medrxiv.org/content/10.1101/2025.01.01.25300001v1.full.pdf': 'with-xmp.pdf',
};

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The welcome page opened when the extension was installed in this profile (and was closed). */
  welcomeOpened: boolean;
  /** Every request the pages tried to make that was not a routed fixture (all aborted). */
  blocked: string[];
  close(): Promise<void>;
}

const FIXTURE_DIR = resolve('tests/fixtures/pages');
const PDF_DIR = resolve('tests/fixtures/pdf');

async function serveFixtures(route: Route, pages: Record<string, string>, blocked: string[]): Promise<void> {
  const url = route.request().url();
  const file = pages[url];
  const pdf = FIXTURE_PDFS[url];
  if (pdf) {
    await route.fulfill({
      status: 200,
      contentType: 'application/pdf',
      body: readFileSync(join(PDF_DIR, pdf)),
    });
  } else if (file) {
    await route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(join(FIXTURE_DIR, file)),
    });
  } else {
    blocked.push(url);
    await route.abort('blockedbyclient');
  }
}

/**
 * Chromium with the built extension in a fresh profile, offline: fixtures answer at their real
 * URLs, every other request is aborted.
 */
export async function launchWithExtension(
  opts: {
    userDataDir?: string;
    pages?: Record<string, string>;
    /** An unpacked extension other than the run's test edition (another build, of another edition). */
    extensionDir?: string;
  } = {},
): Promise<ExtensionSession> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found');
  const ownProfile = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'takeaway-e2e-'));
  const ext = resolve(opts.extensionDir ?? chromeExtDir());
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const blocked: string[] = [];
  const pages = opts.pages ?? FIXTURE_PAGES;
  await context.route(/^https?:\/\//, (route) => serveFixtures(route, pages, blocked));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // The welcome page opens once, on installation (a new profile is one): note it and close it, so
  // no test mistakes it for a page it opened.
  const isWelcome = (p: Page) => p.url().endsWith('/welcome.html');
  const welcome =
    context.pages().find(isWelcome) ??
    (await context
      .waitForEvent('page', { predicate: isWelcome, timeout: ownProfile ? 5_000 : 3_000 })
      .catch(() => null));
  await welcome?.close();
  return {
    context,
    extensionId,
    welcomeOpened: welcome !== null,
    blocked,
    async close() {
      await context.close();
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  const dir = resolve('tests/e2e/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

/** The note editor inside the panel's extension-origin iframe. */
export function noteEditor(page: Page) {
  return page.frameLocator('iframe.tw-note-frame').getByTestId('takeaway-note-editor');
}

export function noteStatus(page: Page) {
  return page.frameLocator('iframe.tw-note-frame').getByTestId('takeaway-note-status');
}

/** The comment fields of highlights, inside the note frame. */
export function noteFrame(page: Page) {
  return page.frameLocator('iframe.tw-note-frame');
}

/** Wait until the note editor of the page's panel is loaded and editable. */
export async function readyEditor(page: Page) {
  // A paper without a summary starts as a small tab: open it to reach the note.
  // The panel is mounted as soon as <body> exists, and is busy (aria-busy) until the page is parsed:
  // a tab then may still open by itself once the page's abstract is read. Decide once it is not.
  await page
    .locator('[data-testid="takeaway-overlay"]:not([aria-busy="true"])')
    .waitFor({ state: 'attached', timeout: 15_000 });
  const frame = page.locator('iframe.tw-note-frame');
  const tab = page.locator('.tw-tab');
  await frame.or(tab).first().waitFor({ state: 'attached', timeout: 15_000 });
  if ((await frame.count()) === 0) await tab.click();
  const editor = noteEditor(page);
  await editor.waitFor({ state: 'visible', timeout: 15_000 });
  for (let i = 0; i < 150 && !(await editor.isEnabled()); i++) await page.waitForTimeout(100);
  return editor;
}
