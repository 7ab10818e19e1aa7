/**
 * The same note edited in two places at once (two tabs, each with its own connection to the
 * database): whatever order the saves reach the database and their answers come back in, no word
 * either writer typed is lost. Each writer follows the note editor's rules (NoteEditor.tsx): one
 * write in flight at a time, every save carries the version it was edited from, a merged answer
 * is shown and carried into what was typed since, and the stored note is adopted only when
 * nothing is unsaved.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { dexieNoteStore } from '../../../../lib/extension/db/note-store';
import { mergeNoteTags, mergeNoteText, saveNote } from '../../../../lib/extension/db/notes';
import type { NoteBase, NoteStore } from '../../../../lib/extension/note-store';
import type { Note } from '../../../../lib/shared/model';

const SIGHTING = { pmid: '41800001', title: 'Two editors' };
const NOTE_ID = '6f1c2a9e-0d4b-4c1e-9a57-1f0e2d3c4b5a';

interface Writer {
  store: NoteStore;
  text: string;
  tags: string[];
  base: NoteBase;
  /** The save sent and not yet answered. */
  sent: { value: NoteBase; from: NoteBase } | null;
  /** The database's answer to `sent`, not yet delivered to the writer. */
  answer: Note | null;
  typed: number;
}

type Action =
  | { kind: 'type'; w: 0 | 1; para: number; at: number; newPara: boolean }
  | { kind: 'tag'; w: 0 | 1 }
  | { kind: 'send'; w: 0 | 1 }
  | { kind: 'apply'; w: 0 | 1 }
  | { kind: 'deliver'; w: 0 | 1 }
  | { kind: 'adopt'; w: 0 | 1 };

const writerId = fc.constantFrom<0 | 1>(0, 1);
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      w: writerId,
      para: fc.nat(8),
      at: fc.nat(8),
      newPara: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tag' as const), w: writerId }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), w: writerId }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('apply' as const), w: writerId }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), w: writerId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adopt' as const), w: writerId }) },
);

const paragraphs = (t: string) => (t.trim() === '' ? [] : t.split('\n\n'));
const words = (t: string) => t.split(/\s+/).filter(Boolean);

/** A word typed into a paragraph (at a word boundary), or a new paragraph of one word. */
function type(text: string, word: string, para: number, at: number, newPara: boolean): string {
  const ps = paragraphs(text);
  if (newPara || ps.length === 0) {
    ps.splice(para % (ps.length + 1), 0, word);
    return ps.join('\n\n');
  }
  const i = para % ps.length;
  const ws = words(ps[i]!);
  ws.splice(at % (ws.length + 1), 0, word);
  ps[i] = ws.join(' ');
  return ps.join('\n\n');
}

const dbs: TakeawayDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function run(actions: Action[], seed: string, tagsToo: boolean) {
  const name = `two-editors-${crypto.randomUUID()}`;
  const [a, b] = [openDatabase(name), openDatabase(name)];
  dbs.push(a, b);
  // The note exists and both tabs show it.
  await saveNote(a, SIGHTING, NOTE_ID, seed, []);
  const start: NoteBase = { body: seed, tags: [] };
  const writers: Writer[] = [a, b].map((db) => ({
    store: dexieNoteStore(db),
    text: seed,
    tags: [],
    base: start,
    sent: null,
    answer: null,
    typed: 0,
  }));
  const allWords = new Set(words(seed));
  const allTags = new Set<string>();

  const unsaved = (w: Writer) => w.text !== w.base.body || w.tags.join() !== w.base.tags.join();
  const send = (w: Writer) => {
    if (w.sent || !unsaved(w)) return;
    const value = { body: w.text, tags: w.tags };
    w.sent = { value, from: w.base };
    // As the editor does: taken as landed until the answer says otherwise.
    w.base = value;
  };
  const apply = async (w: Writer) => {
    if (!w.sent || w.answer) return;
    const { value, from } = w.sent;
    w.answer = await w.store.save(SIGHTING, NOTE_ID, value.body, value.tags, from);
  };
  const deliver = (w: Writer) => {
    if (!w.sent || !w.answer) return;
    const { value } = w.sent;
    const saved = w.answer;
    w.sent = null;
    w.answer = null;
    const stored = { body: saved.body, tags: saved.tags };
    if (w.base === value) w.base = stored;
    if (stored.body === value.body && stored.tags.join() === value.tags.join()) return;
    const typedSince = w.text !== value.body || w.tags.join() !== value.tags.join();
    w.text = typedSince ? mergeNoteText(value.body, stored.body, w.text) : stored.body;
    w.tags = typedSince ? mergeNoteTags(value.tags, stored.tags, w.tags) : stored.tags;
  };
  const adopt = async (w: Writer) => {
    if (w.sent || unsaved(w)) return;
    const n = await a.notes.get(NOTE_ID);
    if (!n) return;
    w.text = n.body;
    w.tags = n.tags;
    w.base = { body: n.body, tags: n.tags };
  };

  for (const act of actions) {
    const w = writers[act.w]!;
    if (act.kind === 'type') {
      const word = `w${act.w}x${w.typed++}`;
      allWords.add(word);
      w.text = type(w.text, word, act.para, act.at, act.newPara);
    } else if (act.kind === 'tag' && tagsToo) {
      const tag = `t${act.w}x${w.typed++}`;
      if (w.tags.length < 12) {
        allTags.add(tag);
        w.tags = [...w.tags, tag];
      }
    } else if (act.kind === 'send') send(w);
    else if (act.kind === 'apply') await apply(w);
    else if (act.kind === 'deliver') deliver(w);
    else if (act.kind === 'adopt') await adopt(w);
  }
  // The tabs stay open until everything is written and both show the stored note.
  for (let round = 0; round < 20 && writers.some((w) => w.sent || unsaved(w)); round++) {
    for (const w of writers) {
      send(w);
      await apply(w);
      deliver(w);
    }
  }
  for (const w of writers) await adopt(w);

  const stored = (await a.notes.get(NOTE_ID))!;
  const kept = new Set(words(stored.body));
  const lost = [...allWords].filter((x) => !kept.has(x));
  expect(lost, `stored: ${JSON.stringify(stored.body)}`).toEqual([]);
  expect([...allTags].filter((t) => !stored.tags.includes(t))).toEqual([]);
  for (const w of writers) {
    expect(w.sent).toBeNull();
    expect(w.text).toBe(stored.body);
  }
}

describe('two editors on one note', () => {
  it('keeps every word either writer typed, whatever the interleaving of edits, saves and answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('', 'First thoughts.', 'Aim one.\n\nMethods two.\n\nResult three.'),
        async (actions, seed) => run(actions, seed, true),
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('the same second in two tabs: both paragraphs are kept, and the second writer is told', async () => {
    const name = `two-editors-${crypto.randomUUID()}`;
    const [a, b] = [openDatabase(name), openDatabase(name)];
    dbs.push(a, b);
    const base = await saveNote(a, SIGHTING, NOTE_ID, 'Shared start.', ['rct']);
    const from = { body: base.body, tags: base.tags };
    // Both tabs were showing "Shared start."; each adds its own paragraph.
    await dexieNoteStore(a).save(SIGHTING, NOTE_ID, 'Shared start.\n\nFrom tab one.', ['rct'], from);
    const second = await dexieNoteStore(b).save(
      SIGHTING,
      NOTE_ID,
      'Shared start.\n\nFrom tab two.',
      ['rct', 'cardiology'],
      from,
    );
    expect(second.body).toBe('Shared start.\n\nFrom tab one.\n\nFrom tab two.');
    expect(second.tags).toEqual(['rct', 'cardiology']);
    // A save without a base replaces the text, as it always did (an older frame, an import).
    const plain = await saveNote(b, SIGHTING, NOTE_ID, 'Only this.');
    expect(plain.body).toBe('Only this.');
  });
});

describe('mergeNoteText', () => {
  it.each([
    ['one side unchanged', 'a', 'a', 'a\n\nb', 'a\n\nb'],
    [
      'both edit one paragraph: both versions stay',
      'a\n\nb',
      'a\n\nb one',
      'a\n\nb two',
      'a\n\nb one\n\nb two',
    ],
    ['an edit and an addition', 'a\n\nb', 'a fixed\n\nb', 'a\n\nb\n\nc', 'a fixed\n\nb\n\nc'],
    ['a removal left alone by the other side', 'a\n\nb\n\nc', 'a\n\nc', 'a\n\nb\n\nc\n\nd', 'a\n\nc\n\nd'],
    ['the same addition on both sides, once', 'a', 'a\n\nz', 'a\n\nz', 'a\n\nz'],
  ])('%s', (_, base, theirs, mine, out) => {
    expect(mergeNoteText(base, theirs, mine)).toBe(out);
  });
});

describe('a save whose answer was lost (the worker stopped after it landed)', () => {
  it('is replaced by the same editor’s next save, never merged with itself', async () => {
    const db = openDatabase(`own-save-${crypto.randomUUID()}`);
    const s = { doi: '10.1/own-save' };
    const id = '00000000-0000-4000-8000-0000000000d1';
    await saveNote(db, s, id, 'Written');
    // The editor sent this on the base "Written"; it landed, but the answer never came back.
    await saveNote(db, s, id, 'Written while the w', undefined, {
      body: 'Written',
      tags: [],
      writer: 'editor-a',
    });
    // So it sends again from the same base, with everything typed since.
    const note = await saveNote(db, s, id, 'Written while the worker was stopped.', undefined, {
      body: 'Written',
      tags: [],
      writer: 'editor-a',
    });
    expect(note.body).toBe('Written while the worker was stopped.');
    // Another editor on the same stale base is merged, as before.
    const other = await saveNote(db, s, id, 'Written\n\nFrom the other tab.', undefined, {
      body: 'Written',
      tags: [],
      writer: 'editor-b',
    });
    expect(other.body).toContain('Written while the worker was stopped.');
    expect(other.body).toContain('From the other tab.');
  });
});
