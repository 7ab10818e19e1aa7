/**
 * The one way page features put their UI in a web page: a custom element of ours with a shadow
 * root holding its own styles, so the page's CSS cannot restyle it and ours cannot leak out.
 * `:host { all: initial }` stops the page's inherited styles (font, colour, line height) at the
 * door. The panel's root is open (tests and assistive tools read it); badges and the highlight
 * toolbar use closed roots, as nothing outside needs to reach in.
 */
export interface ShadowMount {
  host: HTMLElement;
  root: ShadowRoot;
  /** Where the feature renders. */
  container: HTMLElement;
  /** Take it off the page (idempotent). */
  remove(): void;
}

export interface ShadowOptions {
  /** The host element's tag: a name of ours (`takeaway-…`), which no page styles or queries by class. */
  tag: `takeaway-${string}`;
  css: string;
  mode: 'open' | 'closed';
  /** Where the host goes: appended to `parent`, or right after `after`. */
  parent?: Element;
  after?: Element;
  /** Style of the host element itself (positioning), each declaration `!important`. */
  hostStyle?: string;
  /** Removed when this aborts. */
  signal?: AbortSignal;
  doc?: Document;
}

export function mountShadow(o: ShadowOptions): ShadowMount {
  const doc = o.doc ?? document;
  const host = doc.createElement(o.tag);
  const root = host.attachShadow({ mode: o.mode });
  const style = doc.createElement('style');
  style.textContent = `:host { all: initial !important; }\n${o.css}`;
  const container = doc.createElement('div');
  root.append(style, container);
  if (o.hostStyle) host.style.cssText = o.hostStyle;
  if (o.after) o.after.after(host);
  else (o.parent ?? doc.body ?? doc.documentElement).append(host);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    host.remove();
  };
  o.signal?.addEventListener('abort', remove, { once: true });
  return { host, root, container, remove };
}
