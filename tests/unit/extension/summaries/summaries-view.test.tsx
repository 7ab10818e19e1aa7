import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { SummariesView } from '../../../../lib/extension/components/library/SummariesView';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { indexLibrary, libraryPaper } from '../../../../lib/extension/library/model';
import { importPack } from '../../../../lib/extension/packs/store';
import { OWN_PACK_ID, saveOwnSummary } from '../../../../lib/extension/summaries/own';
import {
  filterSummaries,
  listSummaries,
  NO_FILTERS,
  SummarySearch,
} from '../../../../lib/extension/summaries/search';
import type { Note, Paper } from '../../../../lib/shared/model';
import { expectAccessible } from '../../../support/a11y';

const fresh = () => openDatabase(`test-${crypto.randomUUID()}`);

const PACK = [
  {
    pmid: '39200001',
    title: 'Denosumab and hypocalcaemia in dialysis: a cohort study',
    study_type: 'cohort study',
    key_takeaway: 'Denosumab in dialysis carried a high risk of severe hypocalcaemia.',
    caveats: ['Observational'],
    source: { name: 'Renal Club' },
  },
  {
    doi: '10.5555/club.2026.0002',
    title: 'Early mobilisation after hip fracture: a randomised trial',
    study_type: 'randomized controlled trial',
    key_takeaway: 'Walking on the first day after surgery shortened the stay.',
    source: { name: 'Renal Club' },
  },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

async function seed(db: TakeawayDB) {
  const mine = await saveOwnSummary(
    db,
    {
      pmid: '39100001',
      title: 'Home-based walking exercise for intermittent claudication: a randomised trial',
      study_type: 'randomized controlled trial',
      key_takeaway: 'Coached home walking improved walking distance in claudication.',
      caveats: ['Open label'],
    },
    { tags: ['vascular'], now: 1_760_000_000_000 },
  );
  const other = await saveOwnSummary(
    db,
    {
      pmid: '39100003',
      title: 'Statins in the very old: a narrative review',
      study_type: 'narrative review',
      key_takeaway: 'Evidence for statins after 85 is thin.',
    },
    { now: 1_760_000_100_000 },
  );
  expect(mine.ok && other.ok).toBe(true);
  const pack = await importPack(db, { name: 'renal-club.jsonl', bytes: new TextEncoder().encode(PACK) });
  expect(pack.ok).toBe(true);
}

const PAPER: Paper = {
  id: 7,
  keys: ['pmid:39100009'],
  pmid: '39100009',
  title: 'A paper noted, not yet summarised',
  urls: [],
  createdAt: 1,
  updatedAt: 1,
};
const SUMMARISED: Paper = {
  id: 8,
  keys: ['pmid:39100001'],
  pmid: '39100001',
  title: 'Home-based walking exercise',
  urls: [],
  createdAt: 1,
  updatedAt: 1,
};
const note = (paperId: number): Note => ({
  id: `n${paperId}`,
  paperId,
  body: 'For the journal club',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
});
const LIB = indexLibrary([
  libraryPaper(PAPER, [note(7)], [], null),
  libraryPaper(SUMMARISED, [note(8)], [], null),
]);

describe('search over the summaries', () => {
  it('lists the reader’s own first, names each pack, and filters by words, source, type and tag', async () => {
    const db = fresh();
    await seed(db);
    const listed = listSummaries(await db.packs.toArray(), await db.packSummaries.toArray());
    expect(listed.map((l) => [l.own, l.packName])).toEqual([
      [true, 'Your summaries'],
      [true, 'Your summaries'],
      [false, 'renal-club'],
      [false, 'renal-club'],
    ]);
    // The most recently changed of the reader's own first.
    expect(listed[0]?.row.summary.pmid).toBe('39100003');
    const search = new SummarySearch(listed);
    const titles = (f: Partial<typeof NO_FILTERS>) =>
      filterSummaries(listed, { ...NO_FILTERS, ...f }, search).map((l) => l.row.summary.title);
    expect(titles({ query: 'hypocalc' })).toEqual([
      'Denosumab and hypocalcaemia in dialysis: a cohort study',
    ]);
    // Every word must match; a caveat and the pack's source are searched too.
    expect(titles({ query: 'open label walking' })).toHaveLength(1);
    expect(titles({ query: 'renal club walking' })).toEqual([
      'Early mobilisation after hip fracture: a randomised trial',
    ]);
    expect(titles({ pack: OWN_PACK_ID })).toHaveLength(2);
    expect(titles({ studyType: 'randomized controlled trial' })).toHaveLength(2);
    expect(titles({ tag: 'vascular' })).toEqual([
      'Home-based walking exercise for intermittent claudication: a randomised trial',
    ]);
    expect(titles({ query: 'walking', pack: OWN_PACK_ID })).toHaveLength(1);
    expect(titles({ query: '   ' })).toHaveLength(4);
  });
});

describe('the Summaries view', () => {
  it('lists yours and the packs’, searches and filters them, and counts the papers still to summarise', async () => {
    const db = fresh();
    await seed(db);
    const downloads: { name: string; blob: Blob }[] = [];
    const { container } = render(
      <SummariesView db={db} lib={LIB} download={(name, blob) => downloads.push({ name, blob })} />,
    );
    await screen.findAllByTestId('pack-summary-item');
    expect(screen.getAllByTestId('summary-item')).toHaveLength(2);
    expect(screen.getAllByTestId('pack-summary-item')).toHaveLength(2);
    expect(screen.getAllByTestId('pack-summary-source')[0]?.textContent).toMatch(
      /From the pack “renal-club” · by Renal Club/,
    );
    // Read-only: no edit or remove on a pack's summary.
    const packItem = screen.getAllByTestId('pack-summary-item')[0] as HTMLElement;
    expect(packItem.querySelector('[data-testid="summary-edit"], [data-testid="summary-delete"]')).toBeNull();

    // The to-do list: only the paper noted and not summarised, linking to it and to the editor.
    expect(screen.getByTestId('summaries-to-do-count').textContent).toBe(
      '1 paper you noted but have not summarised yet.',
    );
    const todo = screen.getAllByTestId('summaries-to-do-paper');
    expect(todo).toHaveLength(1);
    expect(todo[0]?.querySelector('a')?.getAttribute('href')).toBe('#/paper/7');
    expect(screen.getByTestId('summaries-to-do-write').getAttribute('href')).toMatch(
      /^\/summary-editor\.html#.*39100009/,
    );
    await expectAccessible(container);

    fireEvent.input(screen.getByTestId('summaries-search'), { target: { value: 'hip fracture' } });
    await waitFor(() => expect(screen.queryAllByTestId('summary-item')).toHaveLength(0));
    expect(screen.getAllByTestId('pack-summary-item')).toHaveLength(1);
    expect(screen.getByTestId('summaries-count').textContent).toBe('1 of 4 summaries shown.');
    expect(container.querySelectorAll('[data-testid="pack-summary-item"] mark')).not.toHaveLength(0);
    await expectAccessible(container);
    fireEvent.input(screen.getByTestId('summaries-search'), { target: { value: '' } });

    fireEvent.change(screen.getByTestId('summaries-type-filter'), { target: { value: 'cohort study' } });
    await waitFor(() => expect(screen.getAllByTestId('pack-summary-item')).toHaveLength(1));
    expect(screen.queryAllByTestId('summary-item')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('summaries-type-filter'), { target: { value: '' } });

    const packId = (await db.packs.toArray()).find((p) => !p.own)?.id as string;
    fireEvent.change(screen.getByTestId('summaries-source-filter'), { target: { value: packId } });
    await waitFor(() => expect(screen.queryAllByTestId('summary-item')).toHaveLength(0));
    expect(screen.getAllByTestId('pack-summary-item')).toHaveLength(2);
    expect((screen.getByTestId('summaries-export-jsonl') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('summaries-source-filter'), { target: { value: '' } });
  });

  it('exports all of yours, or those with a tag, as Markdown and as JSON Lines; never a pack’s', async () => {
    const db = fresh();
    await seed(db);
    const downloads: { name: string; blob: Blob }[] = [];
    render(<SummariesView db={db} lib={LIB} download={(name, blob) => downloads.push({ name, blob })} />);
    await screen.findAllByTestId('summary-item');
    expect(screen.getByTestId('summaries-export-jsonl').textContent).toBe('Export 2 as JSON Lines');
    fireEvent.click(screen.getByTestId('summaries-export-jsonl'));
    expect((await downloads[0]?.blob.text())?.trim().split('\n')).toHaveLength(2);

    fireEvent.change(screen.getByTestId('summaries-tag-filter'), { target: { value: 'vascular' } });
    await waitFor(() => expect(screen.getAllByTestId('summary-item')).toHaveLength(1));
    // A tag is the reader's: the packs' summaries have none.
    expect(screen.queryAllByTestId('pack-summary-item')).toHaveLength(0);
    expect(screen.getByTestId('summaries-export-markdown').textContent).toBe(
      'Export 1 shown as Markdown (zip)',
    );
    fireEvent.click(screen.getByTestId('summaries-export-jsonl'));
    fireEvent.click(screen.getByTestId('summaries-export-markdown'));
    expect(downloads[1]?.name).toMatch(/^takeaway-summaries-vascular-\d{4}-\d\d-\d\d\.jsonl$/);
    const lines = (await downloads[1]?.blob.text())?.trim().split('\n') ?? [];
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ pmid: '39100001' });
    expect(downloads[2]?.name).toMatch(/^takeaway-summaries-vascular-.*\.zip$/);
  });

  it('says what to do when there is no summary yet', async () => {
    const db = fresh();
    const { container } = render(<SummariesView db={db} lib={LIB} />);
    await screen.findByTestId('summaries-empty');
    expect(screen.getByTestId('summaries-to-do-count').textContent).toMatch(/^2 papers/);
    await expectAccessible(container);
  });
});
