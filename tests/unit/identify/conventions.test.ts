/** The project's own conventions for identification: adapters, fixtures and selectors agree. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_ADAPTERS } from '../../../lib/identify';
import { EXPECTED, FIXTURE_DIR, fixtureFiles } from './fixture-pages';

const files = fixtureFiles();
const names = ALL_ADAPTERS.map((a) => a.name);
const selectorsSource = readFileSync(join(import.meta.dirname, '../../../lib/identify/selectors.ts'), 'utf8');

describe('fixture conventions', () => {
  it.each(names)('adapter %s has at least one fixture page', (name) => {
    expect(files.filter((f) => f.startsWith(`${name}-`))).not.toEqual([]);
  });

  it.each(files)('%s is named <adapter>-<what>.html, has expectations, and stays small', (file) => {
    const adapter = file.split('-')[0] ?? '';
    expect(names).toContain(adapter);
    expect(file).toMatch(/^[a-z]+-[a-z0-9-]+\.html$/);
    expect(EXPECTED.map((e) => e.file)).toContain(file);
    expect(statSync(join(FIXTURE_DIR, file)).size).toBeLessThan(30 * 1024);
  });

  it('every fixture expectation names the adapter its file name says', () => {
    for (const e of EXPECTED) expect(e.file.startsWith(`${e.adapter}-`)).toBe(true);
  });
});

describe('selector module conventions', () => {
  const referenced = [...selectorsSource.matchAll(/\b([a-z]+-[a-z0-9-]+\.html)\b/g)].map(
    (m) => m[1] as string,
  );

  it('names only fixture pages that exist', () => {
    expect(referenced.length).toBeGreaterThan(0);
    for (const f of referenced) expect(files).toContain(f);
  });

  it('documents every exported selector with the fixture it is tested against', () => {
    const blocks = selectorsSource.split(/\nexport const /).slice(1);
    const before = selectorsSource.split(/\nexport const /);
    blocks.forEach((block, i) => {
      const name = block.split(/[\s=:]/)[0];
      const comment = (before[i] ?? '').split('*/').slice(-2, -1)[0] ?? '';
      // The comment right above the constant, or inside its body, names a fixture page.
      const mentions = /\.html\b/.test(comment) || /\.html\b/.test(block.split('\n};')[0] ?? '');
      expect(mentions, `${name} has no fixture named in its comment`).toBe(true);
    });
  });
});
