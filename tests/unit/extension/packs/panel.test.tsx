import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacksPanel, formatBytes } from '../../../../lib/extension/components/PacksPanel';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { buildIndex } from '../../../../lib/shared/index/build';
import { IndexService } from '../../../../lib/shared/index/service';
import { fixtureSummaries, memoryLoader } from '../../shared/index/helpers';
import { expectAccessible } from '../../../support/a11y';

let db: TakeawayDB;
let n = 0;
beforeEach(async () => {
  db = openDatabase(`packs-panel-${n++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function choose(input: HTMLElement, name: string, text: string): void {
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  fireEvent.change(input);
}

const good = JSON.stringify({
  doi: '10.5555/panel.1',
  study_type: 'cohort study',
  key_takeaway: 'Fine.',
  source: { name: 'Club' },
});

describe('the summary packs panel', () => {
  it('imports a pack, lists it with size and source, and removes it', async () => {
    const { container } = render(<PacksPanel db={db} />);
    expect(await screen.findByTestId('packs-empty')).toBeTruthy();
    choose(screen.getByLabelText(/Import a pack/), 'club.jsonl', good);
    expect((await screen.findByTestId('pack-imported')).textContent).toContain('Imported “club”: 1 summary.');
    const item = await screen.findByTestId('pack-item');
    expect(item.textContent).toContain('club');
    expect(item.textContent).toContain(`1 summary · ${good.length} B · from Club (club.jsonl)`);
    await expectAccessible(container);
    fireEvent.click(screen.getByRole('button', { name: 'Remove pack club' }));
    expect(await screen.findByTestId('packs-empty')).toBeTruthy();
    expect(await db.packSummaries.count()).toBe(0);
  });

  it('says how many imported papers the built-in edition already covers', async () => {
    const bundled = new IndexService(
      memoryLoader(await buildIndex(fixtureSummaries(), 'Fixture edition', '2026-11-21T00:00:00.000Z')).load,
    );
    const { container } = render(<PacksPanel db={db} bundled={bundled} />);
    // The first paper is in the fixture edition, the second is not.
    const covered = good.replace('10.5555/panel.1', '10.5555/tw.fixture.1');
    choose(screen.getByLabelText(/Import a pack/), 'club.jsonl', `${covered}\n${good}`);
    const done = await screen.findByTestId('pack-imported');
    expect(done.textContent).toContain(
      'Imported “club”: 2 summaries. 1 of these papers already has a built-in summary, which is shown instead.',
    );
    fireEvent.click(screen.getByText('1 warning'));
    expect(screen.getByTestId('pack-warnings').textContent).toContain(
      'club.jsonl:1: warning [doi]: the built-in edition already summarises this paper (doi:10.5555/tw.fixture.1)',
    );
    await expectAccessible(container);
  });

  it('shows every error with file and line, and imports nothing', async () => {
    const { container } = render(<PacksPanel db={db} />);
    choose(
      screen.getByLabelText(/Import a pack/),
      'bad.jsonl',
      `${good}\n{"doi":"10.5555/x","study_type":"vibes","key_takeaway":"k"}`,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported from bad.jsonl');
    expect(alert.textContent).toContain('bad.jsonl:2: error [study_type]: unknown study type "vibes"');
    await expectAccessible(container);
    await waitFor(async () => expect(await db.packs.count()).toBe(0));
    expect(screen.getByTestId('packs-empty')).toBeTruthy();
  });

  it.each([
    [512, '512 B'],
    [2048, '2.0 kB'],
    [5 * 1024 * 1024, '5.0 MB'],
  ])('writes %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
