import type { ComponentChildren } from 'preact';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Terms marked at most: a one-letter prefix can match hundreds of words. */
const MAX_TERMS = 60;

/**
 * A regular expression for whole words starting with any of `terms` (the search matched prefixes),
 * or null when there is nothing to mark.
 */
export function markPattern(terms: readonly string[]): RegExp | null {
  const words = [...new Set(terms.map((t) => t.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_TERMS);
  if (!words.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRe).join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

/** Text with the matched words wrapped in <mark>, built as nodes (never as HTML). */
export function Marked({ text, pattern }: { text: string; pattern: RegExp | null }): ComponentChildren {
  if (!pattern) return text;
  const out: ComponentChildren[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const i = m.index;
    if (i > last) out.push(text.slice(last, i));
    out.push(<mark key={i}>{m[0]}</mark>);
    last = i + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A window of `text` around its first match, so a long note shows why it was found. */
export function snippet(text: string, pattern: RegExp | null, size = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= size) return flat;
  let start = 0;
  if (pattern) {
    pattern.lastIndex = 0;
    const m = pattern.exec(flat);
    pattern.lastIndex = 0;
    if (m && m.index > size / 3) start = m.index - Math.floor(size / 3);
  }
  const piece = flat.slice(start, start + size);
  return `${start > 0 ? '…' : ''}${piece}${start + size < flat.length ? '…' : ''}`;
}
