import { useEffect, useRef } from 'preact/hooks';
import { HIGHLIGHT_COLORS, HIGHLIGHT_SWATCHES, type HighlightColor } from '../../shared/model';

export type ToolbarMode =
  /** Text is selected: offer to highlight it. */
  | { kind: 'selection' }
  /** The reader clicked one of their highlights. */
  | { kind: 'highlight'; id: string }
  /** A highlight was just removed: offer it back. */
  | { kind: 'removed'; id: string }
  /** Something went wrong; said in words, the page is left as it was. */
  | { kind: 'message'; text: string };

export interface HighlightToolbarProps {
  mode: ToolbarMode;
  /** Move focus into the toolbar when it opens (it was opened from the keyboard). */
  autoFocus?: boolean;
  onHighlight: (color: HighlightColor) => void;
  onHighlightAndComment: () => void;
  onComment: (id: string) => void;
  onRemove: (id: string) => void;
  onUndoRemove: (id: string) => void;
  onClose: () => void;
}

/** The shortcuts handled by the content script (see lib/page/features/highlights.tsx). */
export const SHORTCUTS = { highlight: 'Alt+Shift+H', comment: 'Alt+Shift+M' } as const;

/**
 * The small bar shown by a selection or a highlight. It lives in a closed shadow root, so the
 * page's CSS cannot restyle it. Buttons keep the page's selection (no focus on mouse down), and
 * the arrow keys move between them, as in any toolbar (WAI-ARIA toolbar pattern).
 */
export function HighlightToolbar(p: HighlightToolbarProps) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (p.autoFocus) bar.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [p.mode, p.autoFocus]);

  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = Array.from(bar.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      p.onClose();
    } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && i >= 0) {
      e.preventDefault();
      const next = buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
      next?.focus();
    }
  };
  const keep = (e: MouseEvent) => e.preventDefault();

  return (
    <div
      ref={bar}
      class="tw-hl-bar"
      role="toolbar"
      aria-label="Takeaway highlight"
      onKeyDown={onKeyDown}
      data-testid="takeaway-highlight-toolbar"
    >
      {p.mode.kind === 'selection' && (
        <>
          {HIGHLIGHT_COLORS.map((c, i) => (
            <button
              key={c}
              type="button"
              class="tw-hl-swatch"
              style={{ background: HIGHLIGHT_SWATCHES[c] }}
              aria-label={`Highlight in ${c}`}
              title={i === 0 ? `Highlight (${SHORTCUTS.highlight})` : `Highlight in ${c}`}
              tabIndex={i === 0 ? 0 : -1}
              onMouseDown={keep}
              onClick={() => p.onHighlight(c)}
            />
          ))}
          <button
            type="button"
            class="tw-hl-text"
            title={`Highlight and comment (${SHORTCUTS.comment})`}
            tabIndex={-1}
            onMouseDown={keep}
            onClick={p.onHighlightAndComment}
          >
            Highlight + comment
          </button>
        </>
      )}
      {p.mode.kind === 'highlight' && (
        <>
          <button
            type="button"
            class="tw-hl-text"
            onMouseDown={keep}
            onClick={() => p.mode.kind === 'highlight' && p.onComment(p.mode.id)}
          >
            Comment
          </button>
          <button
            type="button"
            class="tw-hl-text"
            tabIndex={-1}
            onMouseDown={keep}
            onClick={() => p.mode.kind === 'highlight' && p.onRemove(p.mode.id)}
          >
            Remove highlight
          </button>
        </>
      )}
      {p.mode.kind === 'removed' && (
        <>
          <span class="tw-hl-message-plain" role="status">
            Highlight removed.
          </span>
          <button
            type="button"
            class="tw-hl-text"
            onMouseDown={keep}
            onClick={() => p.mode.kind === 'removed' && p.onUndoRemove(p.mode.id)}
          >
            Undo
          </button>
        </>
      )}
      {p.mode.kind === 'message' && (
        <>
          <span class="tw-hl-message" role="alert">
            {p.mode.text}
          </span>
          <button type="button" class="tw-hl-text" onMouseDown={keep} onClick={p.onClose}>
            OK
          </button>
        </>
      )}
    </div>
  );
}

/** The toolbar's styles, put in its shadow root as text (no page CSS reaches in, none leaks out). */
export const TOOLBAR_CSS = `
:host {
  position: absolute !important; z-index: 2147483647 !important; margin: 0 !important; display: block !important;
  top: var(--tw-top, 0) !important; left: var(--tw-left, 0) !important;
}
.tw-hl-bar {
  display: flex; align-items: center; gap: 4px; padding: 4px;
  font: 13px/1.2 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1f2328;
  background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
}
.tw-hl-swatch {
  width: 22px; height: 22px; padding: 0; border: 1px solid #8c959f; border-radius: 50%; cursor: pointer;
}
.tw-hl-text {
  padding: 4px 8px; font: inherit; color: inherit; background: #f6f8fa;
  border: 1px solid #d0d7de; border-radius: 6px; cursor: pointer;
}
.tw-hl-swatch:focus-visible, .tw-hl-text:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.tw-hl-message-plain { padding: 0 6px; }
.tw-hl-message { padding: 0 6px; color: #9a3412; font-weight: 600; max-width: 280px; }
@media (prefers-color-scheme: dark) {
  .tw-hl-bar { color: #e6edf3; background: #161b22; border-color: #30363d; }
  .tw-hl-text { background: #21262d; border-color: #30363d; }
  .tw-hl-message { color: #fdba74; }
}
`;
