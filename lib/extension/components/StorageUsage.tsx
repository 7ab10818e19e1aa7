import { useEffect, useState } from 'preact/hooks';

interface Usage {
  usage: number;
  quota: number;
  persisted: boolean | null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * How much of the browser's storage the reader's notes use, and whether the browser has agreed to
 * keep it when space runs low (asked once there is something to keep). Without that promise the
 * reader is told to export, since the browser may clear the data under storage pressure.
 */
export function StorageUsage({ hasNotes }: { hasNotes: boolean }) {
  const [u, setU] = useState<Usage | null>(null);
  useEffect(() => {
    let live = true;
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.estimate) return;
    void (async () => {
      const est = await storage.estimate();
      let persisted = storage.persisted ? await storage.persisted() : null;
      if (hasNotes && persisted === false && storage.persist)
        persisted = await storage.persist().catch(() => false);
      if (live) setU({ usage: est.usage ?? 0, quota: est.quota ?? 0, persisted });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hasNotes]);
  // Its line is held while the browser answers, so the library below does not jump when it does.
  if (!u)
    return (navigator.storage as StorageManager | undefined)?.estimate ? (
      <p class="tw-muted" aria-hidden="true">
        {'\u00a0'}
      </p>
    ) : null;
  return (
    <p class="tw-muted" data-testid="review-storage">
      Storage used: {formatBytes(u.usage)}
      {u.quota ? ` of ${formatBytes(u.quota)} available` : ''}.{' '}
      {u.persisted === true
        ? 'The browser will keep it even when space runs low.'
        : u.persisted === false
          ? 'The browser may clear it if space runs low: export your notes to keep a copy.'
          : ''}
    </p>
  );
}
