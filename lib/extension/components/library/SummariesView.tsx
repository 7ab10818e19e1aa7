/**
 * The library's Summaries view (review.html#/summaries): the reader's own summaries ("Your
 * summaries"), to edit, remove, filter by tag and share as a zip of Markdown files in the
 * `summaries/` format or as JSON Lines; and the papers noted but not yet summarised.
 */
import { useState } from 'preact/hooks';
import type { Paper, TakeawayDB } from '../../db';
import { editorParams } from '../../../shared/editor-params';
import { keysOf } from '../../../shared/summaries/keys';
import type { Library } from '../../library/model';
import { jsonLines, markdownZip } from '../../summaries/export';
import { listOwnSummaries, ownPack, removeOwnSummary, setAuthor } from '../../summaries/own';
import { EvidenceBadge } from '../../../shared/components/EvidenceBadge';
import { useLiveQuery } from '../use-live-query';
import { browserDownload, type Download } from './BackupPanel';

/** The editor for a paper: identifiers, title and journal in its fragment. */
export function summaryEditorHref(p: Pick<Paper, 'doi' | 'pmid' | 'pmcid' | 'title' | 'journal'>): string {
  const paper: Record<string, string> = {};
  for (const k of ['doi', 'pmid', 'pmcid', 'title', 'journal'] as const) {
    const v = p[k];
    if (v) paper[k] = v;
  }
  return `/summary-editor.html${editorParams(paper)}`;
}

const stamp = () => new Date().toISOString().slice(0, 10);

export function SummariesView({
  db,
  lib,
  download = browserDownload,
}: {
  db: TakeawayDB;
  lib: Library | null;
  download?: Download;
}) {
  const data = useLiveQuery(
    async () => ({ rows: await listOwnSummaries(db), pack: await ownPack(db) }),
    [db],
  );
  const [tag, setTag] = useState('');
  const [author, setAuthorText] = useState<string | null>(null);
  if (!data) return <p class="tw-muted">Loading…</p>;
  const { rows, pack } = data;
  const tags = [...new Set(rows.flatMap((r) => r.own?.tags ?? []))].sort((a, b) => a.localeCompare(b));
  const shown = tag ? rows.filter((r) => r.own?.tags.includes(tag)) : rows;
  const summaries = shown.map((r) => r.summary);
  const summarisedKeys = new Set(rows.flatMap((r) => r.keys));
  const toDo = (lib?.papers ?? []).filter(
    (lp) => lp.notes.length > 0 && !keysOf(lp.paper).some((k) => summarisedKeys.has(k)),
  );
  const suffix = tag ? `-${tag.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}` : '';

  return (
    <section aria-labelledby="tw-summaries-h" data-testid="summaries-view">
      <h2 id="tw-summaries-h">Your summaries</h2>
      <p class="tw-muted">
        Summaries you wrote in this browser. They answer on every page of their paper, after the built-in
        edition. Share them as files a colleague imports as a pack, or that build an edition.
      </p>
      {pack && (
        <p class="tw-row">
          <label for="tw-summaries-author">Author shown on your summaries</label>{' '}
          <input
            id="tw-summaries-author"
            type="text"
            value={author ?? pack.author ?? ''}
            data-testid="summaries-author"
            onInput={(e) => setAuthorText((e.currentTarget as HTMLInputElement).value)}
          />{' '}
          <button
            type="button"
            class="tw-button"
            data-testid="summaries-author-save"
            disabled={author === null}
            onClick={() => void setAuthor(db, author ?? '').then(() => setAuthorText(null))}
          >
            Save name
          </button>
        </p>
      )}
      {toDo.length > 0 && (
        <p data-testid="summaries-to-do">
          {toDo.length} paper{toDo.length === 1 ? '' : 's'} you noted but have not summarised yet.
        </p>
      )}
      {rows.length === 0 ? (
        <p class="tw-muted" data-testid="summaries-empty">
          None yet. On a paper’s page, use “Write a summary” in the Takeaway panel.
        </p>
      ) : (
        <>
          <p class="tw-row">
            <label for="tw-summaries-tag">Tag</label>{' '}
            <select
              id="tw-summaries-tag"
              value={tag}
              data-testid="summaries-tag-filter"
              onChange={(e) => setTag((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">All ({rows.length})</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              class="tw-button"
              data-testid="summaries-export-markdown"
              onClick={() =>
                download(
                  `takeaway-summaries${suffix}-${stamp()}.zip`,
                  new Blob([markdownZip(summaries) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
                )
              }
            >
              Export {shown.length} as Markdown (zip)
            </button>{' '}
            <button
              type="button"
              class="tw-button"
              data-testid="summaries-export-jsonl"
              onClick={() =>
                download(
                  `takeaway-summaries${suffix}-${stamp()}.jsonl`,
                  new Blob([jsonLines(summaries)], { type: 'application/x-ndjson' }),
                )
              }
            >
              Export {shown.length} as JSON Lines
            </button>
          </p>
          <ul class="tw-trash-list">
            {shown.map((r) => (
              <li key={r.id} class="tw-library-item" data-testid="summary-item">
                <p class="tw-row-title">
                  {r.summary.title ??
                    (r.summary.doi
                      ? `DOI ${r.summary.doi}`
                      : r.summary.pmid
                        ? `PMID ${r.summary.pmid}`
                        : r.summary.pmcid)}
                </p>
                <EvidenceBadge studyType={r.summary.study_type} level={r.summary.evidence_level} />
                <p>{r.summary.key_takeaway}</p>
                <p class="tw-muted">
                  {r.own ? `Written ${new Date(r.own.updatedAt).toISOString().slice(0, 10)}` : ''}
                  {r.own?.tags.length ? ` · tags: ${r.own.tags.join(', ')}` : ''}
                </p>
                <p class="tw-row">
                  <a href={summaryEditorHref(r.summary)} target="_blank" data-testid="summary-edit">
                    Edit
                  </a>{' '}
                  <button
                    type="button"
                    class="tw-button"
                    data-testid="summary-delete"
                    onClick={() => {
                      if (r.id !== undefined && confirm('Remove this summary from your summaries?'))
                        void removeOwnSummary(db, r.id);
                    }}
                  >
                    Remove
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
