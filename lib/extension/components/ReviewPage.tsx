import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TakeawayDB } from '../db';
import { backupStatus } from '../backup';
import { queryTerms, type SearchEngine } from '../library/search';
import { sendMessage } from '../../shared/messaging';
import { useLiveQuery } from './use-live-query';
import { BackupPanel, type Download } from './library/BackupPanel';
import { EMPTY_QUERY, LibraryView, type LibraryQuery } from './library/LibraryView';
import { markPattern } from './library/Marked';
import { PaperView } from './library/PaperView';
import { StudyView } from './library/StudyView';
import { SummariesView } from './library/SummariesView';
import { TrashView } from './library/TrashView';
import { useLibrary, type SummarySource } from './library/use-library';
import { PacksPanel } from './PacksPanel';
import type { BundledEdition } from '../packs/store';
import { StorageUsage } from './StorageUsage';
import { RestoredNotice } from './RestoredNotice';

type Route =
  | { view: 'library' }
  | { view: 'paper'; id: number }
  | { view: 'study' }
  | { view: 'trash' }
  | { view: 'backup' }
  | { view: 'summaries' };

/** The page's place lives in the address (#/paper/12, #/study…), so back and reload keep it. */
export function parseRoute(hash: string): Route {
  const m = /^#\/paper\/(\d{1,15})$/.exec(hash);
  if (m) return { view: 'paper', id: Number(m[1]) };
  if (hash === '#/study') return { view: 'study' };
  if (hash === '#/trash') return { view: 'trash' };
  if (hash === '#/backup') return { view: 'backup' };
  if (hash === '#/summaries') return { view: 'summaries' };
  return { view: 'library' };
}

function useRoute(): [Route, (hash: string) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route, (hash) => (location.hash = hash)];
}

/** Summaries come from the background, which holds the index and the packs. */
export const backgroundSummaries: SummarySource = {
  lookup: (papers) => sendMessage('librarySummaries', { papers }),
  edition: async () => {
    const r = await sendMessage('indexInfo', {});
    return r.ok ? { edition: r.value.edition, built: r.value.built } : null;
  },
};

const TABS: { view: Route['view']; hash: string; label: string }[] = [
  { view: 'library', hash: '#/', label: 'Library' },
  { view: 'study', hash: '#/study', label: 'Study' },
  { view: 'summaries', hash: '#/summaries', label: 'Summaries' },
  { view: 'trash', hash: '#/trash', label: 'Trash' },
  { view: 'backup', hash: '#/backup', label: 'Export and backup' },
];

/**
 * The notes library: every paper the reader has noted or highlighted, searchable and filterable,
 * each opening to its notes and highlights; study mode; the trash; exports and backups; summary
 * packs. All offline: the only messages go to the extension's own background.
 */
export function ReviewPage({
  db,
  summaries = backgroundSummaries,
  bundled = null,
  download,
  searchEngine,
}: {
  db: TakeawayDB;
  /** Where the search index lives (default: a worker); component tests keep it in the page. */
  searchEngine?: () => SearchEngine;
  summaries?: SummarySource | null;
  /** The bundled edition, so that a pack import can say which of its papers it already covers. */
  bundled?: BundledEdition | null;
  download?: Download;
}) {
  const { lib, search, searchReady, searchVersion, hydrate } = useLibrary(db, summaries, searchEngine);
  const [route, go] = useRoute();
  const [query, setQuery] = useState<LibraryQuery>(EMPTY_QUERY);
  const pattern = useMemo(() => markPattern(queryTerms(query.query)), [query.query]);
  const current = route.view === 'paper' ? 'library' : route.view;
  // Asked once the whole library is in, so that counting notes does not delay the first screen.
  const loaded = !!lib && !lib.partial;
  const backup = useLiveQuery(() => (loaded ? backupStatus(db) : null), [db, loaded]);

  return (
    <main class="tw-page tw-review">
      <h1 class="tw-page-title">Your notes</h1>
      <p class="tw-review-open-pdf">
        {/* The viewer's own open screen: a file picker and a drop zone (pdf.html with no document). */}
        <a href="/pdf.html" target="_blank" data-testid="review-open-pdf">
          Open a PDF
        </a>{' '}
        <span class="tw-muted">to read it here, beside its summary and your notes.</span>
      </p>
      <RestoredNotice db={db} />
      <StorageUsage hasNotes={!!lib?.papers.length} />
      {backup?.nudge && route.view !== 'backup' && (
        <p class="tw-backup-nudge" data-testid="review-backup-nudge">
          {backup.changedSince} notes written or changed since{' '}
          {backup.last
            ? `your last backup (${new Date(backup.last.at).toLocaleDateString()})`
            : 'you started'}
          . <a href="#/backup">Make a backup</a>
        </p>
      )}
      <nav aria-label="Library sections" class="tw-lib-nav">
        {TABS.map((t) => (
          <a
            key={t.view}
            href={t.hash}
            aria-current={current === t.view ? 'page' : undefined}
            data-testid={`nav-${t.view}`}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {lib === undefined ? (
        <p class="tw-muted">Loading…</p>
      ) : route.view === 'paper' ? (
        <PaperView
          db={db}
          paperId={route.id}
          lp={lib.byId.get(route.id)}
          pattern={pattern}
          onBack={() => go('#/')}
        />
      ) : route.view === 'study' ? (
        <StudyView db={db} lib={lib} />
      ) : route.view === 'summaries' ? (
        <SummariesView db={db} lib={lib} download={download} />
      ) : route.view === 'trash' ? (
        <TrashView db={db} />
      ) : route.view === 'backup' ? (
        <>
          <BackupPanel db={db} lib={lib} download={download} />
          <PacksPanel db={db} bundled={bundled} />
        </>
      ) : lib.papers.length === 0 ? (
        <>
          <p class="tw-muted" data-testid="review-empty">
            No notes yet. Open a paper on PubMed or a journal site and write in the Takeaway panel.
          </p>
          <PacksPanel db={db} bundled={bundled} />
        </>
      ) : (
        <>
          <LibraryView
            lib={lib}
            search={search}
            searchReady={searchReady}
            searchVersion={searchVersion}
            hydrate={hydrate}
            state={query}
            onState={setQuery}
          />
          <PacksPanel db={db} bundled={bundled} />
        </>
      )}
    </main>
  );
}
