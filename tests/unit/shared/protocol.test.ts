import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { dispatch, type Handlers } from '../../../lib/extension/background/router';
import { validators } from '../../../lib/extension/background/request-checks';
import { MAX_NOTE } from '../../../lib/shared/limits';

const OWN = 'own-extension-id';
const contentScript = {
  id: OWN,
  url: 'https://pubmed.ncbi.nlm.nih.gov/1/',
  tab: { id: 1 },
} as Browser.runtime.MessageSender;
const extensionPage = {
  id: OWN,
  url: 'chrome-extension://dynamic-id/note-frame.html#pmid=1',
} as Browser.runtime.MessageSender;

function handlers(): Handlers & { calls: string[] } {
  const calls: string[] = [];
  // Only the handlers these tests call; the others are never reached.
  const h = {
    calls,
    lookup: async (ids) => {
      calls.push(`lookup ${JSON.stringify(ids)}`);
      return null;
    },
    indexInfo: async () => ({ edition: 'e', built: 'b', count: 0 }),
    noteSave: async ({ noteId, body }) => {
      calls.push(`save ${noteId}`);
      return { id: noteId, paperId: 1, body, tags: [], createdAt: 0, updatedAt: 0 };
    },
  } as Partial<Handlers> & { calls: string[] };
  return h as Handlers & { calls: string[] };
}

describe('message validation in the background', () => {
  it.each([
    ['a DOI', { doi: '10.1000/xyz' }, true],
    ['a PMID and a title', { pmid: '42393435', title: 'A paper' }, true],
    ['nothing at all', {}, false],
    ['an unknown field', { doi: '10.1000/x', evil: 1 }, false],
    ['a number where a string belongs', { pmid: 42 }, false],
    ['an oversized title', { title: 'x'.repeat(5000) }, false],
    ['an array', [], false],
    ['null', null, false],
  ])('lookup with %s is %s', (_label, data, ok) => {
    expect(validators.lookup(data)).toBe(ok);
  });

  it('accepts a note up to the size limit and refuses one beyond it', () => {
    const base = { sighting: { pmid: '1' }, noteId: crypto.randomUUID() };
    expect(validators.noteSave({ ...base, body: 'x'.repeat(MAX_NOTE) })).toBe(true);
    expect(validators.noteSave({ ...base, body: 'x'.repeat(MAX_NOTE + 1) })).toBe(false);
    expect(validators.noteSave({ ...base, noteId: '../../etc', body: '' })).toBe(false);
    expect(validators.noteSave({ ...base, sighting: {}, body: '' })).toBe(false);
  });

  it('answers a valid request from its own content script', async () => {
    const h = handlers();
    const res = await dispatch(h, { type: 'lookup', data: { pmid: '1' } }, contentScript, OWN);
    expect(res).toEqual({ ok: true, value: null });
    expect(h.calls).toEqual(['lookup {"pmid":"1"}']);
  });

  it('ignores other extensions, unknown types and malformed envelopes', () => {
    const h = handlers();
    expect(
      dispatch(h, { type: 'lookup', data: { pmid: '1' } }, { ...contentScript, id: 'other' }, OWN),
    ).toBeUndefined();
    expect(dispatch(h, { type: 'dropDatabase', data: {} }, contentScript, OWN)).toBeUndefined();
    expect(dispatch(h, 'lookup', contentScript, OWN)).toBeUndefined();
    expect(dispatch(h, { type: '__proto__', data: {} }, contentScript, OWN)).toBeUndefined();
    expect(h.calls).toEqual([]);
  });

  it('returns an error as data for a malformed request', async () => {
    const h = handlers();
    expect(await dispatch(h, { type: 'lookup', data: { pmid: 7 } }, contentScript, OWN)).toEqual({
      ok: false,
      error: 'invalid lookup request',
    });
  });

  it('accepts note writes from extension pages only, never from a content script', async () => {
    const h = handlers();
    const msg = {
      type: 'noteSave',
      data: { sighting: { pmid: '1' }, noteId: crypto.randomUUID(), body: 'hi' },
    };
    expect(dispatch(h, msg, contentScript, OWN)).toBeUndefined();
    expect(await dispatch(h, msg, extensionPage, OWN)).toMatchObject({ ok: true });
  });

  it('turns a handler failure into an error result', async () => {
    const h = handlers();
    h.lookup = async () => {
      throw new Error('index file missing');
    };
    expect(await dispatch(h, { type: 'lookup', data: { pmid: '1' } }, contentScript, OWN)).toEqual({
      ok: false,
      error: 'index file missing',
    });
  });
});
