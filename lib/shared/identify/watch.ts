/**
 * Re-identification on in-page navigation. Single-page sites (PubMed, Europe PMC, IEEE) change the
 * article without a page load. A content script runs in an isolated world and cannot wrap the
 * page's `history.pushState`, so besides `popstate` this watches what a navigation changes: the
 * `<head>` (meta tags, canonical link) and the `<title>`, and uses the Navigation API's
 * `currententrychange` where the browser has it.
 *
 * The observer callback does constant work (it never iterates mutation records), so a page that
 * floods mutations costs one timer reset per batch. Calls are debounced, with a ceiling so a page
 * that never stops mutating is still re-identified about once a second.
 */

interface NavigationLike {
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
}

const MAX_WAIT_FACTOR = 8;
const MAX_RECORDS = 64;

/** Tags whose insertion, removal or change can change which paper the page is about. */
const IDENTITY_TAGS = new Set(['TITLE', 'META', 'LINK', 'HEAD', 'SCRIPT']);

/**
 * Whether a mutation can change the page's identity: the <title> text, a meta or link tag, a JSON-LD
 * block. Scripts and styles that ad code injects into <head> by the hundred are not.
 */
function isIdentityMutation(r: MutationRecord): boolean {
  const target = r.target as Node;
  if (r.type === 'characterData') return target.parentNode?.nodeName === 'TITLE';
  if (r.type === 'attributes') return IDENTITY_TAGS.has(target.nodeName);
  if (target.nodeName === 'TITLE') return true;
  for (const list of [r.addedNodes, r.removedNodes]) {
    for (let i = 0; i < list.length && i < 16; i++) {
      const n = list[i];
      if (!n || !IDENTITY_TAGS.has(n.nodeName)) continue;
      if (n.nodeName !== 'SCRIPT') return true;
      // Only a JSON-LD script describes the page; other scripts are code.
      if ((n as Element).getAttribute?.('type') === 'application/ld+json') return true;
    }
  }
  return false;
}

export function watchForChanges(
  win: Window,
  signal: AbortSignal,
  onChange: () => void,
  debounceMs = 150,
): void {
  if (signal.aborted) return;
  const doc = win.document;
  const maxWait = Math.max(debounceMs * MAX_WAIT_FACTOR, 1000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPending = 0;

  const fire = (): void => {
    timer = undefined;
    firstPending = 0;
    if (signal.aborted) return;
    try {
      onChange();
    } catch {
      /* the caller's error must not stop watching */
    }
  };

  const schedule = (): void => {
    if (signal.aborted) return;
    const now = Date.now();
    if (!firstPending) firstPending = now;
    if (timer !== undefined) clearTimeout(timer);
    // Under a continuous flood, fire once the ceiling is reached instead of waiting forever.
    const wait = now - firstPending >= maxWait ? 0 : debounceMs;
    timer = setTimeout(fire, wait);
  };

  win.addEventListener('popstate', schedule, { signal });
  const nav = (win as Window & { navigation?: NavigationLike }).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('currententrychange', schedule, { signal });
  }

  const MO = (win as Window & { MutationObserver?: typeof MutationObserver }).MutationObserver;
  let observer: MutationObserver | null = null;
  let observedHead: HTMLHeadElement | null = null;
  if (typeof MO === 'function') {
    const observeHead = (): void => {
      const head = doc.head;
      observedHead = head;
      if (head) {
        observer?.observe(head, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
          attributeFilter: ['content', 'href', 'name', 'property'],
        });
      }
      // A site that replaces <head> or <title> outright is caught at the document element.
      if (doc.documentElement) observer?.observe(doc.documentElement, { childList: true });
    };
    observer = new MO((records) => {
      // Bounded work per batch: look at no more than MAX_RECORDS records; a bigger batch is
      // treated as a change without reading it. A replaced <head> is re-observed.
      if (doc.head !== observedHead) {
        observeHead();
        schedule();
        return;
      }
      if (records.length > MAX_RECORDS || records.some(isIdentityMutation)) schedule();
    });
    observeHead();
  }

  signal.addEventListener(
    'abort',
    () => {
      observer?.disconnect();
      observer = null;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    { once: true },
  );
}
