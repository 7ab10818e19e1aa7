import type { TakeawayDB } from '../../db';
import { trashHighlight } from '../../db/highlights';
import { trashNote } from '../../db/notes';
import { paperTitle } from '../../library/model';
import { useLiveQuery } from '../use-live-query';

/** Most items listed at once; the trash of years of reading can be long. */
const SHOWN = 300;

/**
 * Notes and highlights in the trash, newest first, each with a restore button. Notes folded into
 * another note when two records of a paper were merged are listed too: restoring one brings the
 * original back as its own note.
 */
export function TrashView({ db }: { db: TakeawayDB }) {
  const data = useLiveQuery(async () => {
    const [notes, highlights] = await Promise.all([
      db.notes.where('deletedAt').above(0).toArray(),
      db.highlights.where('deletedAt').above(0).toArray(),
    ]);
    const papers = await db.papers.bulkGet([...new Set([...notes, ...highlights].map((x) => x.paperId))]);
    const titles = new Map(papers.flatMap((p) => (p ? [[p.id, paperTitle(p)] as const] : [])));
    const items = [
      ...notes.map((n) => ({
        kind: 'note' as const,
        id: n.id,
        text: n.body,
        at: n.deletedAt ?? 0,
        paper: titles.get(n.paperId),
      })),
      ...highlights.map((h) => ({
        kind: 'highlight' as const,
        id: h.id,
        text: h.quote.exact,
        at: h.deletedAt ?? 0,
        paper: titles.get(h.paperId),
      })),
    ].sort((a, b) => b.at - a.at);
    return items;
  }, [db]);
  if (!data) return <p class="tw-muted">Loading…</p>;
  return (
    <section aria-labelledby="tw-trash-h" data-testid="trash-view">
      <h2 id="tw-trash-h">Trash</h2>
      {data.length === 0 ? (
        <p class="tw-muted" data-testid="trash-empty">
          The trash is empty.
        </p>
      ) : (
        <>
          <p class="tw-muted">
            {data.length} {data.length === 1 ? 'item' : 'items'}. Nothing here is erased; restore brings it
            back to its paper.
          </p>
          <ul class="tw-trash-list">
            {data.slice(0, SHOWN).map((it) => (
              <li key={it.id} class="tw-trash-item" data-testid="trash-item">
                <p class="tw-muted">
                  {it.kind === 'note' ? 'Note' : 'Highlight'} on {it.paper ?? 'an unknown paper'} · deleted{' '}
                  {new Date(it.at).toLocaleString()}
                </p>
                <p class="tw-trash-text">
                  {it.text.length > 400 ? `${it.text.slice(0, 400)}…` : it.text || '(empty)'}
                </p>
                <button
                  type="button"
                  class="tw-button tw-button-quiet"
                  data-testid="trash-restore"
                  onClick={() =>
                    void (it.kind === 'note' ? trashNote(db, it.id, false) : trashHighlight(db, it.id, false))
                  }
                >
                  Restore {it.kind}
                </button>
              </li>
            ))}
          </ul>
          {data.length > SHOWN && <p class="tw-muted">… and {data.length - SHOWN} older items.</p>}
        </>
      )}
    </section>
  );
}
