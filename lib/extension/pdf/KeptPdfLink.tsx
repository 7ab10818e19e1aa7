/**
 * In the library, on a paper whose PDF the reader chose to keep: a link that opens the kept copy
 * in the viewer again (`pdf.html?kept=<fingerprint>`).
 */
import type { Paper, TakeawayDB } from '../db/index';
import { useLiveQuery } from '../components/use-live-query';
import { formatBytes } from '../components/StorageUsage';
import { copiesOf, keptHref, keptUsage } from './kept';

export function KeptPdfLinks({ db, paper }: { db: TakeawayDB; paper: Pick<Paper, 'keys'> }) {
  const copies = useLiveQuery(() => copiesOf(db, paper), [db, paper.keys.join('\n')]);
  if (!copies?.length) return null;
  return (
    <>
      {copies.map((c) => (
        <span key={c.id}>
          {' · '}
          <a
            href={keptHref(c.id)}
            target="_blank"
            data-testid="paper-kept-pdf"
            title={`${c.name}, ${formatBytes(c.size)}`}
          >
            Open the kept PDF
          </a>
        </span>
      ))}
    </>
  );
}

/**
 * In the backup panel: how many PDFs are kept in this browser and their size (they count in the
 * storage used), and whether the next backup includes them. Shown only when some are kept.
 */
export function KeptPdfsOption({
  db,
  checked,
  onChange,
}: {
  db: TakeawayDB;
  checked: boolean;
  onChange: (include: boolean) => void;
}) {
  const usage = useLiveQuery(() => keptUsage(db), [db]);
  if (!usage?.count) return null;
  return (
    <label class="tw-kept-pdfs" data-testid="backup-kept-pdfs">
      <input
        type="checkbox"
        checked={checked}
        data-testid="backup-include-pdfs"
        onChange={(e) => onChange(e.currentTarget.checked)}
      />{' '}
      Include the {usage.count === 1 ? 'PDF' : `${usage.count} PDFs`} kept in this browser (
      {formatBytes(usage.bytes)} of the storage used)
    </label>
  );
}
