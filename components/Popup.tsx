import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TakeawayDB } from '../lib/db';
import { sendMessage } from '../lib/messaging';
import { useLiveQuery } from '../lib/ui/use-live-query';

export function Popup({ db }: { db: TakeawayDB }) {
  const [edition, setEdition] = useState<string>('');
  const noteCount = useLiveQuery(() => db.notes.filter((n) => n.deletedAt === undefined).count(), []);
  useEffect(() => {
    void sendMessage('indexInfo', {}).then((r) => {
      if (r.ok) setEdition(`${r.value.edition}: ${r.value.count} summaries`);
      else setEdition(`Summary index unavailable: ${r.error}`);
    });
  }, []);
  return (
    <main class="tw-page tw-popup">
      <h1 class="tw-page-title">Takeaway</h1>
      <p class="tw-muted">Evidence summaries and your private notes, offline.</p>
      <p data-testid="popup-index">{edition || 'Loading index…'}</p>
      <p data-testid="popup-note-count">
        {noteCount === undefined ? '' : `${noteCount} note${noteCount === 1 ? '' : 's'} in this browser`}
      </p>
      <button
        type="button"
        class="tw-button"
        onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/review.html') })}
      >
        Open notes library
      </button>
    </main>
  );
}
