import { useEffect, useRef, useState } from 'preact/hooks';
import { MergedNotice } from '../MergedNotice';
import type { Highlight, Note, TakeawayDB } from '../../db';
import { highlightsOfPaper, setHighlightComment, trashHighlight } from '../../db/highlights';
import { allTags, notesOfPaper, trashNote } from '../../db/notes';
import { addNote, editNote } from '../../library/edit';
import { paperUrl } from '../../library/export';
import { paperTitle, type LibraryPaper } from '../../library/model';
import { useLiveQuery } from '../use-live-query';
import { EvidenceBadge } from '../../../shared/components/EvidenceBadge';
import { TagInput } from '../TagInput';
import { useAutosave, type SaveStatus } from '../use-autosave';
import { useNoteSave } from '../use-note-save';
import { Marked } from './Marked';
import { KeptPdfLinks } from '../../pdf/KeptPdfLink';
import { summaryEditorHref } from './SummariesView';

function statusText(s: SaveStatus): string {
  switch (s.kind) {
    case 'idle':
      return '';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved ${new Date(s.at).toLocaleTimeString()}`;
    case 'error':
      return `Not saved yet (${s.message}); retrying.`;
  }
}

function NoteCard({ db, note, tags, index }: { db: TakeawayDB; note: Note; tags: string[]; index: number }) {
  const [body, setBody] = useState(note.body);
  const [noteTags, setNoteTags] = useState(note.tags);
  const show = (v: { body: string; tags: string[] }) => {
    setBody(v.body);
    setNoteTags(v.tags);
  };
  const {
    status,
    push: save,
    busy,
    merged,
    acknowledgeMerge,
    adopt,
    seen,
  } = useNoteSave((v, base) => editNote(db, note.id, v.body, v.tags, base), show, [db, note.id]);
  // The version this card was opened on is what its first save was edited from; a newer one
  // saved elsewhere (the note frame in another tab) replaces the text unless typing is unsaved,
  // in which case the next save merges the two.
  const opened = useRef(false);
  if (!opened.current) {
    opened.current = true;
    adopt(note);
  }
  useEffect(() => {
    if (busy() || note.updatedAt <= seen.current) return;
    adopt(note);
    show(note);
  }, [note]);
  const id = `tw-note-${note.id}`;
  return (
    <article class="tw-paper-note" data-testid="paper-note">
      <label for={id} class="tw-sr-only">
        Note {index + 1}
      </label>
      <textarea
        id={id}
        class="tw-paper-note-text"
        value={body}
        rows={Math.min(16, Math.max(3, body.split('\n').length + 1))}
        data-testid="paper-note-editor"
        onInput={(e) => {
          const v = (e.currentTarget as HTMLTextAreaElement).value;
          setBody(v);
          save({ body: v, tags: noteTags });
        }}
      />
      <TagInput
        tags={noteTags}
        suggestions={tags}
        onChange={(t) => {
          setNoteTags(t);
          save({ body, tags: t });
        }}
      />
      <p class="tw-row tw-muted">
        <span data-testid="paper-note-status" role="status">
          {statusText(status)}
        </span>
        <span>Written {new Date(note.createdAt).toLocaleString()}</span>
        <button type="button" class="tw-link-button" onClick={() => void trashNote(db, note.id, true)}>
          Move note {index + 1} to the trash
        </button>
      </p>
      {merged && <MergedNotice class="tw-muted" testid="paper-note-merged" onOk={acknowledgeMerge} />}
    </article>
  );
}

function HighlightCard({ db, h, pattern }: { db: TakeawayDB; h: Highlight; pattern: RegExp | null }) {
  const [comment, setComment] = useState(h.comment ?? '');
  const { status, push: save } = useAutosave<string>(
    async (c) => void (await setHighlightComment(db, h.id, c)),
    [db, h.id],
  );
  const id = `tw-hl-${h.id}`;
  return (
    <li class={`tw-paper-highlight tw-hl-${h.color}`} data-testid="paper-highlight">
      <blockquote>
        <Marked text={h.quote.exact} pattern={pattern} />
      </blockquote>
      {h.page !== undefined && (
        <p class="tw-muted" data-testid="paper-highlight-page">
          In the PDF, page {h.page}
        </p>
      )}
      <label for={id}>Comment</label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLTextAreaElement).value;
          setComment(v);
          save(v);
        }}
      />
      <p class="tw-row tw-muted">
        <span role="status">{statusText(status)}</span>
        <button type="button" class="tw-link-button" onClick={() => void trashHighlight(db, h.id, true)}>
          Move highlight to trash
        </button>
      </p>
    </li>
  );
}

/** One paper: its summary, every note (editable, saved as typed) and every highlight. */
export function PaperView({
  db,
  paperId,
  lp,
  pattern,
  onBack,
}: {
  db: TakeawayDB;
  paperId: number;
  lp: LibraryPaper | undefined;
  pattern: RegExp | null;
  onBack: () => void;
}) {
  const data = useLiveQuery(async () => {
    const [paper, notes, highlights, tags] = await Promise.all([
      db.papers.get(paperId),
      notesOfPaper(db, paperId),
      highlightsOfPaper(db, paperId),
      allTags(db),
    ]);
    return { paper, notes, highlights, tags };
  }, [db, paperId]);
  const [heading, setHeading] = useState<HTMLHeadingElement | null>(null);
  useEffect(() => heading?.focus(), [heading]);

  if (!data) return <p class="tw-muted">Loading…</p>;
  const { paper, notes, highlights, tags } = data;
  if (!paper)
    return (
      <section>
        <p>This paper is no longer in your library.</p>
        <button type="button" class="tw-button" onClick={onBack}>
          Back to the library
        </button>
      </section>
    );
  const summary = lp?.summary ?? null;
  const url = lp ? paperUrl(lp) : undefined;
  return (
    <section class="tw-paper" aria-labelledby="tw-paper-h" data-testid="paper-view">
      <button type="button" class="tw-link-button" onClick={onBack} data-testid="paper-back">
        ← Back to the library
      </button>
      <h2 id="tw-paper-h" tabIndex={-1} ref={setHeading}>
        {paperTitle(paper)}
      </h2>
      <p class="tw-muted">
        {[paper.journal, paper.doi && `DOI ${paper.doi}`, paper.pmid && `PMID ${paper.pmid}`, paper.pmcid]
          .filter(Boolean)
          .join(' · ')}
        {url && url.startsWith('https:') ? (
          <>
            {' · '}
            <a href={url} target="_blank" rel="noreferrer noopener">
              Open the paper
            </a>
          </>
        ) : null}
        <KeptPdfLinks db={db} paper={paper} />
        {' · '}
        <a href={summaryEditorHref(paper)} target="_blank" data-testid="paper-write-summary">
          Write a summary
        </a>
      </p>
      {summary ? (
        <div class="tw-paper-summary" data-testid="paper-summary">
          <EvidenceBadge studyType={summary.studyType} level={summary.level} />
          <p>
            <strong>Takeaway: </strong>
            <Marked text={summary.takeaway} pattern={pattern} />
          </p>
          {summary.concepts.length > 0 && <p class="tw-muted">Concepts: {summary.concepts.join(', ')}</p>}
        </div>
      ) : (
        <p class="tw-muted">No evidence summary for this paper in your editions or packs.</p>
      )}
      <h3>
        Notes ({notes.length}){' '}
        <button
          type="button"
          class="tw-link-button"
          onClick={() => void addNote(db, paper.id)}
          data-testid="paper-add-note"
        >
          Add a note
        </button>
      </h3>
      {notes.length === 0 && <p class="tw-muted">No notes on this paper.</p>}
      {notes.map((n, i) => (
        <NoteCard key={n.id} db={db} note={n} tags={tags} index={i} />
      ))}
      <h3>Highlights ({highlights.length})</h3>
      {highlights.length === 0 ? (
        <p class="tw-muted">No highlights on this paper.</p>
      ) : (
        <ul class="tw-paper-highlights">
          {highlights.map((h) => (
            <HighlightCard key={h.id} db={db} h={h} pattern={pattern} />
          ))}
        </ul>
      )}
    </section>
  );
}
