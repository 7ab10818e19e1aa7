/**
 * The library's Summaries view (review.html#/summaries): every summary the reader can see beside
 * the edition, in one searchable, filterable list. Their own ("Your summaries") to edit, remove,
 * and share as a zip of Markdown files in the `summaries/` format or as JSON Lines (all, or those
 * with a tag); the summaries of the packs they imported, read-only, each with its pack's name; and
 * the papers noted but not yet summarised, the journal club's to-do list.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Paper, TakeawayDB } from '../../db';
import { editorParams } from '../../../shared/editor-params';
import { keysOf } from '../../../shared/summaries/keys';
import { paperTitle, type Library } from '../../library/model';
import { queryTerms } from '../../library/search';
import { jsonLines, markdownZip } from '../../summaries/export';
import { OWN_PACK_ID, removeOwnSummary, setAuthor } from '../../summaries/own';
import {
  filterSummaries,
  listSummaries,
  NO_FILTERS,
  SummarySearch,
  type ListedSummary,
  type SummaryFilters,
} from '../../summaries/search';
import { EvidenceBadge, studyTypeLabel } from '../../../shared/components/EvidenceBadge';
import type { Summary } from '../../../shared/summaries/schema';
import { useLiveQuery } from '../use-live-query';
import { browserDownload, type Download } from './BackupPanel';
import { Marked, markPattern } from './Marked';

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

/** Rows drawn at first in each list; a pack can hold thousands, and the search narrows them. */
const PAGE = 100;

/** The papers of the to-do list shown before "show all". */
const TO_DO_SHOWN = 10;

function summaryTitle(s: Summary): string {
  return s.title ?? (s.doi ? `DOI ${s.doi}` : s.pmid ? `PMID ${s.pmid}` : (s.pmcid ?? 'Untitled paper'));
}

/** Where a summary's paper is read: its DOI, else PubMed, else PMC. */
function paperHref(s: Summary): string | null {
  if (s.doi) return `https://doi.org/${encodeURI(s.doi)}`;
  if (s.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(s.pmid)}/`;
  if (s.pmcid) return `https://pmc.ncbi.nlm.nih.gov/articles/${encodeURIComponent(s.pmcid)}/`;
  return null;
}

function ShowMore({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (shown >= total) return null;
  return (
    <p>
      <button type="button" class="tw-button" data-testid="summaries-more" onClick={onMore}>
        Show {Math.min(PAGE, total - shown)} more of {total - shown}
      </button>
    </p>
  );
}

function OwnItem({ db, l, pattern }: { db: TakeawayDB; l: ListedSummary; pattern: RegExp | null }) {
  const { row } = l;
  const s = row.summary;
  return (
    <li class="tw-library-item" data-testid="summary-item">
      <p class="tw-row-title">
        <Marked text={summaryTitle(s)} pattern={pattern} />
      </p>
      <EvidenceBadge studyType={s.study_type} level={s.evidence_level} />
      <p>
        <Marked text={s.key_takeaway} pattern={pattern} />
      </p>
      <p class="tw-muted">
        {row.own ? `Written ${new Date(row.own.updatedAt).toISOString().slice(0, 10)}` : ''}
        {row.own?.tags.length ? ` · tags: ${row.own.tags.join(', ')}` : ''}
      </p>
      <p class="tw-row">
        <a href={summaryEditorHref(s)} target="_blank" data-testid="summary-edit">
          Edit
        </a>{' '}
        <button
          type="button"
          class="tw-button"
          data-testid="summary-delete"
          onClick={() => {
            if (confirm('Remove this summary from your summaries?')) void removeOwnSummary(db, row.id);
          }}
        >
          Remove
        </button>
      </p>
    </li>
  );
}

/** A summary of an imported pack: read-only, named by its pack (remove the pack to remove it). */
function PackItem({ l, pattern }: { l: ListedSummary; pattern: RegExp | null }) {
  const s = l.row.summary;
  const href = paperHref(s);
  return (
    <li class="tw-library-item" data-testid="pack-summary-item">
      <p class="tw-row-title">
        <Marked text={summaryTitle(s)} pattern={pattern} />
      </p>
      <EvidenceBadge studyType={s.study_type} level={s.evidence_level} />
      <p>
        <Marked text={s.key_takeaway} pattern={pattern} />
      </p>
      <p class="tw-muted" data-testid="pack-summary-source">
        From the pack “{l.packName}”{s.source?.name ? ` · by ${s.source.name}` : ''}
        {s.updated ? ` · checked ${s.updated}` : ''}
      </p>
      {href && (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open the paper
          </a>
        </p>
      )}
    </li>
  );
}

export function SummariesView({
  db,
  lib,
  download = browserDownload,
}: {
  db: TakeawayDB;
  lib: Library | null;
  download?: Download;
}) {
  const data = useLiveQuery(async () => {
    const [packs, rows] = await Promise.all([db.packs.toArray(), db.packSummaries.toArray()]);
    return { packs, listed: listSummaries(packs, rows) };
  }, [db]);
  const search = useMemo(() => (data ? new SummarySearch(data.listed) : null), [data]);
  const [filters, setFilterState] = useState<SummaryFilters>(NO_FILTERS);
  const [ownLimit, setOwnLimit] = useState(PAGE);
  const [packLimit, setPackLimit] = useState(PAGE);
  const [allToDo, setAllToDo] = useState(false);
  const [author, setAuthorText] = useState<string | null>(null);
  const pattern = useMemo(() => markPattern(queryTerms(filters.query)), [filters.query]);
  if (!data || !search) return <p class="tw-muted">Loading…</p>;
  const setFilters = (f: Partial<SummaryFilters>) => {
    setFilterState({ ...filters, ...f });
    setOwnLimit(PAGE);
    setPackLimit(PAGE);
  };

  const { packs, listed } = data;
  const pack = packs.find((p) => p.id === OWN_PACK_ID);
  const imported = packs.filter((p) => p.id !== OWN_PACK_ID).sort((a, b) => a.name.localeCompare(b.name));
  const mine = listed.filter((l) => l.own);
  const tags = [...new Set(mine.flatMap((l) => l.row.own?.tags ?? []))].sort((a, b) => a.localeCompare(b));
  const types = [...new Set(listed.map((l) => l.row.summary.study_type))].sort();
  const shown = filterSummaries(listed, filters, search);
  const shownMine = shown.filter((l) => l.own);
  const shownPacks = shown.filter((l) => !l.own);
  // What is exported is what is listed of the reader's own: all, or those with the chosen tag.
  const summaries = shownMine.map((l) => l.row.summary);
  const summarisedKeys = new Set(mine.flatMap((l) => l.row.keys));
  const toDo = (lib?.papers ?? []).filter(
    (lp) => lp.notes.length > 0 && !keysOf(lp.paper).some((k) => summarisedKeys.has(k)),
  );
  const narrowed = filters.query.trim() !== '' || !!filters.pack || !!filters.studyType || !!filters.tag;
  const suffix = filters.tag ? `-${filters.tag.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}` : '';
  const exportWhat = `${summaries.length}${narrowed ? ' shown' : ''}`;

  return (
    <section aria-labelledby="tw-summaries-h" data-testid="summaries-view">
      <h2 id="tw-summaries-h">Summaries</h2>
      <p class="tw-muted">
        The summaries you wrote in this browser and those of the packs you imported. They answer on every page
        of their paper, after the built-in edition. Share yours as files a colleague imports as a pack, or
        that build an edition.
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
        <section aria-labelledby="tw-summaries-to-do-h" data-testid="summaries-to-do">
          <h3 id="tw-summaries-to-do-h">To summarise</h3>
          <p data-testid="summaries-to-do-count">
            {toDo.length} paper{toDo.length === 1 ? '' : 's'} you noted but have not summarised yet.
          </p>
          <ul>
            {(allToDo ? toDo : toDo.slice(0, TO_DO_SHOWN)).map((lp) => (
              <li key={lp.paper.id} data-testid="summaries-to-do-paper">
                <a href={`#/paper/${lp.paper.id}`}>{paperTitle(lp.paper)}</a> ·{' '}
                <a
                  href={summaryEditorHref(lp.paper)}
                  target="_blank"
                  data-testid="summaries-to-do-write"
                  aria-label={`Write a summary of ${paperTitle(lp.paper)}`}
                >
                  Write a summary
                </a>
              </li>
            ))}
          </ul>
          {!allToDo && toDo.length > TO_DO_SHOWN && (
            <button
              type="button"
              class="tw-button"
              data-testid="summaries-to-do-all"
              onClick={() => setAllToDo(true)}
            >
              Show all {toDo.length}
            </button>
          )}
        </section>
      )}
      {listed.length === 0 ? (
        <p class="tw-muted" data-testid="summaries-empty">
          None yet. On a paper’s page, use “Write a summary” in the Takeaway panel, or import a summary pack
          under “Export and backup”.
        </p>
      ) : (
        <>
          <div class="tw-lib-search" role="search">
            <label for="tw-summaries-q">Search titles, takeaways, caveats, findings, concepts and tags</label>
            <input
              id="tw-summaries-q"
              type="search"
              value={filters.query}
              autoComplete="off"
              spellcheck={false}
              data-testid="summaries-search"
              onInput={(e) => setFilters({ query: (e.currentTarget as HTMLInputElement).value })}
            />
          </div>
          <div class="tw-lib-filters" role="group" aria-label="Filters">
            <label>
              Source
              <select
                value={filters.pack}
                data-testid="summaries-source-filter"
                onChange={(e) => setFilters({ pack: (e.currentTarget as HTMLSelectElement).value })}
              >
                <option value="">Every source ({listed.length})</option>
                {pack && (
                  <option value={OWN_PACK_ID}>
                    {pack.name} ({mine.length})
                  </option>
                )}
                {imported.map((p) => (
                  <option key={p.id} value={p.id}>
                    Pack “{p.name}” ({p.count})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Study type
              <select
                value={filters.studyType}
                data-testid="summaries-type-filter"
                onChange={(e) => setFilters({ studyType: (e.currentTarget as HTMLSelectElement).value })}
              >
                <option value="">Any study type</option>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {studyTypeLabel(t)}
                  </option>
                ))}
              </select>
            </label>
            {tags.length > 0 && (
              <label>
                Tag (your summaries)
                <select
                  value={filters.tag}
                  data-testid="summaries-tag-filter"
                  onChange={(e) => setFilters({ tag: (e.currentTarget as HTMLSelectElement).value })}
                >
                  <option value="">Any tag</option>
                  {tags.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <p class="tw-muted" role="status" data-testid="summaries-count">
            {narrowed
              ? `${shown.length} of ${listed.length} summar${listed.length === 1 ? 'y' : 'ies'} shown.`
              : `${listed.length} summar${listed.length === 1 ? 'y' : 'ies'}.`}
          </p>

          <section aria-labelledby="tw-summaries-own-h" data-testid="summaries-own">
            <h3 id="tw-summaries-own-h">Your summaries ({shownMine.length})</h3>
            {mine.length === 0 ? (
              <p class="tw-muted" data-testid="summaries-own-empty">
                None yet. On a paper’s page, use “Write a summary” in the Takeaway panel.
              </p>
            ) : (
              <>
                <p class="tw-row">
                  <button
                    type="button"
                    class="tw-button"
                    data-testid="summaries-export-markdown"
                    disabled={summaries.length === 0}
                    onClick={() =>
                      download(
                        `takeaway-summaries${suffix}-${stamp()}.zip`,
                        new Blob([markdownZip(summaries) as Uint8Array<ArrayBuffer>], {
                          type: 'application/zip',
                        }),
                      )
                    }
                  >
                    Export {exportWhat} as Markdown (zip)
                  </button>{' '}
                  <button
                    type="button"
                    class="tw-button"
                    data-testid="summaries-export-jsonl"
                    disabled={summaries.length === 0}
                    onClick={() =>
                      download(
                        `takeaway-summaries${suffix}-${stamp()}.jsonl`,
                        new Blob([jsonLines(summaries)], { type: 'application/x-ndjson' }),
                      )
                    }
                  >
                    Export {exportWhat} as JSON Lines
                  </button>
                </p>
                {shownMine.length === 0 ? (
                  <p class="tw-muted">None of yours match.</p>
                ) : (
                  <ul class="tw-trash-list">
                    {shownMine.slice(0, ownLimit).map((l) => (
                      <OwnItem key={l.row.id} db={db} l={l} pattern={pattern} />
                    ))}
                  </ul>
                )}
                <ShowMore
                  shown={ownLimit}
                  total={shownMine.length}
                  onMore={() => setOwnLimit(ownLimit + PAGE)}
                />
              </>
            )}
          </section>

          {imported.length > 0 && (
            <section aria-labelledby="tw-summaries-packs-h" data-testid="summaries-packs">
              <h3 id="tw-summaries-packs-h">From imported packs ({shownPacks.length})</h3>
              <p class="tw-muted">Read-only: they are the pack’s. Remove a pack under “Export and backup”.</p>
              {shownPacks.length === 0 ? (
                <p class="tw-muted">None of the packs’ summaries match.</p>
              ) : (
                <ul class="tw-trash-list">
                  {shownPacks.slice(0, packLimit).map((l) => (
                    <PackItem key={l.row.id} l={l} pattern={pattern} />
                  ))}
                </ul>
              )}
              <ShowMore
                shown={packLimit}
                total={shownPacks.length}
                onMore={() => setPackLimit(packLimit + PAGE)}
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}
