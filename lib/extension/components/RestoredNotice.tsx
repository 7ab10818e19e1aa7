import type { TakeawayDB } from '../db';
import { RESTORED, type Restored } from '../db/safety-copy';
import { useLiveQuery } from './use-live-query';
import { noun } from './words';

const plural = (n: number, one: string, many?: string) => `${n.toLocaleString()} ${noun(n, one, many)}`;

/** What came back, in words: "3 notes, 1 highlight and 2 study cards". */
export function restoredItems(r: Restored): string {
  const parts = [
    r.notes && plural(r.notes, 'note'),
    r.highlights && plural(r.highlights, 'highlight'),
    r.summaries && plural(r.summaries, 'summary', 'summaries') + ' of your own',
    r.cards && plural(r.cards, 'study card'),
  ].filter((p): p is string => !!p);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing');
}

/**
 * Said at the top of the library after the safety copy put the reader's notes back
 * (lib/extension/db/safety-copy.ts), until the reader has read it.
 */
export function RestoredNotice({ db }: { db: TakeawayDB }) {
  const restored = useLiveQuery(
    () => db.meta.get(RESTORED).then((r) => r?.value as Restored | undefined),
    [db],
  );
  if (!restored) return null;
  const what =
    restored.why === 'open'
      ? "The browser discarded Takeaway's database (this can happen after the disk was full), so it was filled again from the safety copy Takeaway keeps beside it"
      : 'The browser had dropped recent changes (this can happen after the disk was full); they came back from the safety copy Takeaway keeps beside it';
  return (
    <div class="tw-restored" role="status" data-testid="safety-restored">
      <p>
        <strong>Your notes were put back.</strong> {what}: {restoredItems(restored)}
        {restored.inTrash ? ` (${restored.inTrash.toLocaleString()} of them in the trash)` : ''}, on{' '}
        {new Date(restored.at).toLocaleString()}. Look over your most recent notes;{' '}
        <a href="#/backup">a backup</a> keeps a copy outside the browser too.
      </p>
      <button
        type="button"
        class="tw-link-button"
        data-testid="safety-restored-ok"
        onClick={() => void db.meta.delete(RESTORED)}
      >
        OK
      </button>
    </div>
  );
}
