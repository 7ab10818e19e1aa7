import { afterEach, describe, expect, it } from 'vitest';
import type { sendMessage } from '../../../lib/shared/messaging';
import { initHighlights } from '../../../lib/page/features/highlights';
import { journalOf } from '../../../lib/shared/identify/hints';
import type { PageHighlight } from '../../../lib/shared/model';
import { LAYER_TAG } from '../../../lib/page/features/highlight-layer';

type Send = typeof sendMessage;

function article(): HTMLElement {
  const main = document.createElement('main');
  for (const text of [
    'Objective: to test early mobilisation after hip fracture surgery.',
    'Results: mortality at 30 days was 4.1% with early mobilisation and 6.3% with usual care.',
  ]) {
    const p = document.createElement('p');
    p.textContent = text;
    main.appendChild(p);
  }
  document.body.replaceChildren(main);
  return main;
}

/** A background that stores what it is sent; `refuse` makes saves fail. */
function fakeBackground(stored: PageHighlight[] = [], refuse = false) {
  const calls: { type: string; data: unknown }[] = [];
  const send = (async (type: string, data: unknown) => {
    calls.push({ type, data });
    if (type === 'highlightsGet') return { ok: true, value: stored };
    if (type === 'highlightSave')
      return refuse ? { ok: false, error: 'storage is full' } : { ok: true, value: { id: 'x' } };
    return { ok: true, value: undefined };
  }) as unknown as Send;
  return { send, calls };
}

function selectText(root: HTMLElement, words: string): void {
  const p = Array.from(root.querySelectorAll('p')).find((e) => e.textContent?.includes(words))!;
  const t = p.firstChild as Text;
  const at = t.data.indexOf(words);
  const range = document.createRange();
  range.setStart(t, at);
  range.setEnd(t, at + words.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

const drawnText = (f: { drawn(): { text: string }[] }) =>
  f
    .drawn()
    .map((d) => d.text)
    .join('|');

let ac: AbortController;
afterEach(() => ac?.abort());

describe('highlights on the page', () => {
  it('draws the stored highlights it can find and reports the others as missing', async () => {
    const root = article();
    const before = new XMLSerializer().serializeToString(root);
    const found: PageHighlight = {
      id: 'aaaaaaaa-1',
      quote: {
        type: 'TextQuoteSelector',
        exact: 'mortality at 30 days',
        prefix: 'Results: ',
        suffix: ' was',
      },
      color: 'green',
      hasComment: true,
    };
    const lost: PageHighlight = {
      id: 'aaaaaaaa-2',
      quote: {
        type: 'TextQuoteSelector',
        exact: 'a sentence that is not on this page at all',
        prefix: '',
        suffix: '',
      },
      color: 'yellow',
      hasComment: false,
    };
    const bg = fakeBackground([found, lost]);
    ac = new AbortController();
    const f = initHighlights({ signal: ac.signal, sighting: { pmid: '1' }, root: () => root, send: bg.send });
    await f.ready;
    expect(drawnText(f)).toBe('mortality at 30 days');
    expect(f.drawn().map((d) => d.color)).toEqual(['green']);
    expect(f.missing()).toEqual(['aaaaaaaa-2']);
    expect(bg.calls.find((c) => c.type === 'highlightsMissing')?.data).toEqual({ ids: ['aaaaaaaa-2'] });
    // Nothing of it reaches the page's tree: the page's text is as it was, and all the page can
    // see of the layer is one empty element with no attributes (its shadow root is closed).
    expect(new XMLSerializer().serializeToString(root)).toBe(before);
    const hosts = document.querySelectorAll(LAYER_TAG);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.attributes).toHaveLength(0);
    expect(hosts[0]!.childNodes).toHaveLength(0);
    expect(hosts[0]!.shadowRoot).toBeNull();
    ac.abort();
    expect(document.querySelectorAll(LAYER_TAG)).toHaveLength(0);
  });

  it('saves the selection as quote and position selectors, drawn at once', async () => {
    const root = article();
    const bg = fakeBackground();
    ac = new AbortController();
    const f = initHighlights({ signal: ac.signal, sighting: { pmid: '1' }, root: () => root, send: bg.send });
    await f.ready;
    selectText(root, '4.1% with early mobilisation');
    expect(await f.highlightSelection('blue', true)).toBe(true);
    expect(drawnText(f)).toBe('4.1% with early mobilisation');
    const save = bg.calls.find((c) => c.type === 'highlightSave')?.data as {
      highlight: {
        quote: { exact: string; prefix: string };
        position: { start: number; end: number };
        color: string;
      };
      comment?: boolean;
    };
    expect(save.highlight.quote.exact).toBe('4.1% with early mobilisation');
    expect(save.highlight.quote.prefix.endsWith('days was ')).toBe(true);
    expect(save.highlight.position.end - save.highlight.position.start).toBe(28);
    expect(save.highlight.color).toBe('blue');
    expect(save.comment).toBe(true);
  });

  it('takes a highlight back off the page when the background refuses it, and says why', async () => {
    const root = article();
    const bg = fakeBackground([], true);
    ac = new AbortController();
    const f = initHighlights({ signal: ac.signal, sighting: { pmid: '1' }, root: () => root, send: bg.send });
    await f.ready;
    selectText(root, 'usual care');
    expect(await f.highlightSelection()).toBe(false);
    expect(drawnText(f)).toBe('');
    expect(document.querySelector('takeaway-toolbar')).not.toBeNull();
  });

  it('makes the same one empty layer element with no highlights at all', async () => {
    const root = article();
    ac = new AbortController();
    const f = initHighlights({
      signal: ac.signal,
      sighting: { pmid: '1' },
      root: () => root,
      send: fakeBackground().send,
    });
    await f.ready;
    const hosts = document.querySelectorAll(LAYER_TAG);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.attributes).toHaveLength(0);
    expect(hosts[0]!.childNodes).toHaveLength(0);
  });

  it('anchors a highlight again when the page renders its paragraph anew', async () => {
    const root = article();
    const h: PageHighlight = {
      id: 'aaaaaaaa-3',
      quote: {
        type: 'TextQuoteSelector',
        exact: 'mortality at 30 days',
        prefix: 'Results: ',
        suffix: ' was',
      },
      color: 'yellow',
      hasComment: false,
    };
    ac = new AbortController();
    const f = initHighlights({
      signal: ac.signal,
      sighting: { pmid: '1' },
      root: () => root,
      send: fakeBackground([h]).send,
    });
    await f.ready;
    expect(drawnText(f)).toBe('mortality at 30 days');
    // A framework replaces the paragraph with a new one holding edited text.
    const p = root.querySelectorAll('p')[1]!;
    const fresh = document.createElement('p');
    fresh.textContent = 'Results: mortality at 31 days was 4.0% with early mobilisation.';
    p.replaceWith(fresh);
    // Drawn over the new text, found again with one character changed.
    await expect.poll(() => drawnText(f), { timeout: 3_000 }).toBe('mortality at 31 days');
    expect(f.drawn()).toHaveLength(1);
  });

  it('does nothing without a selection, or for a selection in a form field', async () => {
    const root = article();
    const input = document.createElement('textarea');
    input.value = 'typed by the reader';
    root.appendChild(input);
    const bg = fakeBackground();
    ac = new AbortController();
    const f = initHighlights({ signal: ac.signal, sighting: { pmid: '1' }, root: () => root, send: bg.send });
    await f.ready;
    document.getSelection()!.removeAllRanges();
    expect(await f.highlightSelection()).toBe(false);
    expect(bg.calls.filter((c) => c.type === 'highlightSave')).toHaveLength(0);
  });

  it('reads the journal from the citation metadata', () => {
    const meta = document.createElement('meta');
    meta.setAttribute('name', 'citation_journal_title');
    meta.setAttribute('content', 'BMJ');
    document.head.appendChild(meta);
    expect(journalOf(document)).toBe('BMJ');
    meta.remove();
    expect(journalOf(document)).toBeUndefined();
  });
});

describe('the toolbar from the keyboard', () => {
  it('opens when a selection is made with Shift and the arrows, and Tab moves into it', async () => {
    const root = article();
    const bg = fakeBackground();
    ac = new AbortController();
    const f = initHighlights({ signal: ac.signal, sighting: { pmid: '1' }, root: () => root, send: bg.send });
    await f.ready;
    selectText(root, 'usual care');
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'Shift', bubbles: true }));
    await new Promise((r) => setTimeout(r, 10));
    const host = document.querySelector('takeaway-toolbar');
    expect(host).not.toBeNull();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    document.body.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(document.activeElement).toBe(host);
    // Escape closes it.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector('takeaway-toolbar')).toBeNull();
  });
});
