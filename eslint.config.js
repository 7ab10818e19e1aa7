import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

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
  prettier,
);
