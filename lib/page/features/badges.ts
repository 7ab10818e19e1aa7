import type { ListedPaper } from '../../shared/identify';
import { toPaperIds } from '../../shared/identify';
import { sendMessage } from '../../shared/messaging';
import { MAX_LIST, type ListBadge } from '../../shared/protocol';
import { mountShadow } from '../shadow';

const TAG = 'takeaway-badge';

const BADGE_CSS = `
:host { display: inline-block !important; vertical-align: middle !important; margin-left: 6px !important; }
span { display: inline-block; padding: 1px 6px; border-radius: 999px; font: 600 11px/1.5 system-ui, sans-serif; }
.l1, .l2 { background: #e3f4ea; color: #14613a; }
.l3 { background: #fff4d6; color: #7a4b00; }
.l4, .l5 { background: #fde8e6; color: #9b1c13; }
.note { background: #e8eef8; color: #1f5fa8; margin-left: 3px; }
`;

function badgeText(b: ListBadge): { level: string; note: boolean } {
  return { level: b.level === null ? '' : `Takeaway L${b.level}`, note: b.note };
}

/**
 * Badges on a result list (PubMed search, a journal's table of contents): the evidence level of
 * each paper that has a summary, and a mark where the reader has a note. Every item gets the same
 * host element with a closed shadow root, so a page script cannot read which papers the reader has
 * noted (it could still measure the rendered width: a known limit). Returns a function that removes them.
 */
export async function startBadges({
  signal,
  list,
}: {
  signal: AbortSignal;
  list: ListedPaper[];
}): Promise<() => void> {
  const items = list.slice(0, MAX_LIST);
  if (items.length === 0) return () => {};
  const res = await sendMessage('lookupMany', { papers: items.map(toPaperIds) });
  if (!res.ok || signal.aborted) return () => {};
  const removers: (() => void)[] = [];
  items.forEach((item, i) => {
    const badge = res.value[i];
    if (!badge) return;
    const anchor = item.element.querySelector('a, .docsum-title, h2, h3') ?? item.element;
    const { container: root, remove } = mountShadow({
      tag: TAG,
      mode: 'closed',
      css: BADGE_CSS,
      after: anchor,
      signal,
    });
    const { level, note } = badgeText(badge);
    if (level) {
      const s = document.createElement('span');
      s.className = `l${badge.level}`;
      s.textContent = level;
      s.title = `Evidence level ${badge.level} of 5 in your Takeaway index`;
      root.append(s);
    }
    if (note) {
      const s = document.createElement('span');
      s.className = 'note';
      s.textContent = 'Your note';
      root.append(s);
    }
    removers.push(remove);
  });
  return () => removers.forEach((r) => r());
}
