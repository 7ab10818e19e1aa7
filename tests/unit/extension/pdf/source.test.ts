import { describe, expect, it } from 'vitest';
import { checkSource } from '../../../../lib/extension/pdf/viewer/source';

const OWN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('checkSource: where pdf.html?src= may read from', () => {
  it.each([
    [`${OWN}/fixtures/paper.pdf`, false],
    [`blob:${OWN}/7c1e2a3b-0d4f-4e5a-9b6c-1d2e3f4a5b6c`, false],
    ['file:///home/reader/paper.pdf', false],
    ['https://www.medrxiv.org/content/10.1101/2025.01.01.25300001v1.full.pdf', true],
  ])('accepts %s (host permission needed: %s)', (src, needsPermission) => {
    const check = checkSource(src, OWN);
    expect(check).toMatchObject({ ok: true, needsPermission });
    if (check.ok) expect(check.url.href).toBe(new URL(src).href);
  });

  it.each([
    ['not a url', 'not an address'],
    ['', 'not an address'],
    ['http://journal.example/paper.pdf', 'http: addresses are not opened'],
    ['ftp://journal.example/paper.pdf', 'ftp: addresses are not opened'],
    ['data:application/pdf;base64,JVBERi0=', 'data: addresses are not opened'],
    ['javascript:alert(1)', 'javascript: addresses are not opened'],
    ['chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/x.pdf', 'belongs to another extension or site'],
    ['moz-extension://4b1c2d3e-0000-4000-8000-000000000000/x.pdf', 'belongs to another extension or site'],
    [
      'blob:https://journal.example/7c1e2a3b-0d4f-4e5a-9b6c-1d2e3f4a5b6c',
      'belongs to another extension or site',
    ],
  ])('refuses %j: %s', (src, reason) => {
    expect(checkSource(src, OWN)).toEqual({ ok: false, reason });
  });

  it('knows its own files in Firefox too', () => {
    const own = 'moz-extension://4b1c2d3e-0000-4000-8000-000000000000';
    expect(checkSource(`${own}/x.pdf`, own)).toMatchObject({ ok: true, needsPermission: false });
    expect(checkSource(`${OWN}/x.pdf`, own)).toMatchObject({ ok: false });
  });
});
