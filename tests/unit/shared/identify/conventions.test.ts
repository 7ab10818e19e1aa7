/** The project's own conventions for identification: adapters, fixtures and selectors agree. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_ADAPTERS } from '../../../../lib/shared/identify';
import { EXPECTED, FIXTURE_DIR, fixtureFiles } from './fixture-pages';

const files = fixtureFiles();
const GLANCE_FIXTURES = join(import.meta.dirname, '../../../fixtures/glance');
const names = ALL_ADAPTERS.map((a) => a.name);
const selectorsSource = readFileSync(
  join(import.meta.dirname, '../../../../lib/shared/identify/selectors.ts'),
  'utf8',
);

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

  it('names only fixture pages that exist (site fixtures, or the glance’s abstract pages)', () => {
    expect(referenced.length).toBeGreaterThan(0);
    const glancePages = readdirSync(GLANCE_FIXTURES).filter((f) => f.endsWith('.html'));
    for (const f of referenced) expect([...files, ...glancePages]).toContain(f);
  });

  it('documents every exported selector with the fixture or test it is tested against', () => {
    // Each `export` with the JSDoc comment right above it and its own body (up to the next comment
    // or export): one of the two must name a fixture page or a test file.
    const exports = [
      ...selectorsSource.matchAll(
        /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*export (?:const|function) (\w+)([\s\S]*?)(?=\n\/\*|\nexport |$)/g,
      ),
    ];
    expect(exports.length).toBeGreaterThan(20);
    for (const [, comment = '', name, body = ''] of exports) {
      const mentions = /\b[a-z]+-[a-z0-9-]+\.html\b|\.test\.ts\b/.test(comment + body);
      expect(mentions, `${name} names no fixture or test`).toBe(true);
    }
  });
});
