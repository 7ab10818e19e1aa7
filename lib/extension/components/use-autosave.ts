import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isNoRoom } from '../../shared/storage-errors';

export type SaveStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'error'; message: string };

const RETRY_MS = 1000;

export function describeSaveError(e: unknown): string {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  if (isNoRoom(e)) return 'disk full (browser storage is full)';
  if (/receiving end|no answer|context invalidated|disconnected|port closed|message channel/i.test(text))
    return 'the extension is restarting';
  return e instanceof Error ? e.message : text;
}

/**
 * Write-through saving: every change is written at once (coalesced while a write is in flight)
 * and retried until it lands, so closing the tab right after typing, a full disk or a restarting
 * worker loses nothing; the caller keeps showing its value until then. Pending writes are pushed
 * again when the page is hidden or closed.
 */
export function useAutosave<T>(write: (value: T) => Promise<void>, deps: unknown[]) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const pending = useRef<{ value: T } | null>(null);
  /** The change being written now (pending stays on it until it lands). */
  const inFlight = useRef<{ value: T } | null>(null);
  const writing = useRef(false);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async () => {
    if (writing.current) return;
    writing.current = true;
    try {
      while (pending.current !== null) {
        const job = pending.current;
        inFlight.current = job;
        // A refused write stays on show while it is retried, until a write lands.
        setStatus((s) => (s.kind === 'error' ? s : { kind: 'saving' }));
        try {
          await write(job.value);
          if (pending.current === job) {
            pending.current = null;
            setStatus({ kind: 'saved', at: Date.now() });
          }
        } catch (e) {
          setStatus({ kind: 'error', message: describeSaveError(e) });
          if (retry.current) clearTimeout(retry.current);
          retry.current = setTimeout(() => void flush(), RETRY_MS);
          break;
        }
      }
    } finally {
      writing.current = false;
      inFlight.current = null;
    }
  }, deps);

  useEffect(() => {
    const onHide = () => {
      // A write in flight would hold the latest text back until it answers, and the document may
      // not live that long: send the latest at once. Writes are applied in the order they arrive.
      if (writing.current && pending.current) void write(pending.current.value).catch(() => undefined);
      else void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      if (retry.current) clearTimeout(retry.current);
    };
  }, [flush]);

  const push = useCallback(
    (value: T) => {
      pending.current = { value };
      void flush();
    },
    [flush],
  );

  /** True while a change has not been written yet: the stored copy must not replace what is shown. */
  const busy = () => pending.current !== null || writing.current;

  /**
   * Rewrite the change made after the write in flight, if there is one (e.g. to carry a merge that
   * write came back with); it is the value written next. Returns the new value, or null when
   * nothing newer waits.
   */
  const amend = (fn: (value: T) => T): T | null => {
    const next = pending.current;
    if (!next || next === inFlight.current) return null;
    pending.current = { value: fn(next.value) };
    return pending.current.value;
  };

  return { status, push, busy, amend };
}
