import type { Note, Paper, TakeawayDB } from '../lib/db';
import { useLiveQuery } from '../lib/ui/use-live-query';
import { PacksPanel } from './PacksPanel';
import { StorageUsage } from './StorageUsage';

interface PaperWithNotes {
  paper: Paper;
  notes: Note[];
}

async function loadLibrary(db: TakeawayDB): Promise<PaperWithNotes[]> {
  const [papers, notes] = await Promise.all([db.papers.toArray(), db.notes.toArray()]);
  const byPaper = new Map<number, Note[]>();
  for (const n of notes) {
    if (n.deletedAt !== undefined || !n.body.trim()) continue;
    const list = byPaper.get(n.paperId) ?? [];
    list.push(n);
    byPaper.set(n.paperId, list);
  }
  return papers
    .filter((p) => byPaper.has(p.id))
    .map((paper) => ({ paper, notes: byPaper.get(paper.id) ?? [] }))
    .sort(
      (a, b) => Math.max(...b.notes.map((n) => n.updatedAt)) - Math.max(...a.notes.map((n) => n.updatedAt)),
    );
}

function paperTitle(p: Paper): string {
  return p.title ?? (p.doi ? `DOI ${p.doi}` : p.pmid ? `PMID ${p.pmid}` : (p.pmcid ?? 'Untitled paper'));
}

/** The notes library: every paper the reader has noted, newest first. */
export function ReviewPage({ db }: { db: TakeawayDB }) {
  const library = useLiveQuery(() => loadLibrary(db), []);
  return (
    <main class="tw-page tw-review">
      <h1 class="tw-page-title">Your notes</h1>
      <StorageUsage hasNotes={!!library?.length} />
      {library === undefined ? (
        <p class="tw-muted">Loading…</p>
      ) : library.length === 0 ? (
        <p class="tw-muted" data-testid="review-empty">
          No notes yet. Open a paper on PubMed or a journal site and write in the Takeaway panel.
        </p>
      ) : (
        <ul class="tw-library" data-testid="review-list">
          {library.map(({ paper, notes }) => (
            <li key={paper.id} class="tw-library-item" data-testid="review-paper">
              <h2>{paperTitle(paper)}</h2>
              <p class="tw-muted">
                {[paper.doi && `DOI ${paper.doi}`, paper.pmid && `PMID ${paper.pmid}`, paper.pmcid]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {notes.map((n) => (
                <article key={n.id} class="tw-library-note" data-testid="review-note">
                  <p>{n.body}</p>
                  <p class="tw-muted">Updated {new Date(n.updatedAt).toLocaleString()}</p>
                </article>
              ))}
            </li>
          ))}
        </ul>
      )}
      <PacksPanel db={db} />
    </main>
  );
}
