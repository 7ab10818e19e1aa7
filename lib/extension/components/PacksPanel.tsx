import { useState } from 'preact/hooks';
import type { TakeawayDB } from '../db';
import { importPack, listPacks, removePack, type BundledEdition } from '../packs/store';
import { formatIssue, type Issue } from '../../shared/summaries/validate';
import { useLiveQuery } from './use-live-query';
import { explainWriteError } from '../db/notes';
import { storageErrorMessage } from '../../shared/storage-errors';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; file: string }
  | { kind: 'done'; message: string; warnings: Issue[] }
  | { kind: 'failed'; file: string; issues: Issue[] }
  /** Refused whole, not for anything in the file: a full disk, storage that cannot be written. */
  | { kind: 'refused'; file: string; reason: string };

/** Issues shown at once; the rest are counted (a broken bulk file can have thousands). */
const SHOWN = 50;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function IssueList({ issues, testid }: { issues: Issue[]; testid: string }) {
  return (
    <ul class="tw-pack-issues" data-testid={testid}>
      {issues.slice(0, SHOWN).map((i, n) => (
        <li key={n}>
          <code>{formatIssue(i)}</code>
        </li>
      ))}
      {issues.length > SHOWN && <li>… and {issues.length - SHOWN} more</li>}
    </ul>
  );
}

/**
 * Summary packs on the review page: import an organisation's summaries (JSON Lines, Markdown, or a
 * zip of them), see what is installed and where it came from, remove a pack. Imports are checked
 * with the same rules as the bundled edition and stored all-or-nothing.
 */
export function PacksPanel({ db, bundled = null }: { db: TakeawayDB; bundled?: BundledEdition | null }) {
  const packs = useLiveQuery(() => listPacks(db), []);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setStatus({ kind: 'busy', file: file.name });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await importPack(db, { name: file.name, bytes }, { bundled });
      if (r.ok)
        setStatus({
          kind: 'done',
          message:
            `${r.replaced ? 'Replaced' : 'Imported'} “${r.pack.name}”: ${r.pack.count} ${r.pack.count === 1 ? 'summary' : 'summaries'}.` +
            (r.shadowed === 0
              ? ''
              : r.shadowed === r.pack.count
                ? ' The built-in summaries cover all of these papers and are shown instead.'
                : ` ${r.shadowed} of these papers already ${r.shadowed === 1 ? 'has' : 'have'} a built-in summary, which is shown instead.`),
          warnings: r.warnings,
        });
      else
        setStatus({
          kind: 'failed',
          file: file.name,
          issues: r.issues.filter((i) => i.severity === 'error'),
        });
    } catch (err) {
      setStatus({
        kind: 'refused',
        file: file.name,
        reason: storageErrorMessage(
          await explainWriteError(err),
          'Your packs are as they were. Free some disk space, then import the pack again.',
        ),
      });
    } finally {
      input.value = '';
    }
  };

  return (
    <section class="tw-packs" aria-labelledby="tw-packs-h" data-testid="packs-panel">
      <h2 id="tw-packs-h">Summary packs</h2>
      <p class="tw-muted">
        Summaries from your journal club or evidence service, used beside the built-in ones. The built-in
        summary is shown when both have the same paper.
      </p>
      <label class="tw-pack-import">
        Import a pack (.jsonl, .md or .zip)
        <input
          type="file"
          accept=".jsonl,.md,.markdown,.zip"
          onChange={onFile}
          disabled={status.kind === 'busy'}
          data-testid="pack-file"
        />
      </label>
      <div aria-live="polite">
        {status.kind === 'busy' && <p class="tw-muted">Checking {status.file}…</p>}
        {status.kind === 'done' && (
          <div data-testid="pack-imported">
            <p>{status.message}</p>
            {status.warnings.length > 0 && (
              <details>
                <summary>
                  {status.warnings.length} {status.warnings.length === 1 ? 'warning' : 'warnings'}
                </summary>
                <IssueList issues={status.warnings} testid="pack-warnings" />
              </details>
            )}
          </div>
        )}
      </div>
      {status.kind === 'failed' && (
        <div role="alert" data-testid="pack-errors">
          <p>
            Nothing was imported from {status.file}: fix{' '}
            {status.issues.length === 1 ? 'this error' : 'these errors'} and try again.
          </p>
          <IssueList issues={status.issues} testid="pack-error-list" />
        </div>
      )}
      {status.kind === 'refused' && (
        <div role="alert" data-testid="pack-errors">
          <p>
            Nothing was imported from {status.file}: {status.reason}
          </p>
        </div>
      )}
      {packs === undefined ? null : packs.length === 0 ? (
        <p class="tw-muted" data-testid="packs-empty">
          No packs installed.
        </p>
      ) : (
        <ul class="tw-pack-list" data-testid="pack-list">
          {packs.map((p) => (
            <li key={p.id} class="tw-pack" data-testid="pack-item">
              <span class="tw-pack-name">{p.name}</span>
              <span class="tw-muted">
                {' '}
                {p.count} {p.count === 1 ? 'summary' : 'summaries'} · {formatBytes(p.bytes)} · from {p.source}{' '}
                · imported {new Date(p.importedAt).toLocaleDateString()}
              </span>{' '}
              <button
                type="button"
                class="tw-button tw-button-quiet"
                onClick={() => void removePack(db, p.id)}
                aria-label={`Remove pack ${p.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
