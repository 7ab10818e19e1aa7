import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchForChanges } from '../../../../lib/shared/identify/watch';

const DEBOUNCE = 20;
/** Long enough for a debounced call that is coming to have come (timers run late on busy CI). */
const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE * 6));
/** Waits for the first call, however late, then long enough to see any second one. */
async function calledOnce(fn: ReturnType<typeof vi.fn>): Promise<void> {
  await vi.waitFor(() => expect(fn).toHaveBeenCalled(), { timeout: 3000, interval: 10 });
  await settle();
  expect(fn).toHaveBeenCalledTimes(1);
}

/** What a single-page site does on navigation: new URL, title and meta tags. */
function navigate(doi: string): void {
  history.pushState({}, '', `/article/${doi.replace('/', '_')}`);
  document.title = `Article ${doi}`;
  document.head.querySelector('meta[name="citation_doi"]')?.remove();
  const meta = document.createElement('meta');
  meta.setAttribute('name', 'citation_doi');
  meta.setAttribute('content', doi);
  document.head.appendChild(meta);
}

describe('watchForChanges', () => {
  let controller: AbortController;

  beforeEach(() => {
    controller = new AbortController();
    document.head.replaceChildren();
    document.title = 'start';
  });
  afterEach(() => controller.abort());

  it('calls once, debounced, when a navigation rewrites <head>', async () => {
    const onChange = vi.fn();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    navigate('10.1000/one');
    expect(onChange).not.toHaveBeenCalled();
    await calledOnce(onChange);
  });

  it('folds a burst of changes into one call', async () => {
    const onChange = vi.fn();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    for (let i = 0; i < 5; i++) navigate(`10.1000/${i}`);
    await calledOnce(onChange);
  });

  it('reacts to popstate (back/forward)', async () => {
    const onChange = vi.fn();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await calledOnce(onChange);
  });

  it('reacts to a <title> text change', async () => {
    const onChange = vi.fn();
    const title = document.createElement('title');
    title.textContent = 'first';
    document.head.appendChild(title);
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    (title.firstChild as Text).data = 'second';
    await calledOnce(onChange);
  });

  it('ignores scripts and styles injected into <head>', async () => {
    const onChange = vi.fn();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    for (let i = 0; i < 20; i++) {
      document.head.appendChild(document.createElement('script'));
      document.head.appendChild(document.createElement('style'));
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('stops when aborted', async () => {
    const onChange = vi.fn();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    navigate('10.1000/before-abort');
    controller.abort();
    await settle();
    navigate('10.1000/after-abort');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('does nothing with an already aborted signal', async () => {
    const onChange = vi.fn();
    controller.abort();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    navigate('10.1000/x');
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('stays bounded under a flood of head mutations', async () => {
    const onChange = vi.fn();
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    const meta = document.createElement('meta');
    document.head.appendChild(meta);
    for (let i = 0; i < 5000; i++) meta.setAttribute('content', String(i));
    await calledOnce(onChange);
  });

  it('survives a callback that throws', async () => {
    const onChange = vi.fn(() => {
      throw new Error('boom');
    });
    watchForChanges(window, controller.signal, onChange, DEBOUNCE);
    navigate('10.1000/a');
    await calledOnce(onChange);
    navigate('10.1000/b');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2), { timeout: 3000, interval: 10 });
  });
});
