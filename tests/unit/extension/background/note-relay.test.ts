import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { noteHandlers, serveNotePorts } from '../../../../lib/extension/background/note-relay';
import { NOTES_PORT } from '../../../../lib/shared/protocol';
import { openDatabase } from '../../../../lib/extension/db';
import { dispatch, type Handlers } from '../../../../lib/extension/background/router';
import { validators } from '../../../../lib/extension/background/request-checks';
import { MAX_CONTEXT, MAX_QUOTE } from '../../../../lib/shared/limits';

const OWN = 'own-extension-id';
const contentScript = {
  id: OWN,
  url: 'https://www.bmj.com/content/391/x',
  tab: { id: 7 },
} as Browser.runtime.MessageSender;
const notePage = {
  id: OWN,
  url: 'chrome-extension://dyn/note-frame.html#doi=10.1/x',
  tab: { id: 7 },
} as Browser.runtime.MessageSender;
const popup = { id: OWN, url: 'chrome-extension://own/popup.html' } as Browser.runtime.MessageSender;
const stranger = {
  id: 'another-extension',
  url: 'https://evil.example/',
  tab: { id: 9 },
} as Browser.runtime.MessageSender;

const quote = { type: 'TextQuoteSelector', exact: 'mortality was 4.1%', prefix: 'Results ', suffix: ' with' };
const good = {
  sighting: { doi: '10.1136/bmj-2025-081234', url: 'https://www.bmj.com/content/391/x' },
  highlight: {
    id: crypto.randomUUID(),
    quote,
    position: { type: 'TextPositionSelector', start: 10, end: 28 },
    color: 'yellow',
  },
};

function handlers(): Handlers {
  const db = openDatabase(`msg-${crypto.randomUUID()}`);
  return {
    lookup: async () => null,
    indexInfo: async () => ({ edition: '', built: '', count: 0 }),
    ...noteHandlers(db),
  } as unknown as Handlers;
}

describe('highlight messages are checked for shape and size', () => {
  it.each([
    ['a well-formed highlight', good, true],
    ['an unknown field', { ...good, extra: 1 }, false],
    ['an unknown colour', { ...good, highlight: { ...good.highlight, color: 'red' } }, false],
    ['a script in the id', { ...good, highlight: { ...good.highlight, id: '<img src=x>' } }, false],
    [
      'a quote beyond the limit',
      { ...good, highlight: { ...good.highlight, quote: { ...quote, exact: 'x'.repeat(MAX_QUOTE + 1) } } },
      false,
    ],
    [
      'too much context',
      { ...good, highlight: { ...good.highlight, quote: { ...quote, prefix: 'x'.repeat(MAX_CONTEXT + 1) } } },
      false,
    ],
    [
      'an empty quote',
      { ...good, highlight: { ...good.highlight, quote: { ...quote, exact: '   ' } } },
      false,
    ],
    [
      'a backwards position',
      {
        ...good,
        highlight: { ...good.highlight, position: { type: 'TextPositionSelector', start: 5, end: 2 } },
      },
      false,
    ],
    [
      'a fractional offset',
      {
        ...good,
        highlight: { ...good.highlight, position: { type: 'TextPositionSelector', start: 1.5, end: 2 } },
      },
      false,
    ],
    ['a comment smuggled in', { ...good, highlight: { ...good.highlight, comment: 'hi' } }, false],
    ['no identifier for the paper', { ...good, sighting: { url: 'https://x/' } }, false],
  ])('highlightSave with %s: %s', (_label, data, ok) => {
    expect(validators.highlightSave(data)).toBe(ok);
  });

  it('limits tags on a note save', () => {
    const base = { sighting: { pmid: '1' }, noteId: crypto.randomUUID(), body: 'x' };
    expect(validators.noteSave({ ...base, tags: ['rct', 'cardiology'] })).toBe(true);
    expect(validators.noteSave({ ...base, tags: ['x'.repeat(41)] })).toBe(false);
    expect(validators.noteSave({ ...base, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) })).toBe(false);
    expect(validators.noteSave({ ...base, tags: [''] })).toBe(false);
    expect(validators.noteSave({ ...base, tags: 'rct' })).toBe(false);
  });

  it('limits the ids reported missing', () => {
    expect(validators.highlightsMissing({ ids: [crypto.randomUUID()] })).toBe(true);
    expect(validators.highlightsMissing({ ids: ['../x'] })).toBe(false);
    expect(
      validators.highlightsMissing({ ids: Array.from({ length: 2001 }, () => crypto.randomUUID()) }),
    ).toBe(false);
  });
});

describe('who may send what', () => {
  it('saves a highlight from its own content script, under the address it was made at, and reads it back without comment', async () => {
    const h = handlers();
    const saved = await dispatch(h, { type: 'highlightSave', data: good }, contentScript, OWN);
    expect(saved).toEqual({ ok: true, value: { id: good.highlight.id } });
    await dispatch(
      h,
      { type: 'highlightComment', data: { id: good.highlight.id, comment: 'private' } },
      notePage,
      OWN,
    );
    const got = await dispatch(
      h,
      { type: 'highlightsGet', data: { sighting: { doi: '10.1136/BMJ-2025-081234' } } },
      contentScript,
      OWN,
    );
    expect(got?.ok).toBe(true);
    const list = (got as { value: unknown[] }).value;
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('private');
    expect(list[0]).toMatchObject({ id: good.highlight.id, hasComment: true });
  });

  it('ignores another extension or a web page entirely', async () => {
    const h = handlers();
    expect(dispatch(h, { type: 'highlightSave', data: good }, stranger, OWN)).toBeUndefined();
    expect(
      dispatch(h, { type: 'highlightsGet', data: { sighting: good.sighting } }, stranger, OWN),
    ).toBeUndefined();
  });

  it('lets only extension pages write notes and comments, never a content script', () => {
    const h = handlers();
    const save = {
      type: 'noteSave',
      data: { sighting: { pmid: '1' }, noteId: crypto.randomUUID(), body: 'x' },
    };
    expect(dispatch(h, save, contentScript, OWN)).toBeUndefined();
    expect(
      dispatch(
        h,
        { type: 'highlightComment', data: { id: good.highlight.id, comment: 'x' } },
        contentScript,
        OWN,
      ),
    ).toBeUndefined();
  });

  it('refuses page-side messages that do not come from a tab', async () => {
    const h = handlers();
    const res = await dispatch(h, { type: 'highlightSave', data: good }, popup, OWN);
    expect(res).toMatchObject({ ok: false });
  });
});

/** A note frame's port as the background sees it, recording what it is sent. */
function framePort(sender: Browser.runtime.MessageSender) {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const sent: unknown[] = [];
  const port = {
    name: NOTES_PORT,
    sender,
    postMessage: (m: unknown) => sent.push(m),
    disconnect: () => onDisconnect.forEach((f) => f()),
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
  } as unknown as Browser.runtime.Port;
  return { port, sent, say: (m: unknown) => onMessage.forEach((f) => f(m)) };
}

describe('a comment asked for before the note frame is open', () => {
  it('is kept in session storage, not in the worker’s memory, and given to the next frame of the tab', async () => {
    const db = openDatabase(`pending-${crypto.randomUUID()}`);
    await noteHandlers(db).highlightSave(
      { sighting: good.sighting, highlight: good.highlight as never, comment: true },
      contentScript,
    );
    // What a worker stopped now would come back to: the request is in the extension's session storage.
    expect(await storage.getItem('session:pendingComments')).toEqual({ '7': good.highlight.id });

    const frame = framePort(notePage);
    serveNotePorts(db, frame.port, OWN);
    frame.say({ kind: 'watch', sighting: good.sighting });
    await expect
      .poll(() => frame.sent)
      .toContainEqual({ kind: 'page', event: { kind: 'editComment', highlightId: good.highlight.id } });
    // Asked once, answered once: the next frame of the tab opens no comment field.
    expect(await storage.getItem('session:pendingComments')).toEqual({});
    frame.port.disconnect();
  });
});
