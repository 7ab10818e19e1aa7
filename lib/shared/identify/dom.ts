/** Small DOM helpers that stay cheap on huge or hostile pages. */
import {
  CHROME_WORDS,
  EXCLUDED_HINT,
  EXCLUDED_PHRASES,
  EXCLUDED_ROLES,
  EXCLUDED_WORDS,
  MODIFIER_CLASS,
  SKIPPED_TAGS,
} from './selectors';

const UPPER = new Map<string, string>();

/**
 * The element's tag name in upper case, as HTML documents report `tagName`, from `localName`
 * through a small cache: `tagName` builds a new string on every read in some DOMs, and the
 * document walk reads it for every element.
 */
export function tagOf(el: Element): string {
  const local = el.localName ?? el.tagName;
  let upper = UPPER.get(local);
  if (upper === undefined) {
    upper = local.toUpperCase();
    if (UPPER.size < 1000) UPPER.set(local, upper);
  }
  return upper;
}

/** Text of the first element matching `selector`, trimmed and capped. */
export function textOf(root: ParentNode, selector: string, max = 2000): string | null {
  const el = safeQuery(root, selector);
  const t = el?.textContent;
  if (!t) return null;
  const s = (t.length > max ? t.slice(0, max) : t).trim();
  return s || null;
}

/** textOf for the first selector of a priority list that matches. */
export function textOfFirst(root: ParentNode, selectors: readonly string[], max = 2000): string | null {
  for (const selector of selectors) {
    const t = textOf(root, selector, max);
    if (t) return t;
  }
  return null;
}

export function safeQuery(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

export function safeQueryAll(root: ParentNode, selector: string, max = 2000): Element[] {
  try {
    const all = root.querySelectorAll(selector);
    const out: Element[] = [];
    for (let i = 0; i < all.length && i < max; i++) {
      const el = all[i];
      if (el) out.push(el);
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * Whether an element is a container of other papers' identifiers or page chrome: reference lists,
 * similar/cited-by blocks, figures, navigation, footers. Tests tag, role, id and class words.
 */
export function isExcludedElement(el: Element): boolean {
  return isExcludedParts(tagOf(el), el.getAttribute('role'), el.getAttribute('id'), el.getAttribute('class'));
}

/** isExcludedElement on attributes already read (the document walk reads each once). */
export function isExcludedParts(
  tag: string,
  role: string | null,
  id: string | null,
  cls: string | null,
): boolean {
  if (SKIPPED_TAGS.has(tag)) return true;
  if (role && EXCLUDED_ROLES.has(role)) return true;
  if (id && id.length < 200 && excludedNames(id)) return true;
  return !!cls && cls.length < 1000 && excludedNames(cls);
}

/** Whether one of the space-separated names has an excluded word (see EXCLUDED_WORDS). */
export function excludedNames(names: string): boolean {
  if (!EXCLUDED_HINT.test(names)) return false;
  for (const name of names.split(/\s+/)) {
    if (!name || MODIFIER_CLASS.test(name)) continue;
    if (EXCLUDED_PHRASES.test(name)) return true;
    const words = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[\s_-]+/)
      .filter(Boolean);
    for (const w of words) if (EXCLUDED_WORDS.has(w)) return true;
    const last = words[words.length - 1];
    if (last && CHROME_WORDS.has(last)) return true;
  }
  return false;
}

/** Whether the element or one of its ancestors (up to 80 levels) is an excluded container. */
export function inExcludedContainer(el: Element): boolean {
  let cur: Element | null = el;
  for (let depth = 0; cur && depth < 80; depth++) {
    const tag = tagOf(cur);
    if (tag === 'BODY' || tag === 'HTML') return false;
    if (isExcludedElement(cur)) return true;
    cur = cur.parentElement;
  }
  return cur !== null;
}
