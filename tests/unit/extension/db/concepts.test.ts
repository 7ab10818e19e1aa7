/** A paper's subject terms: carried by its sighting, kept with its record, backed up with it. */
import { describe, expect, it } from 'vitest';
import { createBackup, importBackup, parseBackup } from '../../../../lib/extension/backup';
import { openDatabase } from '../../../../lib/extension/db';
import { saveNote } from '../../../../lib/extension/db/notes';
import { upsertPaper } from '../../../../lib/extension/db/papers';
import { isSighting } from '../../../../lib/shared/checks';
import { frameParams, parseFrameParams } from '../../../../lib/shared/frame-params';
import { MAX_CONCEPT, MAX_CONCEPTS } from '../../../../lib/shared/limits';

const fresh = () => openDatabase(`concepts-${crypto.randomUUID()}`);

describe('subject terms of a paper', () => {
  it('cross to the note frame in its address and back', () => {
    const s = { pmid: '1', concepts: ['Accidental Falls', 'vitamin D & bone'] };
    expect(parseFrameParams(frameParams(s))).toEqual(s);
  });

  it('are checked like any field a page sends: a list of short terms', () => {
    expect(isSighting({ pmid: '1', concepts: ['Walking'] })).toBe(true);
    expect(isSighting({ pmid: '1', concepts: ['x'.repeat(MAX_CONCEPT + 1)] })).toBe(false);
    expect(
      isSighting({ pmid: '1', concepts: Array.from({ length: MAX_CONCEPTS + 1 }, (_, i) => `t${i}`) }),
    ).toBe(false);
    expect(isSighting({ pmid: '1', concepts: 'Walking' })).toBe(false);
  });

  it('are learnt from each page of the paper, without case duplicates', async () => {
    const db = fresh();
    await upsertPaper(db, { pmid: '7', concepts: ['Walking', 'Aged'] });
    const p = await upsertPaper(db, { pmid: '7', doi: '10.1/w', concepts: ['walking', 'Exercise Therapy'] });
    expect(p.concepts).toEqual(['Walking', 'Aged', 'Exercise Therapy']);
  });

  it('survive a backup and its import', async () => {
    const db = fresh();
    await saveNote(
      db,
      { pmid: '8', concepts: ['Intermittent Claudication'] },
      '00000000-0000-4000-8000-0000000000c1',
      'n',
    );
    const parsed = await parseBackup(await createBackup(db));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const other = fresh();
    await importBackup(other, parsed.backup, 'replace');
    expect((await other.papers.toArray())[0]?.concepts).toEqual(['Intermittent Claudication']);
  });
});
