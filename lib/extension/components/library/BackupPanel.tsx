import { useState } from 'preact/hooks';
import type { TakeawayDB } from '../../db';
import {
  backupStatus,
  createBackup,
  importBackup,
  MAX_BACKUP_BYTES,
  parseBackup,
  type ImportMode,
} from '../../backup';
import { markdownZip, toCsv, toRis, toWebAnnotations } from '../../library/export';
import type { Library } from '../../library/model';
import { useLiveQuery } from '../use-live-query';
import { explainWriteError } from '../../db/notes';
import { storageErrorMessage } from '../../../shared/storage-errors';
import { KeptPdfsOption } from '../../pdf/KeptPdfLink';

export type Download = (name: string, blob: Blob) => void;

/** Save a file through the browser's own download (no permission needed from an extension page). */
export const browserDownload: Download = (name, blob) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

function stamp(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

function ago(ms: number): string {
  const d = Math.floor((Date.now() - ms) / 86_400_000);
  return d <= 0 ? 'today' : d === 1 ? 'yesterday' : `${d} days ago`;
}

/** Exports, the full backup with its reminder, and importing a backup (merge or replace). */
export function BackupPanel({
  db,
  lib,
  download = browserDownload,
}: {
  db: TakeawayDB;
  lib: Library;
  download?: Download;
}) {
  const status = useLiveQuery(() => backupStatus(db), [db]);
  const [state, setState] = useState<Status>({ kind: 'idle' });
  const [mode, setMode] = useState<ImportMode>('merge');
  const [confirmReplace, setConfirmReplace] = useState<File | null>(null);
  const [withPdfs, setWithPdfs] = useState(false);

  const run = async (label: string, f: () => Promise<void> | void) => {
    setState({ kind: 'busy', message: `${label}…` });
    try {
      await f();
      setState({ kind: 'done', message: `${label}: done.` });
    } catch (e) {
      setState({ kind: 'failed', message: `${label} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const doImport = async (file: File, m: ImportMode) => {
    setConfirmReplace(null);
    setState({ kind: 'busy', message: `Checking ${file.name}…` });
    try {
      if (file.size > MAX_BACKUP_BYTES) {
        setState({
          kind: 'failed',
          message: 'This file is too large to be a Takeaway backup. Nothing was imported.',
        });
        return;
      }
      const parsed = await parseBackup(await file.text());
      if (!parsed.ok) {
        setState({ kind: 'failed', message: parsed.error });
        return;
      }
      const r = await importBackup(db, parsed.backup, m);
      const c = parsed.backup.counts;
      setState({
        kind: 'done',
        message:
          m === 'replace'
            ? `Replaced your library with the backup of ${new Date(parsed.backup.exportedAt).toLocaleString()}: ${c.papers} papers, ${c.notes} notes, ${c.highlights} highlights.`
            : `Merged the backup: ${r.added.notes} new and ${r.updated.notes} newer notes, ${r.added.highlights} new and ${r.updated.highlights} newer highlights, ${r.added.papers} new papers.`,
      });
    } catch (e) {
      setState({
        kind: 'failed',
        message: `Nothing was imported: ${storageErrorMessage(
          await explainWriteError(e),
          'Your library is as it was. Free some disk space, then import the backup again.',
        )}`,
      });
    }
  };

  const onFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (mode === 'replace') setConfirmReplace(file);
    else void doImport(file, 'merge');
  };

  return (
    <section aria-labelledby="tw-backup-h" class="tw-backup" data-testid="backup-panel">
      <h2 id="tw-backup-h">Export and backup</h2>
      <p data-testid="backup-last">
        {status?.last
          ? `Last backup: ${new Date(status.last.at).toLocaleString()} (${ago(status.last.at)}).`
          : 'No backup made yet.'}
      </p>
      {status?.nudge && (
        <p class="tw-backup-nudge" role="note" data-testid="backup-nudge">
          {status.changedSince} notes written or changed since{' '}
          {status.last ? 'your last backup' : 'you started'}: make a backup so that a cleared browser cannot
          take them.
        </p>
      )}
      <div class="tw-row tw-wrap">
        <button
          type="button"
          class="tw-button"
          data-testid="backup-create"
          onClick={() =>
            void run('Backup', async () =>
              download(
                `takeaway-backup-${stamp()}.json`,
                new Blob([await createBackup(db, Date.now(), { pdfs: withPdfs })], {
                  type: 'application/json',
                }),
              ),
            )
          }
        >
          Download full backup (JSON)
        </button>
        <KeptPdfsOption db={db} checked={withPdfs} onChange={setWithPdfs} />
      </div>
      <h3>Export for other tools</h3>
      <div class="tw-row tw-wrap">
        <button
          type="button"
          class="tw-button tw-button-quiet"
          data-testid="export-markdown"
          onClick={() =>
            void run('Markdown export', () =>
              download(
                `takeaway-notes-${stamp()}.zip`,
                new Blob([markdownZip(lib) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
              ),
            )
          }
        >
          Markdown (zip, for Obsidian)
        </button>
        <button
          type="button"
          class="tw-button tw-button-quiet"
          data-testid="export-csv"
          onClick={() =>
            void run('CSV export', () =>
              download(`takeaway-notes-${stamp()}.csv`, new Blob([toCsv(lib)], { type: 'text/csv' })),
            )
          }
        >
          CSV
        </button>
        <button
          type="button"
          class="tw-button tw-button-quiet"
          data-testid="export-ris"
          onClick={() =>
            void run('RIS export', () =>
              download(
                `takeaway-${stamp()}.ris`,
                new Blob([toRis(lib)], { type: 'application/x-research-info-systems' }),
              ),
            )
          }
        >
          RIS with notes (Zotero, EndNote)
        </button>
        <button
          type="button"
          class="tw-button tw-button-quiet"
          data-testid="export-annotations"
          onClick={() =>
            void run('Highlights export', () =>
              download(
                `takeaway-highlights-${stamp()}.jsonld`,
                new Blob([JSON.stringify(toWebAnnotations(lib), null, 2)], { type: 'application/ld+json' }),
              ),
            )
          }
        >
          Highlights (W3C Web Annotation)
        </button>
      </div>
      <h3>Import a backup</h3>
      <fieldset class="tw-import-mode">
        <legend>When the backup and this browser both have notes</legend>
        <label>
          <input
            type="radio"
            name="tw-import-mode"
            checked={mode === 'merge'}
            onChange={() => setMode('merge')}
          />{' '}
          Merge: keep everything here, add what the backup has, keep the newer version of each note
        </label>
        <label>
          <input
            type="radio"
            name="tw-import-mode"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
            data-testid="import-mode-replace"
          />{' '}
          Replace: make this browser's library exactly the backup
        </label>
      </fieldset>
      <label class="tw-pack-import">
        Choose a backup file (.json)
        <input
          type="file"
          accept=".json,application/json"
          onChange={onFile}
          disabled={state.kind === 'busy'}
          data-testid="backup-file"
        />
      </label>
      {confirmReplace && (
        <div
          role="alertdialog"
          aria-labelledby="tw-replace-q"
          class="tw-confirm"
          data-testid="import-confirm"
        >
          <p id="tw-replace-q">
            Replace every note, highlight and study card in this browser with the contents of{' '}
            {confirmReplace.name}? Anything not in the backup will be gone.
          </p>
          <button
            type="button"
            class="tw-button"
            onClick={() => void doImport(confirmReplace, 'replace')}
            data-testid="import-confirm-replace"
          >
            Replace everything
          </button>{' '}
          <button type="button" class="tw-button tw-button-quiet" onClick={() => setConfirmReplace(null)}>
            Cancel
          </button>
        </div>
      )}
      <div aria-live="polite">
        {(state.kind === 'busy' || state.kind === 'done') && (
          <p data-testid={state.kind === 'done' ? 'backup-done' : 'backup-busy'}>{state.message}</p>
        )}
      </div>
      {state.kind === 'failed' && (
        <p role="alert" class="tw-backup-error" data-testid="backup-error">
          {state.message}
        </p>
      )}
    </section>
  );
}
