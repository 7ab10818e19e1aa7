import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in pixels (rows clamp their text), so positions are arithmetic. */
  rowHeight: number;
  /** Height of the scrolling area. */
  height: number;
  render: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T) => string | number;
  label: string;
  testid?: string;
  /** Changing it scrolls back to the top (a new search). */
  resetKey?: unknown;
}

const OVERSCAN = 6;

/**
 * A windowed list: only the rows in view (and a few either side) are in the document, so ten
 * thousand papers scroll as smoothly as ten. Each row carries its position in the whole list for
 * assistive technology, and the arrow keys move between rows, scrolling as they go.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, height } = props;
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const focusNext = useRef<number | null>(null);

  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setTop(0);
  }, [props.resetKey]);

  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    const i = focusNext.current;
    if (i === null || !box.current) return;
    const el = box.current.querySelector<HTMLElement>(`[data-index="${i}"] [data-row-focus]`);
    if (el) {
      el.focus();
      focusNext.current = null;
    }
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || !box.current) return;
    const i = Number(row.dataset.index);
    const to =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? items.length - 1
              : null;
    if (to === null || to < 0 || to >= items.length) return;
    e.preventDefault();
    const el = box.current;
    if (to * rowHeight < el.scrollTop) el.scrollTop = to * rowHeight;
    else if ((to + 1) * rowHeight > el.scrollTop + height) el.scrollTop = (to + 1) * rowHeight - height;
    setTop(el.scrollTop);
    focusNext.current = to;
  };

  return (
    <div
      ref={box}
      class="tw-vlist"
      style={{ height: `${height}px` }}
      onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      <ul
        class="tw-vlist-inner"
        aria-label={props.label}
        data-testid={props.testid}
        style={{ height: `${items.length * rowHeight}px` }}
      >
        {items.slice(first, last).map((item, j) => {
          const i = first + j;
          return (
            <li
              key={props.itemKey(item)}
              data-index={i}
              aria-setsize={items.length}
              aria-posinset={i + 1}
              class="tw-vlist-row"
              style={{ transform: `translateY(${i * rowHeight}px)`, height: `${rowHeight}px` }}
            >
              {props.render(item, i)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
