import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { intersects, type Box } from '../../lib/page/layout';
import { axeViolations } from '../support/axe';
import { launchWithExtension, screenshotPath, skipE2E, type ExtensionSession } from '../support/harness';
import {
  expectDockedWhileWatched,
  expectRoomMadeInOneStep,
  layoutDone,
  watchLayoutScript,
  type LayoutWatch,
} from '../support/layout-watch';

const PANEL = [['takeaway-panel', '.tw-root']];

async function takeawayText(page: Page): Promise<string> {
  const t = page.getByTestId('takeaway-key-takeaway');
  await t.waitFor({ state: 'visible', timeout: 10_000 });
  return (await t.textContent()) ?? '';
}

/** Boxes of the article's own text, to check the panel never sits on them. */
async function textBoxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
}

async function panelBox(page: Page): Promise<Box> {
  const b = await page.getByTestId('takeaway-overlay').boundingBox();
  if (!b) throw new Error('panel not visible');
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
}

/** The text of every list badge, read through the debugger (badges live in closed shadow roots). */
async function badgeTexts(s: ExtensionSession, page: Page): Promise<Record<string, string>> {
  const cdp = await s.context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  interface CdpNode {
    localName?: string;
    nodeType: number;
    nodeValue?: string;
    attributes?: string[];
    children?: CdpNode[];
    shadowRoots?: CdpNode[];
  }
  const text = (n: CdpNode): string =>
    (n.nodeType === 3 ? (n.nodeValue ?? '') : '') +
    [...(n.shadowRoots ?? []), ...(n.children ?? [])]
      .filter((c) => c.localName !== 'style')
      .map(text)
      .join(' ');
  const out: Record<string, string> = {};
  // The badge follows the title link, so the nearest preceding data-article-id names its paper.
  let last: string | null = null;
  const visit = (n: CdpNode) => {
    const attrs = n.attributes ?? [];
    const i = attrs.indexOf('data-article-id');
    if (i >= 0) last = attrs[i + 1] ?? null;
    if (n.localName === 'takeaway-badge' && last) out[last] = text(n).replace(/\s+/g, ' ').trim();
    else for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) visit(c);
  };
  visit(root);
  await cdp.detach();
  return out;
}

describe.skipIf(skipE2E)('the panel on journal sites', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each([
    [
      'PMC',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC11990001/',
      /Denosumab delayed skeletal events/,
      /Systematic review/,
    ],
    [
      'ScienceDirect',
      'https://www.sciencedirect.com/science/article/pii/S0895435625990012',
      /Vitamin D alone did not prevent/,
      /Meta-analysis/,
    ],
    [
      'Nature',
      'https://www.nature.com/articles/s41591-025-09901-2',
      /doubled risk of chronic kidney disease/,
      /Cohort study/,
    ],
    [
      'NEJM',
      'https://www.nejm.org/doi/full/10.1056/NEJMoa2599001',
      /same day of hip-fracture surgery|on the day of hip-fracture surgery/,
      /Randomized controlled trial/,
    ],
  ])('%s: shows the right summary without covering the article', async (site, url, takeaway, studyType) => {
    const page = await s.context.newPage();
    await page.goto(url);
    expect(await takeawayText(page)).toMatch(takeaway);
    expect(await page.getByTestId('takeaway-evidence').textContent()).toMatch(studyType);
    const panel = await panelBox(page);
    const covered = (await textBoxes(page, 'h1, main p, article p')).filter((b) => intersects(b, panel));
    expect(covered).toEqual([]);
    await page.screenshot({ path: screenshotPath(`panel-${site.toLowerCase()}`) });
    await page.close();
  });

  it('runs on a clinical journal without an adapter of its own (AHA), from the host table', async () => {
    const page = await s.context.newPage();
    await page.goto('https://www.ahajournals.org/doi/10.1161/CIRCULATIONAHA.125.071234');
    const overlay = page.getByTestId('takeaway-overlay');
    await overlay.waitFor({ timeout: 10_000 });
    const tab = overlay.getByRole('button', { name: /Takeaway/ });
    if ((await tab.count()) > 0 && (await tab.first().getAttribute('aria-expanded')) === 'false')
      await tab.first().click();
    await expect
      .poll(() => page.getByTestId('takeaway-no-summary').textContent())
      .toMatch(/Home-Based Cardiac Rehabilitation|10\.1161\/CIRCULATIONAHA\.125\.071234/);
    await page.close();
  });

  const watchDocking = async (url: string, width: number): Promise<LayoutWatch> => {
    const page = await s.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.addInitScript(watchLayoutScript('h1, h2, p, li, a'));
    await page.goto(url);
    const watch = (await (
      await page.waitForFunction(layoutDone(), null, { timeout: 10_000 })
    ).jsonValue()) as LayoutWatch;
    await page.close();
    expectDockedWhileWatched(watch, 20);
    return watch;
  };
  const PUBMED = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';
  const NEJM = 'https://www.nejm.org/doi/full/10.1056/NEJMoa2599001';

  it.each([
    ['PubMed', PUBMED],
    ['NEJM', NEJM],
  ])('docks on %s without moving the page or its own contents (no layout shift)', async (_site, url) => {
    const watch = await watchDocking(url, 1280);
    expect(watch.moves).toEqual([]);
    expect(watch.shift).toBe(0);
  });

  it.each([
    ['PubMed', PUBMED],
    ['NEJM', NEJM],
  ])('makes room for the panel on %s in a narrow window in one step, as it docks', async (_site, url) => {
    // The page's text would reach under the panel, so the page is narrowed. When the page was drawn
    // before the panel's answers came (a busy machine), or its text came after the panel, it moves
    // once, as the panel docks or as its text reaches under the panel, and never again; the panel's
    // own parts never move.
    expectRoomMadeInOneStep(await watchDocking(url, 1000));
  });

  it('writes nothing to a page that is not an article', async () => {
    const page = await s.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __mutations: string[] };
      w.__mutations = [];
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          for (const r of records) w.__mutations.push(`${r.type} ${r.target.nodeName}`);
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    });
    await page.goto('https://www.nature.com/nm/');
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations)).toEqual(
      [],
    );
    expect(await page.getByTestId('takeaway-overlay').count()).toBe(0);
    await page.close();
  });

  it('says how old a summary is and where it came from', async () => {
    const page = await s.context.newPage();
    await page.goto('https://www.sciencedirect.com/science/article/pii/S0895435625990012');
    await takeawayText(page);
    expect(await page.getByTestId('takeaway-age').textContent()).toMatch(/This summary is \d+ years old/);
    expect(await page.getByTestId('takeaway-provenance').textContent()).toContain('Fixture editors');
    await page.getByText('Key findings and practice relevance').click();
    expect(await page.getByTestId('takeaway-details').textContent()).toContain('Relative risk 0.98');
    await page.close();
  });

  it('badges exactly the search results that have a summary', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/?term=bone+metastasis');
    await expect.poll(async () => Object.keys(await badgeTexts(s, page)).length, { timeout: 10_000 }).toBe(5);
    const badges = await badgeTexts(s, page);
    expect(badges).toEqual({
      '42393435': 'Takeaway L5',
      '39990001': 'Takeaway L1',
      '39990003': '',
      '39990004': '',
      '39990005': '',
    });
    expect(await page.getByTestId('takeaway-overlay').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('pubmed-search-badges') });
    await page.close();
  });

  it('warns in red when the page shows the paper is retracted', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/39990002/');
    const warning = page.getByTestId('takeaway-retracted');
    await warning.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await warning.textContent()).toMatch(/retracted/i);
    // The page calls it a randomised trial, but a retracted trial earns no evidence badge.
    expect(await page.getByTestId('takeaway-page-hint').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('pubmed-retracted') });
    await page.close();
  });

  it('follows a single-page navigation to another article', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/?from=collection');
    expect(await takeawayText(page)).toMatch(/cytokine crosstalk/);
    await page.click('#next-article');
    await expect
      .poll(() => page.getByTestId('takeaway-key-takeaway').textContent(), { timeout: 10_000 })
      .toMatch(/Denosumab delayed skeletal events/);
    expect(page.url()).toBe('https://pubmed.ncbi.nlm.nih.gov/39990001/');
    await page.close();
  });

  it('remembers a collapsed panel and a site switched off, across reloads', async () => {
    const page = await s.context.newPage();
    await page.goto('https://www.nature.com/articles/s41591-025-09901-2');
    await takeawayText(page);
    await page.getByRole('button', { name: 'Collapse Takeaway panel' }).click();
    await page.reload();
    const tab = page.getByRole('button', { name: /Takeaway/ });
    await tab.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tab.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('takeaway-key-takeaway').count()).toBe(0);
    await tab.click();
    await takeawayText(page);

    await page.getByTestId('takeaway-disable-site').click();
    await expect.poll(() => page.getByTestId('takeaway-overlay').count()).toBe(0);
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('takeaway-overlay').count()).toBe(0);
    await page.close();
  });

  it('at 200% zoom (640×400 CSS pixels) still covers no article text', async () => {
    const page = await s.context.newPage();
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/');
    const overlay = page.getByTestId('takeaway-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 10_000 });
    const panel = await panelBox(page);
    const covered = (await textBoxes(page, '#article-details h1, #article-details p')).filter((b) =>
      intersects(b, panel),
    );
    expect(covered).toEqual([]);
    // Too narrow to sit beside the text: it waits as a tab that still shows the evidence level.
    expect(await page.getByRole('button', { name: /Takeaway/ }).getAttribute('aria-expanded')).toBe('false');
    await page.screenshot({ path: screenshotPath('panel-zoom-200') });
    await page.close();
  });

  it('collapses with Esc and is reachable by keyboard', async () => {
    const page = await s.context.newPage();
    await page.goto('https://www.nejm.org/doi/full/10.1056/NEJMoa2599001');
    await takeawayText(page);
    await page.getByRole('button', { name: 'Collapse Takeaway panel' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('takeaway-key-takeaway').count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await takeawayText(page)).toMatch(/hip-fracture/);
    await page.close();
  });

  it('has no accessibility violations in the panel, light and dark, and takes screenshots', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/');
    await takeawayText(page);
    expect(await axeViolations(page, PANEL)).toEqual([]);
    await page.screenshot({ path: screenshotPath('panel-light') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page, PANEL)).toEqual([]);
    await page.screenshot({ path: screenshotPath('panel-dark') });
    await page.close();
  });

  it('opens the concept page from a chip: every summary sharing the concept, offline', async () => {
    const page = await s.context.newPage();
    await page.goto('https://pubmed.ncbi.nlm.nih.gov/42393435/');
    await takeawayText(page);
    const [concept] = await Promise.all([
      s.context.waitForEvent('page'),
      page.getByTestId('takeaway-concepts').getByRole('button', { name: 'bone metastasis' }).click(),
    ]);
    await concept.getByTestId('concept-summaries').waitFor({ timeout: 10_000 });
    expect(await concept.getByTestId('concept-name').textContent()).toBe('bone metastasis');
    const text = (await concept.getByTestId('concept-summaries').textContent()) ?? '';
    expect(text).toContain('Cytokine Networks Reprogram Bone Microenvironment');
    expect(text).toContain('Denosumab versus Zoledronic Acid');
    expect(await axeViolations(concept)).toEqual([]);
    await concept.screenshot({ path: screenshotPath('concept') });
    await concept.close();
    await page.close();
  });

  it('has no accessibility violations in the popup and the review page', async () => {
    for (const path of ['popup.html', 'review.html']) {
      const page = await s.context.newPage();
      await page.goto(`chrome-extension://${s.extensionId}/${path}`);
      await page.waitForTimeout(500);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath(path.replace('.html', '')) });
      await page.close();
    }
  });
});
