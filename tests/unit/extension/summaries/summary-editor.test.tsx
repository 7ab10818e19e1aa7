import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { SummaryEditor } from '../../../../lib/extension/components/summary-editor/SummaryEditor';
import { openDatabase } from '../../../../lib/extension/db';
import { lookupInPacks } from '../../../../lib/extension/packs/store';
import {
  listOwnSummaries,
  OWN_PACK_ID,
  removeOwnSummary,
  saveOwnSummary,
  setAuthor,
} from '../../../../lib/extension/summaries/own';
import { editorParams } from '../../../../lib/shared/editor-params';
import { CombinedIndex } from '../../../../lib/shared/index/combined';
import { expectAccessible } from '../../../support/a11y';

const fresh = () => openDatabase(`test-${crypto.randomUUID()}`);
const PAPER = {
  pmid: '39100001',
  doi: '10.5555/glance.2025.0001',
  title: 'Home-based walking exercise for intermittent claudication: a randomised trial',
  pageStudyType: 'randomized controlled trial' as const,
  publicationTypes: ['Randomized Controlled Trial'],
  concepts: ['Walking'],
  conclusion: 'A coached home walking programme improved walking distance in people with claudication.',
  caveats: [{ text: 'Open label', evidence: 'open-label' }],
};
const field = (f: string) => screen.getByTestId(`summary-field-${f}`) as HTMLInputElement;
const type = (f: string, value: string) => fireEvent.input(field(f), { target: { value } });

describe('the summary editor', () => {
  it('prefills, offers the glance without taking it, checks live, saves only what the writer confirmed', async () => {
    const db = fresh();
    const { container } = render(<SummaryEditor db={db} hash={editorParams(PAPER)} today="2026-12-01" />);
    await screen.findByTestId('summary-save');
    expect(field('pmid').value).toBe('39100001');
    expect(field('study_type').value).toBe('randomized controlled trial');
    expect(field('concepts').value).toBe('Walking');
    expect(field('key_takeaway').value).toBe('');
    expect(screen.getByTestId('summary-study-type-from').textContent).toMatch(/publication type/);
    await expectAccessible(container);

    // The build's error, beside the field, before saving.
    type('doi', '10.5555 bad');
    expect(screen.getByTestId('issues-doi').textContent).toMatch(/Error: "10.5555 bad" is not a DOI/);
    expect(field('doi').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('summary-save'));
    await screen.findByTestId('summary-refused');
    expect(await db.packSummaries.count()).toBe(0);
    type('doi', '10.5555/glance.2025.0001');

    fireEvent.click(screen.getByTestId('summary-use-conclusion'));
    expect(field('key_takeaway').value).toBe(PAPER.conclusion);
    expect(screen.getByTestId('summary-unconfirmed-key_takeaway')).toBeTruthy();
    fireEvent.click(screen.getByTestId('summary-save'));
    await waitFor(() =>
      expect(screen.getByTestId('summary-refused').textContent).toMatch(/confirm or rewrite/),
    );
    expect(await db.packSummaries.count()).toBe(0);
    fireEvent.click(screen.getByTestId('summary-confirm-key_takeaway'));

    // A contradiction the build warns about.
    type('caveats', 'Retrospective look at adherence');
    expect(screen.getByTestId('issues-study_type').textContent).toMatch(/Warning: .*non-randomised/);
    type('caveats', 'Open label');

    fireEvent.click(screen.getByTestId('summary-save'));
    await screen.findByTestId('summary-saved');
    const rows = await listOwnSummaries(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.summary).toMatchObject({
      key_takeaway: PAPER.conclusion,
      caveats: ['Open label'],
      updated: '2026-12-01',
    });
    expect(await db.summaryDrafts.count()).toBe(0);
    cleanup();
  });

  it('keeps a draft as it is typed and gives it back when the editor opens again', async () => {
    const db = fresh();
    render(<SummaryEditor db={db} hash={editorParams(PAPER)} today="2026-12-01" />);
    await screen.findByTestId('summary-save');
    type('key_takeaway', 'Half-written thought');
    await waitFor(async () =>
      expect((await db.summaryDrafts.get('doi:10.5555/glance.2025.0001'))?.form.key_takeaway).toBe(
        'Half-written thought',
      ),
    );
    cleanup();
    render(<SummaryEditor db={db} hash={editorParams({ doi: PAPER.doi })} today="2026-12-02" />);
    await screen.findByTestId('summary-draft-restored');
    expect(field('key_takeaway').value).toBe('Half-written thought');
  });
});

describe('Your summaries, a pack of the reader’s own', () => {
  const fields = { pmid: '39100001', study_type: 'cohort study', key_takeaway: 'Mine.' };

  it('refuses what the validator refuses, stores the rest, and answers lookups with who wrote it', async () => {
    const db = fresh();
    expect((await saveOwnSummary(db, { ...fields, pmid: 'x1' })).ok).toBe(false);
    expect(await db.packs.count()).toBe(0);
    const r = await saveOwnSummary(db, fields, {
      author: 'Dr Ada',
      now: Date.UTC(2026, 11, 1),
      tags: ['club', 'club', ' '],
    });
    expect(r.ok).toBe(true);
    const pack = await db.packs.get(OWN_PACK_ID);
    expect(pack).toMatchObject({ own: true, author: 'Dr Ada', count: 1 });
    const hit = await lookupInPacks(db, { pmid: '39100001' });
    expect(hit?.written).toEqual({ author: 'Dr Ada', at: '2026-12-01T00:00:00.000Z' });
    expect((await listOwnSummaries(db))[0]?.own?.tags).toEqual(['club']);

    // Saving again for the same paper replaces it; the author can be changed.
    await saveOwnSummary(db, { ...fields, key_takeaway: 'Mine, revised.' });
    await setAuthor(db, '');
    const again = await lookupInPacks(db, { pmid: '39100001' });
    expect(again?.summary.key_takeaway).toBe('Mine, revised.');
    expect(again?.written?.author).toBeUndefined();
    expect(await db.packSummaries.count()).toBe(1);

    // The bundled edition still wins in the combined index.
    const bundledHit = { ...again!, origin: 'bundled', written: undefined };
    const combined = new CombinedIndex({ lookup: async () => bundledHit }, (ids) => lookupInPacks(db, ids));
    expect((await combined.lookup({ pmid: '39100001' }))?.origin).toBe('bundled');

    await removeOwnSummary(db, (await listOwnSummaries(db))[0]?.id as number);
    expect(await db.packs.count()).toBe(0);
    expect(await lookupInPacks(db, { pmid: '39100001' })).toBeNull();
  });
});
