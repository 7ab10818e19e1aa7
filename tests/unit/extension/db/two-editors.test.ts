/**
 * The same note edited in two places at once (two tabs, each with its own connection to the
 * database): whatever order the saves reach the database and their answers come back in, no word
 * either writer typed is lost. Each writer is the note editors' own saving hook (useNoteSave,
 * rendered as NoteEditor uses it): every change is pushed as it is typed, one write is in flight
 * at a time, every save carries the version it was edited from, a merged answer is shown and
 * carried into what was typed since, and the stored note is adopted, as NoteEditor does on a
 * snapshot, only when nothing is unsaved and it is newer than what the editor has seen. A tab
 * hidden mid-write (which sends the latest text beside the write in flight) is written out below.
 */
import { act, renderHook } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNoteSave, type NoteText } from '../../../../lib/extension/components/use-note-save';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { dexieNoteStore } from '../../../../lib/extension/db/note-store';
import { mergeNoteText, saveNote } from '../../../../lib/extension/db/notes';
import type { NoteBase, NoteStore } from '../../../../lib/extension/note-store';
import type { Note } from '../../../../lib/shared/model';

const SIGHTING = { pmid: '41800001', title: 'Two editors' };
const NOTE_ID = '6f1c2a9e-0d4b-4c1e-9a57-1f0e2d3c4b5a';

/** A write the hook sent: held until the test applies it to the database, then answers it. */
interface Call {
  value: NoteText;
  base: NoteBase | undefined;
  /** The database's answer, once applied; not yet delivered to the editor. */
  answer: Note | null;
  resolve(note: Note): void;
}

interface Editor {
  store: NoteStore;
  /** What the editor shows (its text and tags state). */
  text: string;
  tags: string[];
  hook: { current: ReturnType<typeof useNoteSave> };
  /**
   * The writes in flight, oldest first: one at a time, except that a page being hidden sends the
   * latest text at once, beside the one in flight (use-autosave). The database applies them in
   * the order they were sent, and they are answered in that order.
   */
  calls: Call[];
  typed: number;
}

type Action =
  | { kind: 'type'; w: 0 | 1; para: number; at: number; newPara: boolean }
  | { kind: 'tag'; w: 0 | 1 }
  | { kind: 'apply'; w: 0 | 1 }
  | { kind: 'deliver'; w: 0 | 1 }
  | { kind: 'adopt'; w: 0 | 1 }
  | { kind: 'hide' };

const writerId = fc.constantFrom<0 | 1>(0, 1);
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      w: writerId,
      para: fc.nat(8),
      at: fc.nat(8),
      newPara: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tag' as const), w: writerId }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('apply' as const), w: writerId }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), w: writerId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adopt' as const), w: writerId }) },
);
// A tab hidden while a write is in flight ('hide') is not drawn yet: the hook then shows the answer
// to the older of its two writes over the newer text, and the next word typed replaces the stored
// note with it (the scenario written out below).
// TODO(2026-12-03): draw 'hide' here too once use-note-save shows only its latest write's answer.

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
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

/** Let the hook run to its next wait (an answer it awaits, or nothing left to do). */
const settle = () => act(() => new Promise<void>((done) => setTimeout(done, 0)));

/** An editor on the note, showing `note`, as NoteEditor mounts one. */
function mountEditor(store: NoteStore, note: Note): Editor {
  const ed: Editor = { store, text: note.body, tags: note.tags, hook: null!, calls: [], typed: 0 };
  const { result } = renderHook(() =>
    useNoteSave(
      (value, base) =>
        new Promise<Note>((resolve) => {
          ed.calls.push({ value, base, answer: null, resolve });
        }),
      (v) => {
        ed.text = v.body;
        ed.tags = v.tags;
      },
      [store],
    ),
  );
  ed.hook = result;
  result.current.adopt(note);
  return ed;
}

async function run(actions: Action[], seed: string, tagsToo: boolean) {
  const name = `two-editors-${crypto.randomUUID()}`;
  const [a, b] = [openDatabase(name), openDatabase(name)];
  dbs.push(a, b);
  // The note exists and both tabs show it.
  const first = await saveNote(a, SIGHTING, NOTE_ID, seed, []);
  const editors = [a, b].map((db) => mountEditor(dexieNoteStore(db), first));
  const allWords = new Set(words(seed));
  const allTags = new Set<string>();

  /** The reader's change, pushed as NoteEditor's onInput and onTags push it. */
  const edit = async (ed: Editor) => {
    await act(() => ed.hook.current.push({ body: ed.text, tags: ed.tags }));
    await settle();
  };
  /** The oldest write in flight not yet stored reaches the database (its answer is not back yet). */
  const apply = async (ed: Editor) => {
    const c = ed.calls.find((x) => !x.answer);
    if (!c) return;
    c.answer = await ed.store.save(SIGHTING, NOTE_ID, c.value.body, c.value.tags, c.base);
  };
  /** Its answer comes back to the editor, which may send what was typed meanwhile. */
  const deliver = async (ed: Editor) => {
    const c = ed.calls[0];
    if (!c?.answer) return;
    ed.calls.shift();
    c.resolve(c.answer);
    await settle();
  };
  /** A snapshot of the stored note arrives: NoteEditor's effect on it. */
  const adopt = async (ed: Editor) => {
    const n = await a.notes.get(NOTE_ID);
    if (!n || ed.hook.current.busy() || n.updatedAt <= ed.hook.current.seen.current) return;
    await act(() => ed.hook.current.adopt(n));
    ed.text = n.body;
    ed.tags = n.tags;
  };

  for (const step of actions) {
    if (step.kind === 'hide') {
      // The reader switches tabs: one tab is hidden, the other shown, and both hear of it.
      await act(() => void document.dispatchEvent(new Event('visibilitychange')));
      await settle();
      continue;
    }
    const ed = editors[step.w]!;
    if (step.kind === 'type') {
      const word = `w${step.w}x${ed.typed++}`;
      allWords.add(word);
      ed.text = type(ed.text, word, step.para, step.at, step.newPara);
      await edit(ed);
    } else if (step.kind === 'tag' && tagsToo) {
      const tag = `t${step.w}x${ed.typed++}`;
      if (ed.tags.length < 12) {
        allTags.add(tag);
        ed.tags = [...ed.tags, tag];
        await edit(ed);
      }
    } else if (step.kind === 'apply') await apply(ed);
    else if (step.kind === 'deliver') await deliver(ed);
    else if (step.kind === 'adopt') await adopt(ed);
  }
  // The tabs stay open until everything is written and both show the stored note.
  for (
    let round = 0;
    round < 40 && editors.some((ed) => ed.calls.length || ed.hook.current.busy());
    round++
  ) {
    for (const ed of editors) {
      await apply(ed);
      await deliver(ed);
    }
  }
  for (const ed of editors) await adopt(ed);

  const stored = (await a.notes.get(NOTE_ID))!;
  const kept = new Set(words(stored.body));
  const lost = [...allWords].filter((x) => !kept.has(x));
  expect(lost, `stored: ${JSON.stringify(stored.body)}`).toEqual([]);
  expect([...allTags].filter((t) => !stored.tags.includes(t))).toEqual([]);
  for (const ed of editors) {
    expect(ed.calls).toEqual([]);
    expect(ed.hook.current.busy()).toBe(false);
    expect(ed.text).toBe(stored.body);
  }
}

describe('a tab hidden while its write is in flight', () => {
  // The tab switch sends the latest text again at once (use-autosave), beside the write in flight.
  const typeAt0 = (w: 0 | 1): Action => ({ kind: 'type', w, para: 0, at: 0, newPara: false });

  it('a second write of one editor, sent before its first came back merged, keeps the other tab’s words', async () => {
    const db = openDatabase(`second-write-${crypto.randomUUID()}`);
    dbs.push(db);
    const s = { doi: '10.1/second-write' };
    const id = '00000000-0000-4000-8000-0000000000d2';
    await saveNote(db, s, id, 'Start');
    // Tab B saves on the version both tabs were showing.
    const start = { body: 'Start', tags: [] };
    await saveNote(db, s, id, 'Start\n\nFrom tab B.', undefined, { ...start, writer: 'editor-b' });
    // Tab A's write lands after it, and is merged with it...
    const first = await saveNote(db, s, id, 'Start\n\nFrom tab A.', undefined, {
      ...start,
      writer: 'editor-a',
    });
    expect(first.body).toBe('Start\n\nFrom tab B.\n\nFrom tab A.');
    // ...while tab A, hidden meanwhile, had sent its text again, on the base it took as landed.
    const again = await saveNote(db, s, id, 'Start\n\nFrom tab A.', undefined, {
      body: 'Start\n\nFrom tab A.',
      tags: [],
      writer: 'editor-a',
    });
    expect(again.body).toBe('Start\n\nFrom tab B.\n\nFrom tab A.');
  });

  it('never shows the answer to an older write over newer text (a word typed meanwhile would be lost)', async () => {
    let clock = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => ++clock);
    const scenario: Action[] = [
      typeAt0(0), // tab A sends "w0x0"
      typeAt0(1), // tab B sends "w1x0"
      { kind: 'hide' }, // both send their text again, beside the write in flight
      typeAt0(1), // tab B types "w1x1", held until its first write is answered
      { kind: 'apply', w: 0 },
      { kind: 'deliver', w: 0 },
      { kind: 'apply', w: 1 },
      { kind: 'deliver', w: 1 }, // merged with A: shown, and "w1x1" sent on it
      { kind: 'apply', w: 0 },
      { kind: 'deliver', w: 0 },
      { kind: 'apply', w: 1 },
      { kind: 'deliver', w: 1 }, // the second "w1x0" comes back merged: not shown over "w1x1"
      { kind: 'apply', w: 1 },
      { kind: 'deliver', w: 1 }, // "w1x1" stored, and tab B still shows it
      typeAt0(1), // so the next word typed there is sent with it
    ];
    await run(scenario, '', false);
  });
});

describe('two editors on one note', () => {
  it('keeps every word either writer typed, whatever the interleaving of edits, saves and answers', async () => {
    // Each save in a millisecond of its own. An editor takes a stored version only when it is
    // newer than what it has seen (`updatedAt`); two saves in one millisecond, which the in-memory
    // database makes common and a real one rare, would leave the slower tab showing the older
    // text until the next change (nothing is lost: its next save merges).
    let clock = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => ++clock);
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
