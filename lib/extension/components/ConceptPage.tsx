import { useEffect, useState } from 'preact/hooks';
import type { Note, Paper, TakeawayDB } from '../db';
import type { ConceptSummaries } from '../../shared/index/service';
import { sendMessage } from '../../shared/messaging';
import { keysOf } from '../../shared/summaries/keys';
import type { RelatedSummary } from '../../shared/summaries/schema';
import { useLiveQuery } from './use-live-query';

interface NotedPaper {
  paper: Paper;
  notes: Note[];
}

/**
 * The reader's notes on the papers that carry the concept: papers whose summary names it, papers
 * whose own pages list it as a subject term (MeSH term or keyword), and notes tagged with it.
 */
async function notesForConcept(
  db: TakeawayDB,
  name: string,
  summaries: RelatedSummary[],
): Promise<NotedPaper[]> {
  const keys = summaries.flatMap((s) => keysOf({ doi: s.doi, pmid: s.pmid }));
  const bySummary = keys.length ? await db.papers.where('keys').anyOf(keys).toArray() : [];
  const wanted = name.trim().toLowerCase();
  const bySubject = await db.papers
    .filter((p) => !!p.concepts?.some((c) => c.toLowerCase() === wanted))
    .toArray();
  const papers = [...bySummary, ...bySubject];
  const tagged = await db.notes.where('tags').equalsIgnoreCase(name).toArray();
  const ids = new Set([...papers.map((p) => p.id), ...tagged.map((n) => n.paperId)]);
  const out: NotedPaper[] = [];
  for (const id of ids) {
    const paper = papers.find((p) => p.id === id) ?? (await db.papers.get(id));
    if (!paper) continue;
    const notes = (await db.notes.where('paperId').equals(id).toArray()).filter(
      (n) => n.deletedAt === undefined && n.body.trim() !== '',
    );
    if (notes.length) out.push({ paper, notes });
  }
  return out;
}

function summaryHref(s: RelatedSummary): string | null {
  if (s.doi) return `https://doi.org/${encodeURI(s.doi)}`;
  if (s.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(s.pmid)}/`;
  return null;
}

/** Every summary and every note that shares a concept: reached from a concept chip, works offline. */
export function ConceptPage({ db, name }: { db: TakeawayDB; name: string }) {
  const [result, setResult] = useState<ConceptSummaries | null | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    document.title = `Takeaway — ${name}`;
    void sendMessage('concept', { name }).then((r) => {
      if (r.ok) setResult(r.value);
      else {
        setResult(null);
        setError(r.error);
      }
    });
  }, [name]);
  const summaries = result?.summaries ?? [];
  const noted = useLiveQuery(
    () => (result === undefined ? Promise.resolve(undefined) : notesForConcept(db, name, summaries)),
    [result, name],
  );

  return (
    <main class="tw-page">
      <p class="tw-muted">Concept</p>
      <h1 class="tw-page-title" data-testid="concept-name">
        {result?.name ?? name}
      </h1>
      {error && <p role="alert">The summary index could not be read: {error}</p>}
      <section aria-labelledby="c-sum">
        <h2 id="c-sum">Summaries</h2>
        {result === undefined ? (
          <p class="tw-muted">Loading…</p>
        ) : summaries.length === 0 ? (
          <p class="tw-muted">No summary in your index carries this concept.</p>
        ) : (
          <ul class="tw-library" data-testid="concept-summaries">
            {summaries.map((s) => {
              const href = summaryHref(s);
              return (
                <li key={s.title} class="tw-library-item">
                  <span class={`tw-mini-level tw-level-${s.evidence_level}`}>Level {s.evidence_level}</span>{' '}
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {s.title}
                    </a>
                  ) : (
                    s.title
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {result && result.total > summaries.length && (
          <p class="tw-muted">
            Showing the {summaries.length} strongest of {result.total}.
          </p>
        )}
      </section>
      <section aria-labelledby="c-notes">
        <h2 id="c-notes">Your notes</h2>
        {noted === undefined ? (
          <p class="tw-muted">Loading…</p>
        ) : noted.length === 0 ? (
          <p class="tw-muted">No notes on these papers yet.</p>
        ) : (
          <ul class="tw-library" data-testid="concept-notes">
            {noted.map(({ paper, notes }) => (
              <li key={paper.id} class="tw-library-item">
                <h3>{paper.title ?? paper.doi ?? `PMID ${paper.pmid ?? ''}`}</h3>
                {notes.map((n) => (
                  <p key={n.id} class="tw-library-note">
                    {n.body}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
