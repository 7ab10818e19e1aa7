/** Helpers shared by site adapters. */
import { doiFromUrl, parseArticleDoi, toArticleDoi, type Doi } from '../doi';
import { inExcludedContainer, safeQueryAll } from '../dom';
import { scanOf } from '../scan';

/**
 * DOI of the first printed DOI link matching `selector` outside reference/related containers: the
 * href when it is a resolver or DOI URL, else the link text.
 */
export function doiFromLinks(root: ParentNode, selector: string): Doi | null {
  for (const el of safeQueryAll(root, selector, 20)) {
    if (inExcludedContainer(el)) continue;
    const href = el.getAttribute('href');
    const doi =
      parseArticleDoi(href) ??
      toArticleDoi(doiFromUrl(href)) ??
      parseArticleDoi(el.textContent?.slice(0, 500));
    if (doi) return doi;
  }
  return null;
}

/**
 * Inline scripts whose text contains `marker`, in document order (within the scan's budget). Used
 * for the few sites whose only copy of the DOI is a JS variable.
 */
export function scriptsContaining(doc: Document, marker: string): string[] {
  return scanOf(doc).inlineScripts.filter((text) => text.includes(marker));
}

/** `matches` for adapters keyed on hosts, with optional path test. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
