import { defineConfig } from 'wxt';
import { bundledIndexAssets, bundledManifestDefine } from './build/wxt-index-hook';

export default defineConfig({
  // The e2e suite builds its own edition into another folder, leaving the reader's build alone.
  outDir: process.env.TAKEAWAY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: a reader should see where every name comes from.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Takeaway',
    description:
      'Evidence summaries, caveats and your private notes beside the papers you read. Works offline; nothing leaves your browser.',
    permissions: ['storage', 'activeTab', 'scripting'],
    optional_host_permissions: ['https://*/*'],
    // Manifest V2 has no optional_host_permissions (WXT drops the key for Firefox), so the same
    // opt-in host access is declared where Firefox MV2 looks for it; without it the popup's
    // "enable on this site" request is refused in Firefox.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*'] } : {}),
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Show or hide the Takeaway panel',
      },
      'focus-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Jump to your note on this paper',
      },
    },
    web_accessible_resources: [
      {
        // The note editor is framed by the panel on every site the reader enables, not only the
        // known article hosts. Chrome serves it only at a per-session dynamic address, and Firefox
        // at a random per-install UUID, so no site can probe for the extension with it.
        resources: ['note-frame.html'],
        matches: ['https://*/*'],
        ...(browser === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ],
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'none'; frame-ancestors 'self' https:;"
        : {
            extension_pages: "script-src 'self'; object-src 'none';",
          },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'takeaway@takeaway.invalid',
              strict_min_version: '115.0',
              // Firefox's built-in data consent (https://mzl.la/firefox-builtin-data-consent),
              // required by addons.mozilla.org for new add-ons: Takeaway collects nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    // The Firefox source archive is what an addons.mozilla.org reviewer rebuilds from with the
    // README's `npm ci && npm run build`. WXT already leaves out hidden folders (.output, .wxt)
    // and node_modules; these are generated locally and can be gigabytes (bench/out).
    excludeSources: ['bench/out/**', 'tests/e2e/screenshots/**', 'coverage/**', '**/*.log'],
    // WXT also drops every *.test.ts by default, which would ship the test helpers without the
    // tests; the whole suite goes in, so `npm test` runs from the archive too.
    includeSources: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
  },
  // The index manifest inside the worker's code (build/wxt-index-hook.ts).
  vite: async (env) => ({ define: await bundledManifestDefine(process.cwd(), env.browser) }),
  hooks: {
    'build:publicAssets': bundledIndexAssets,
  },
});
