import { defineConfig } from 'wxt';
import { ARTICLE_HOSTS } from './lib/hosts';
import { bundledIndexAssets } from './scripts/wxt-index-hook';

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
        resources: ['note-frame.html'],
        matches: ARTICLE_HOSTS,
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
            gecko: { id: 'takeaway@takeaway.invalid', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
  hooks: {
    'build:publicAssets': bundledIndexAssets,
  },
});
