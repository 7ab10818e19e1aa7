import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Preact binding of Dexie's liveQuery: the component re-renders whenever a write in any tab or
 * context changes the query's result. `undefined` until the first result arrives.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (v) => setValue(() => v),
      error: (e: unknown) => console.error('Takeaway: live query failed', e),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
