/**
 * "Show on page" for the glance: find words of the abstract in the page's own abstract element,
 * scroll them into view and select them, as the browser's find would. The page's text is not
 * changed; the selection is the reader's to clear (a click anywhere does).
 */
import { rangeOf, textMap } from '../anchoring/index';

/** `text` with each run of white space folded to one space, and where each folded character came from. */
function folded(text: string): { text: string; from: number[] } {
  let out = '';
  const from: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      if (space || out.length === 0) continue;
      space = true;
      out += ' ';
    } else {
      space = false;
      out += c;
    }
    from.push(i);
  }
  return { text: out, from };
}

/** The range of `words` within `root`'s text (white space folded, case ignored as a fallback), or null. */
export function findWords(root: Element, words: string): Range | null {
  const want = words.replace(/\s+/g, ' ').trim();
  if (!want) return null;
  const map = textMap(root);
  const f = folded(map.text);
  let at = f.text.indexOf(want);
  if (at < 0) at = f.text.toLowerCase().indexOf(want.toLowerCase());
  if (at < 0) return null;
  const start = f.from[at];
  const end = f.from[at + want.length - 1];
  if (start === undefined || end === undefined) return null;
  return rangeOf(map, start, end + 1);
}

/** Scroll to and select `words` in `root`; false when they are not there (nothing is changed then). */
export function showWords(root: Element | null, words: string): boolean {
  if (!root || !root.isConnected) return false;
  const range = findWords(root, words);
  if (!range) return false;
  const el = range.startContainer.parentElement ?? root;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const sel = root.ownerDocument.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  return true;
}
