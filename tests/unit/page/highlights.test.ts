import { afterEach, describe, expect, it } from 'vitest';
import type { sendMessage } from '../../../lib/shared/messaging';
import { initHighlights } from '../../../lib/page/features/highlights';
import { journalOf } from '../../../lib/shared/identify/hints';
import type { PageHighlight } from '../../../lib/shared/model';
import { HIGHLIGHT_TAG } from '../../../lib/page/anchoring/index';

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

const drawnText = () =>
  Array.from(document.querySelectorAll(HIGHLIGHT_TAG))
    .map((e) => e.textContent)
    .join('|');

let ac: AbortController;
afterEach(() => ac?.abort());

describe('highlights on the page', () => {
  it('draws the stored highlights it can find and reports the others as missing', async () => {
    const root = article();
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
    expect(drawnText()).toBe('mortality at 30 days');
    expect(f.missing()).toEqual(['aaaaaaaa-2']);
    expect(bg.calls.find((c) => c.type === 'highlightsMissing')?.data).toEqual({ ids: ['aaaaaaaa-2'] });
    // Nothing of a comment reaches the page, only the highlight's id and colour.
    const el = document.querySelector(HIGHLIGHT_TAG) as HTMLElement;
    expect(Object.keys(el.dataset)).toEqual(['takeawayId']);
    ac.abort();
    expect(document.querySelectorAll(HIGHLIGHT_TAG)).toHaveLength(0);
  });

  it('saves the selection as quote and position selectors, drawn at once', async () => {
    const root = article();
    const bg = fakeBackground();
    ac = new AbortController();
    const f = initHighlights({ signal: ac.signal, sighting: { pmid: '1' }, root: () => root, send: bg.send });
    await f.ready;
    selectText(root, '4.1% with early mobilisation');
    expect(await f.highlightSelection('blue', true)).toBe(true);
    expect(drawnText()).toBe('4.1% with early mobilisation');
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
    expect(drawnText()).toBe('');
    expect(document.querySelector('takeaway-toolbar')).not.toBeNull();
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
