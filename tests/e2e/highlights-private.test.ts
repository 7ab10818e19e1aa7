/**
 * Issue 19: the page's own scripts must not learn which words the reader highlighted. A script
 * installed in the page's world before it loads (as an analytics tag or a session recorder would
 * be) records every mutation, walks the DOM and its open shadow roots, reads every element's text
 * and colours and the CSS highlight registry. What it sees of a page with a highlight must be what
 * it sees of the same page without one; and the highlight must still be drawn, on the words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchFirefox,
  readyNoteFrame,
  skipFirefoxE2E,
  type FirefoxSession,
} from '../support/firefox-harness';
import {
  launchWithExtension,
  readyEditor,
  screenshotPath,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';
import { READ_LAYER } from '../support/highlight-layer';

const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';
const PARAGRAPH = 'p-20';
const WORDS = 'although the confidence interval was wide and included no effect';

/** Installed in the page's main world before any of its scripts. */
function spy(): void {
  const w = window as unknown as { __spy: unknown; __snapshot: () => unknown };
  const mutations: string[] = [];
  const added: string[] = [];
  const selections: string[] = [];
  const focus: string[] = [];
  const describeNode = (n: Node): string =>
    n.nodeType === 1
      ? new XMLSerializer().serializeToString(n)
      : n.nodeType === 3
        ? (n as Text).data
        : n.nodeName;
  new MutationObserver((records) => {
    for (const r of records) {
      const t = r.target as Element;
      // While the page loads, the parser inserts the page's own nodes (and the content script may
      // add its panel after <body>): a parser insertion is serialised at whatever point the parse
      // has reached, so only its shape is kept. Anything Takeaway added is kept whole.
      const ours = Array.from(r.addedNodes).some(
        (n) => n.nodeType === 1 && (n as Element).localName.startsWith('takeaway-'),
      );
      if (document.readyState === 'loading' && r.type === 'childList' && !ours) {
        mutations.push(
          JSON.stringify({ type: 'parser', target: t.nodeType === 1 ? t.localName : t.nodeName }),
        );
        continue;
      }
      mutations.push(
        JSON.stringify({
          type: r.type,
          target: t.nodeType === 1 ? t.localName : t.nodeName,
          attribute: r.attributeName,
          value: r.attributeName ? t.getAttribute(r.attributeName) : null,
          old: r.oldValue,
          data: r.type === 'characterData' ? (r.target as Text).data : null,
          added: Array.from(r.addedNodes).map(describeNode),
          removed: Array.from(r.removedNodes).map(describeNode),
        }),
      );
      // The kinds of element Takeaway adds (the page's own come and go with its parse and scripts).
      for (const n of Array.from(r.addedNodes))
        if (n.nodeType === 1 && (n as Element).localName.startsWith('takeaway-'))
          added.push((n as Element).localName);
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeOldValue: true,
    characterDataOldValue: true,
  });
  document.addEventListener('selectionchange', () => selections.push(String(document.getSelection())));
  window.addEventListener('focusin', (e) => focus.push((e.target as Element)?.localName ?? ''), true);
  w.__snapshot = () => {
    const elements: string[] = [];
    const openShadowText: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const cs = getComputedStyle(el);
        elements.push(
          [
            el.localName,
            Array.from(el.attributes)
              .map((a) => `${a.name}=${a.value}`)
              .join(' '),
            el.textContent,
            cs.backgroundColor,
            cs.color,
            cs.backgroundImage,
            cs.textDecorationLine,
            cs.outlineStyle,
          ].join(' | '),
        );
        if (el.shadowRoot) {
          openShadowText.push(el.shadowRoot.textContent ?? '');
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    const highlights = registry
      ? Array.from(registry).map(([name, h]) => `${name}: ${Array.from(h, (r) => r.toString()).join('|')}`)
      : [];
    const hosts = Array.from(document.querySelectorAll('*'))
      .filter((el) => el.localName.startsWith('takeaway-') && el.localName !== 'takeaway-panel')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return JSON.stringify({
          tag: el.localName,
          attributes: el.attributes.length,
          children: el.childNodes.length,
          text: el.textContent,
          shadowRoot: el.shadowRoot !== null,
          scroll: [el.scrollWidth, el.scrollHeight, el.clientWidth, el.clientHeight],
          rect: [r.left, r.top + scrollY, r.width, r.height],
          style: Array.from(getComputedStyle(el))
            .map((p) => `${p}:${getComputedStyle(el).getPropertyValue(p)}`)
            .join(';'),
        });
      });
    return {
      elements,
      openShadowText,
      highlights,
      hosts,
      mutations,
      added: [...new Set(added)].sort(),
      selections,
      focus,
      active: document.activeElement?.localName ?? null,
      documentSize: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    };
  };
}

interface Snapshot {
  elements: string[];
  openShadowText: string[];
  highlights: string[];
  hosts: string[];
  mutations: string[];
  added: string[];
  selections: string[];
  focus: string[];
  active: string | null;
  documentSize: number[];
}

/** What the spy could tell from one load, with and without a highlight, must be the same. */
function expectNothingLearned(without: Snapshot, withHighlight: Snapshot): void {
  // Not in what the page's scripts can read at any time. The parser's own insertions of the page
  // hold the words too (a spy installed before load records them), as on a load without it.
  const before = new Set(without.mutations);
  expect(withHighlight.mutations.filter((m) => m.includes('confidence interval') && !before.has(m))).toEqual(
    [],
  );
  expect(withHighlight.mutations.filter((m) => m.includes('takeaway-hl'))).toEqual([]);
  expect(withHighlight.highlights).toEqual([]);
  expect(withHighlight.openShadowText.join('\n')).not.toContain('confidence interval');
  expect(withHighlight.selections.join('\n')).not.toContain('confidence interval');
  // And nothing that differs from a load without it: the same elements with the same text,
  // attributes and colours, the same kinds of element added, the same one empty layer element.
  expect(withHighlight.elements).toEqual(without.elements);
  expect(withHighlight.added).toEqual(without.added);
  expect(withHighlight.hosts).toEqual(without.hosts);
  expect(withHighlight.hosts.some((h) => h.includes('"tag":"takeaway-highlights"'))).toBe(true);
  expect(withHighlight.documentSize).toEqual(without.documentSize);
  expect(withHighlight.active).toBe(without.active);
  expect(withHighlight.focus).toEqual(without.focus);
}

interface Drawn {
  id: string;
  color: string;
  background: string;
  text: string;
  boxes: { x: number; y: number; w: number; h: number }[];
}

/**
 * How much of a box (of a viewport screenshot, cut to the box and a margin of `m` pixels) is
 * highlight yellow, inside it and in the margin around it. Decoded in a blank page of the test's,
 * not in the article page.
 */
const YELLOW_SHARE = `async (png, box, m) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = Math.round(box.w + 2 * m);
  c.height = Math.round(box.h + 2 * m);
  const g = c.getContext('2d');
  g.drawImage(img, -Math.round(box.x - m), -Math.round(box.y - m));
  const d = g.getImageData(0, 0, c.width, c.height).data;
  const yellow = (i) => Math.abs(d[i] - 253) < 12 && Math.abs(d[i + 1] - 230) < 12 && Math.abs(d[i + 2] - 138) < 16;
  let inY = 0, inN = 0, outY = 0, outN = 0;
  for (let y = 0; y < c.height; y++)
    for (let x = 0; x < c.width; x++) {
      const i = (y * c.width + x) * 4;
      const inside = x >= m + 1 && x < c.width - m - 1 && y >= m + 1 && y < c.height - m - 1;
      const outside = x < m - 1 || x >= c.width - m + 1 || y < m - 1 || y >= c.height - m + 1;
      if (inside) { inN++; if (yellow(i)) inY++; }
      else if (outside) { outN++; if (yellow(i)) outY++; }
    }
  return { inside: inY / inN, outside: outY / outN, size: [c.width, c.height] };
}`;

const MARGIN = 6;

interface Share {
  inside: number;
  outside: number;
}

function expectYellowOnTheWords(share: Share): void {
  // The words' background is yellow (the glyphs are not), the ground just around it is not.
  expect(share.inside).toBeGreaterThan(0.4);
  expect(share.outside).toBeLessThan(0.05);
}

describe.skipIf(skipE2E)('highlights the page cannot see, in Chromium', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function layer(page: PlaywrightPage): Promise<Drawn[]> {
    interface CdpNode {
      nodeId: number;
      localName?: string;
      children?: CdpNode[];
      shadowRoots?: CdpNode[];
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

  const snapshot = (page: PlaywrightPage) =>
    page.evaluate(() => (window as unknown as { __snapshot: () => Snapshot }).__snapshot());

  it('a page script sees nothing of a highlight drawn after a reload; the yellow box is on the words', async () => {
    const page = await s.context.newPage();
    await page.addInitScript(spy);
    await page.goto(PUBLISHER);
    await readyEditor(page);
    await page.waitForTimeout(1000);
    const without = await snapshot(page);

    // The reader highlights a sentence of the discussion with the shortcut.
    await page.locator('#page-title').click();
    await page.evaluate(
      ([id, words]) => {
        const t = document.getElementById(id as string)!.firstChild as Text;
        const at = t.data.indexOf(words as string);
        const r = document.createRange();
        r.setStart(t, at);
        r.setEnd(t, at + (words as string).length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(r);
        document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      },
      [PARAGRAPH, WORDS],
    );
    await page.keyboard.press('Alt+Shift+KeyH');
    await expect
      .poll(async () => (await layer(page)).map((h) => h.text), { timeout: 5_000 })
      .toEqual([WORDS]);

    // A later visit: the spy is there from the start, and the highlight is drawn again.
    await page.reload();
    await readyEditor(page);
    await expect
      .poll(async () => (await layer(page)).map((h) => h.text), { timeout: 10_000 })
      .toEqual([WORDS]);
    await page.waitForTimeout(1000);
    const withHighlight = await snapshot(page);
    expectNothingLearned(without, withHighlight);

    // Drawn where the words are: scrolled into view, the screenshot is yellow on them and not around.
    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'center' }), PARAGRAPH);
    await page.waitForTimeout(200);
    const [drawn] = await layer(page);
    expect(drawn!.text).toBe(WORDS);
    expect(drawn!.background).toBe('rgb(253, 230, 138)');
    const box = drawn!.boxes[0]!;
    const png = await page.screenshot();
    writeFileSync(screenshotPath('highlights-private-chromium'), png);
    const blank = await s.context.newPage();
    const share = (await blank.evaluate(
      `(${YELLOW_SHARE})(${JSON.stringify(png.toString('base64'))}, ${JSON.stringify(box)}, ${MARGIN})`,
    )) as Share;
    await blank.close();
    expectYellowOnTheWords(share);
    await page.close();
  });
});

describe.skipIf(skipFirefoxE2E)('highlights the page cannot see, in Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  interface Bidi {
    send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
  }

  /** The layer read over WebDriver BiDi: its closed root is serialised to a sandbox of the test's. */
  async function layer(page: PuppeteerPage): Promise<Drawn[]> {
    const bidi = (s.browser as unknown as { connection: Bidi }).connection;
    const context = (page.mainFrame() as unknown as { _id: string })._id;
    const target = { context, sandbox: 'takeaway-test' };
    const host = await bidi.send('script.evaluate', {
      expression: `document.querySelector('takeaway-highlights')`,
      target,
      awaitPromise: false,
      resultOwnership: 'root',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    });
    const value = (host.result.result as { value?: { shadowRoot?: { sharedId?: string } } }).value;
    const sharedId = value?.shadowRoot?.sharedId;
    if (!sharedId) return [];
    const res = await bidi.send('script.callFunction', {
      functionDeclaration: READ_LAYER,
      arguments: [{ sharedId }],
      target,
      awaitPromise: false,
      resultOwnership: 'none',
    });
    return JSON.parse((res.result.result as { value: string }).value) as Drawn[];
  }

  const snapshot = (page: PuppeteerPage) =>
    page.evaluate(() => (window as unknown as { __snapshot: () => Snapshot }).__snapshot());

  it('a page script sees nothing of a highlight drawn after a reload; the yellow box is on the words', async () => {
    const page = await s.newPage();
    await page.evaluateOnNewDocument(spy);
    await page.goto(PUBLISHER);
    await readyNoteFrame(page);
    await new Promise((r) => setTimeout(r, 1000));
    const without = await snapshot(page);

    await page.click('#page-title');
    await page.evaluate(
      (id, words) => {
        const t = document.getElementById(id)!.firstChild as Text;
        const at = t.data.indexOf(words);
        const r = document.createRange();
        r.setStart(t, at);
        r.setEnd(t, at + words.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(r);
        document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      },
      PARAGRAPH,
      WORDS,
    );
    await page.waitForSelector('takeaway-toolbar', { timeout: 5_000 });
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyH');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    await expect
      .poll(async () => (await layer(page)).map((h) => h.text), { timeout: 5_000 })
      .toEqual([WORDS]);

    await page.reload();
    await readyNoteFrame(page);
    await expect
      .poll(async () => (await layer(page)).map((h) => h.text), { timeout: 10_000 })
      .toEqual([WORDS]);
    await new Promise((r) => setTimeout(r, 1000));
    const withHighlight = await snapshot(page);
    expectNothingLearned(without, withHighlight);

    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'center' }), PARAGRAPH);
    await new Promise((r) => setTimeout(r, 200));
    const [drawn] = await layer(page);
    expect(drawn!.text).toBe(WORDS);
    expect(drawn!.background).toBe('rgb(253, 230, 138)');
    const box = drawn!.boxes[0]!;
    const png = Buffer.from(await page.screenshot());
    writeFileSync(screenshotPath('highlights-private-firefox'), png);
    const blank = await s.newPage();
    const share = (await blank.evaluate(
      `(${YELLOW_SHARE})(${JSON.stringify(png.toString('base64'))}, ${JSON.stringify(box)}, ${MARGIN})`,
    )) as Share;
    await blank.close();
    expectYellowOnTheWords(share);
    await page.close();
  });
});

// The fixture is read by the harnesses; read here too so that a renamed fixture fails loudly.
readFileSync('tests/fixtures/pages/notes-bmj-081234.html', 'utf8');
