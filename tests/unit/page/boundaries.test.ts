import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module the given file loads at run time (type-only imports are erased), recursively. */
function runtimeGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    const re = /^\s*import\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
    for (const m of src.matchAll(re)) {
      const spec = m[1]!;
      // Imports whose every name is `type X` are erased too.
      if (/^\s*import\s*\{[^}]*\}/.test(m[0]) && /\{\s*(type\s+\w+\s*,?\s*)+\}/.test(m[0])) continue;
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
        .map((x) => base + x)
        .find((p) => existsSync(p) && !p.endsWith('/'));
      if (found && /\.(ts|tsx)$/.test(found)) visit(found);
    }
  };
  visit(resolve(entry));
  return seen;
}

describe('where the reader’s data may be opened', () => {
  it('the content script never loads the database module or Dexie (its IndexedDB is the journal’s)', () => {
    const graph = [...runtimeGraph('entrypoints/article.content/index.tsx')];
    expect(
      graph.filter(
        (m) =>
          m === 'dexie' ||
          m.endsWith('lib/extension/db/index.ts') ||
          m.endsWith('lib/extension/db/note-store.ts'),
      ),
    ).toEqual([]);
    expect(graph.some((m) => m.endsWith('lib/page/features/highlights.tsx'))).toBe(true);
  });
});
