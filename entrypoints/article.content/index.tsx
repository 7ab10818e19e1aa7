import { defineContentScript } from 'wxt/utils/define-content-script';
import { ARTICLE_HOSTS } from '../../lib/shared/hosts';
import { startTakeaway } from '../../lib/page/start';

export default defineContentScript({
  matches: ARTICLE_HOSTS,
  // From the start of the page: the panel is mounted as soon as <body> exists (lib/page/start.ts).
  // In Firefox too: at document_idle its takeaway came 2.9-3.5 times after the page's own title
  // (`npm run bench -- panel`).
  runAt: 'document_start',
  // The panel's CSS is bundled into the script and given to the shadow root (see
  // lib/page/shadow.ts), so no stylesheet has to be web-accessible, and nothing is fetched from
  // the page's side for it.
  cssInjectionMode: 'manual',
  main(ctx) {
    void startTakeaway(ctx);
  },
});
