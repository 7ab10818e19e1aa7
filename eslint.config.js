import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Where code runs decides what it may import (DESIGN.md, "Contexts"): lib/shared runs everywhere
 * and imports nothing of the others; lib/page runs in web pages, beside the page's own scripts, and
 * never reaches the extension's storage; lib/extension runs in the extension's own documents.
 * Type-only imports count too: a type from the database in page code is a step towards its code.
 */
const zones = [
  {
    target: './lib/shared',
    from: ['./lib/page', './lib/extension', './entrypoints', './build', './bench', './tests'],
    message: 'lib/shared runs in every context: it may import only lib/shared.',
  },
  {
    target: './lib/page',
    from: ['./lib/extension', './entrypoints', './build', './bench', './tests'],
    message: 'lib/page runs in web pages: it may import lib/shared and lib/page only.',
  },
  {
    target: './lib/extension',
    from: ['./lib/page', './entrypoints', './build', './bench', './tests'],
    message: 'lib/extension runs in extension documents: it may import lib/shared and lib/extension only.',
  },
  {
    target: './entrypoints/article.content',
    from: ['./lib/extension'],
    message: 'The content script runs in the page: it may use lib/page and lib/shared only.',
  },
  {
    target: './build',
    from: ['./lib/page', './entrypoints', './bench', './tests'],
    message: 'build/ is Node code: it may use lib/shared (and lib/extension for the index packer) only.',
  },
  {
    target: './bench',
    from: ['./tests/unit', './tests/e2e', './tests/fixtures/pages', './entrypoints'],
    message: 'bench/ shares code with the tests through tests/support only.',
  },
  {
    target: './tests',
    from: ['./bench'],
    message: 'Tests do not import benchmarks; shared helpers go in tests/support.',
  },
];

const noDexie = {
  name: 'dexie',
  message: 'The database is opened only in extension documents (lib/extension/db).',
};

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page and index text must never reach the DOM as markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with Preact or textContent.' },
        { property: 'outerHTML', message: 'Render text with Preact or textContent.' },
      ],
      'no-restricted-globals': ['error', { name: 'chrome', message: "Use `browser` from 'wxt/browser'." }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Page code and shared code never open the reader's database: in a web page, IndexedDB is the
    // journal's. Shared code uses the browser's API only to send messages and read settings.
    files: ['lib/shared/**/*.{ts,tsx}', 'lib/page/**/*.{ts,tsx}', 'entrypoints/article.content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noDexie],
        },
      ],
    },
  },
  {
    files: ['lib/shared/**/*.{ts,tsx}'],
    ignores: ['lib/shared/messaging.ts', 'lib/shared/settings.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noDexie],
          patterns: [
            {
              group: ['wxt/*', '#imports'],
              message:
                'lib/shared is pure: only messaging.ts and settings.ts touch the browser API. Pass what you need in.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
