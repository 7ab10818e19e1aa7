import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  noteEditor,
  noteFrame,
  noteStatus,
  readyEditor,
  skipE2E,
  type ExtensionSession,
} from '../support/harness';
import { mountSmallDisk, type SmallDisk } from '../support/tmpfs';

const PUBLISHER = 'https://www.bmj.com/content/391/bmj-2025-081234';
const OLD_BACKUP = resolve('tests/fixtures/backups/v1-2026-11-21-first.json');
const BEFORE = 'Saved before the disk filled: RR 0.65, CI 0.41 to 1.02.';
const ON_FULL_DISK = ' Typed on a full disk, kept in the editor until there is room.';
/**
 * The room left on the disk for an import: a small write fits in it, the import (about 6 MB of
 * rows, several times more) does not. So an import that wrote in pieces would leave some of them
 * behind, where a refusal on a disk with no room at all would refuse even its first piece.
 */
const ROOM = 1_500_000;

const mounted = skipE2E ? null : mountSmallDisk(256);
const disk: SmallDisk | null = mounted && !('skip' in mounted) ? mounted : null;
if (mounted && 'skip' in mounted) console.warn(`\n${mounted.skip}\nSkipping the full-disk test.\n`);

/** Select words inside `#id` as a reader's drag would, so the highlight toolbar's shortcut applies. */
async function select(page: Page, id: string, words: string): Promise<void> {
  await page.evaluate(
    ([id, words]) => {
      const el = document.getElementById(id as string)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(words as string);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + (words as string).length);
        const sel = document.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`"${words}" not in #${id}`);
    },
    [id, words],
  );
}

/** The text of the highlight toolbar's message, read through its closed shadow root over CDP. */
async function toolbarMessage(page: Page): Promise<string> {
  interface CdpNode {
    nodeId: number;
    localName?: string;
    children?: CdpNode[];
    shadowRoots?: CdpNode[];
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const find = (n: CdpNode): CdpNode | null => {
      if (n.localName === 'takeaway-toolbar') return n;
      for (const c of n.children ?? []) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const shadow = find(root)?.shadowRoots?.[0];
    if (!shadow) return '';
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration:
        'function () { return this.querySelector(".tw-hl-message")?.textContent ?? `(toolbar: ${this.textContent})`; }',
      returnByValue: true,
    });
    return result.value as string;
  } finally {
    await cdp.detach();
  }
}

/**
 * Text that does not compress, `chars` long: what the browser stores may be compressed, and an
 * import that shrank to fit the room left would prove nothing.
 */
function noise(seed: string, chars: number): string {
  let out = '';
  for (let k = 0; out.length < chars; k++)
    out += createHash('sha256').update(`${seed}:${k}`).digest('base64');
  return out.slice(0, chars);
}

/**
 * An old backup (tests/fixtures/backups) without its pack, with `extra` notes of 2 kB added,
 * sealed again: several megabytes, as a real library's backup is. Without a pack, importing it
 * writes to the database alone (a pack would first set the packs flag in extension storage, and a
 * refusal there would come before the database is touched).
 */
function bigBackup(path: string, extra: number): string {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    counts: Record<string, number>;
    checksum: string;
    data: {
      notes: Record<string, unknown>[];
      papers: { id: number }[];
      packs: unknown[];
      packSummaries: unknown[];
    };
  };
  const paperId = file.data.papers[0]!.id;
  file.data.packs = [];
  file.data.packSummaries = [];
  for (let i = 0; i < extra; i++) {
    const id = `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
    file.data.notes.push({
      id,
      paperId,
      body: `Imported note ${i}, all or none of them: ${noise(`note ${i}`, 2000)}`,
      tags: [],
      createdAt: 1_795_251_606_000 + i,
      updatedAt: 1_795_251_606_000 + i,
    });
  }
  for (const t of ['notes', 'packs', 'packSummaries'] as const) file.counts[t] = file.data[t].length;
  const dataText = JSON.stringify(file.data);
  const { data: _data, ...head } = file;
  head.checksum = createHash('sha256').update(dataText).digest('hex');
  return `${JSON.stringify(head).slice(0, -1)},"data":${dataText}}`;
}

/** A summary pack of `count` summaries of about 1.5 kB each. */
function bigPack(count: number): string {
  return (
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        doi: `10.5555/full-disk.${i}`,
        title: `Pack summary ${i} that must not be half stored, with a long enough title`,
        study_type: 'cohort study',
        key_takeaway: `Takeaway ${i}: all or nothing.`,
        practice_relevance: noise(`pack ${i}`, 1200),
        concepts: ['full disk', `topic ${i % 50}`],
        source: { name: 'Full Disk Club' },
      }),
    ).join('\n') + '\n'
  );
}

/** Every row of a table, read in an extension page (with room: on a full disk even opening is refused). */
const rows = (page: Page, table: string) =>
  page.evaluate(
    (table) =>
      new Promise<unknown[]>((done, fail) => {
        const open = indexedDB.open('takeaway');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(table).objectStore(table).getAll();
          req.onsuccess = () => {
            open.result.close();
            done(req.result as unknown[]);
          };
          req.onerror = () => fail(req.error);
        };
      }),
    table,
  );

type NoteRow = { id: string; body: string; createdAt: number };
type PaperRow = { id: number; keys: string[] };
const notesOf = (ns: unknown[]) => (ns as NoteRow[]).map((n) => [n.id, n.body, n.createdAt]);
const keysOf = (ps: unknown[]) => (ps as PaperRow[]).map((p) => [p.id, p.keys]);

/** The database in one line, for the log: a flake is then read from the run, not guessed. */
async function logState(page: Page, step: string): Promise<void> {
  const free = disk!.free();
  const got = await Promise.all([rows(page, 'notes'), rows(page, 'papers')]).then(
    ([ns, ps]) =>
      `notes ${JSON.stringify((ns as NoteRow[]).map((n) => [n.id.slice(0, 8), n.createdAt, n.body.length]))}, papers ${JSON.stringify((ps as PaperRow[]).map((p) => p.id))}`,
    (e: unknown) => `not readable (${String(e).split('\n')[0]})`,
  );
  console.log(`disk-full: ${step}: ${free} bytes free; ${got}`);
}

/**
 * On a real full disk Chromium's IndexedDB (LevelDB) is refused part-way through appending a
 * transaction to its log, and the torn record stays there. A write that succeeds later goes after
 * it, and the next time the database is opened (Chromium closes it after every refused write, and
 * at a restart) it is read as corrupt, "checksum mismatch", and deleted whole (`dataLoss:
 * "total"`), or the writes after the tear are silently dropped. The browser's doing, not ours
 * (electron/electron#41877 shows the same), but a profile survives only one such episode within a
 * test: each part below has a profile of its own, and reads the database before it is reopened.
 */
describe.skipIf(!disk)('a full disk, for real: the profile on a small tmpfs, full or nearly', () => {
  let s: ExtensionSession | undefined;
  const files = disk ? join(disk.dir, '..', `${disk.dir.split('/').pop()}-files`) : '';
  const pack = `${files}.jsonl`;
  const backup = `${files}.json`;
  beforeAll(() => {
    // The files to import, written before the disk fills (beside it, not on it).
    writeFileSync(pack, bigPack(4000));
    writeFileSync(backup, bigBackup(OLD_BACKUP, 3000));
  });
  afterEach(async () => {
    await s?.close().catch(() => undefined);
    s = undefined;
    disk?.release();
  });
  afterAll(() => {
    disk?.unmount();
    rmSync(pack, { force: true });
    rmSync(backup, { force: true });
  });

  /** A browser on a fresh profile on the small disk, with a note saved on the BMJ paper. */
  async function withSavedNote(profile: string): Promise<{ page: Page; review: Page }> {
    rmSync(join(disk!.dir, profile), { recursive: true, force: true });
    s = await launchWithExtension({ userDataDir: join(disk!.dir, profile) });
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    const editor = await readyEditor(page);
    await editor.fill(BEFORE);
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html#/backup`);
    await review.getByTestId('backup-file').waitFor({ timeout: 15_000 });
    return { page, review };
  }

  /** The text of an error `testId` once it says "Nothing was imported". */
  async function refusal(review: Page, testId: string): Promise<string> {
    await expect
      .poll(
        () =>
          review
            .getByTestId(testId)
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/Nothing was imported/);
    const text = (await review.getByTestId(testId).textContent()) ?? '';
    console.log(`disk-full: ${testId}: ${text}`);
    return text;
  }

  it('says "not saved: disk full", keeps the text, and saves by itself once there is room', async () => {
    const { page, review } = await withSavedNote('profile-note');
    const editor = noteEditor(page);
    const notesBefore = await rows(review, 'notes');
    const papersBefore = await rows(review, 'papers');
    await logState(review, 'saved');

    const filled = disk!.fill();
    console.log(`disk-full: ${Math.round(filled / 1e6)} MB of ballast, ${disk!.free()} bytes free`);

    // The note: typed on the full disk, refused, said so, and kept in the editor.
    await editor.press('End');
    await editor.pressSequentially(ON_FULL_DISK, { delay: 5 });
    const status = noteStatus(page);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('error');
    expect(await status.textContent()).toMatch(/^Not saved: disk full/);
    // Persistent: still said after several retries, and the text is still in the editor.
    await page.waitForTimeout(3_500);
    expect(await status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toMatch(/^Not saved: disk full/);
    expect(await editor.inputValue()).toBe(BEFORE + ON_FULL_DISK);

    // A highlight: refused, taken back from the page, and the reader is told.
    await select(page, 'p-21', 'Staffing physiotherapy at weekends');
    const toolbar = page.locator('takeaway-toolbar');
    await toolbar.waitFor({ state: 'attached', timeout: 5_000 });
    const box = (await toolbar.boundingBox())!;
    await page.mouse.click(box.x + 16, box.y + 16);
    await expect.poll(() => toolbarMessage(page), { timeout: 10_000 }).toMatch(/^Highlight not saved: /);
    console.log('disk-full: highlight:', await toolbarMessage(page));
    await page.waitForTimeout(2_000);
    // Said in the reader's words, not the browser's.
    expect(await toolbarMessage(page)).toMatch(
      /^Highlight not saved: the disk is full\b.*Free some disk space/,
    );
    expect(await toolbarMessage(page)).not.toMatch(/UnknownError|backing store|FILE_ERROR/);
    expect(await noteFrame(page).getByTestId('takeaway-highlight-item').count()).toBe(0);
    await page.screenshot({ path: resolve('tests/e2e/screenshots/disk-full-note.png') });

    // Room again: the editor saves what it kept, by itself.
    disk!.release();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await logState(review, 'room again, saved by itself');
    // The database (read now: on a full disk even opening it for reading is refused) has nothing
    // of the highlight, and the note saved before, with what was kept.
    expect(await rows(review, 'highlights')).toEqual([]);
    expect(keysOf(await rows(review, 'papers'))).toEqual(keysOf(papersBefore));
    const [saved] = notesBefore as NoteRow[];
    expect(notesOf(await rows(review, 'notes'))).toEqual([
      [saved!.id, BEFORE + ON_FULL_DISK, saved!.createdAt],
    ]);
    await page.reload();
    await readyEditor(page);
    await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(BEFORE + ON_FULL_DISK);
    // And an import works again.
    await review.getByTestId('pack-file').setInputFiles(pack);
    await review.getByTestId('pack-imported').waitFor({ timeout: 60_000 });
  }, 150_000);

  it('after the full disk, a restart keeps every saved note: the safety copy puts back what the browser dropped', async () => {
    const profile = 'profile-restart';
    const { page, review } = await withSavedNote(profile);
    const editor = noteEditor(page);
    // A highlight saved before the disk fills, to come back with the note.
    await select(page, 'p-21', 'Staffing physiotherapy at weekends');
    const toolbar = page.locator('takeaway-toolbar');
    await toolbar.waitFor({ state: 'attached', timeout: 5_000 });
    const box = (await toolbar.boundingBox())!;
    await page.mouse.click(box.x + 16, box.y + 16);
    await expect.poll(async () => (await rows(review, 'highlights')).length, { timeout: 10_000 }).toBe(1);

    disk!.fill();
    await editor.press('End');
    await editor.pressSequentially(ON_FULL_DISK, { delay: 5 });
    const status = noteStatus(page);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('error');
    await page.waitForTimeout(1_500);
    disk!.release();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    const after = ' Typed with room again, then the browser was restarted.';
    await editor.pressSequentially(after, { delay: 5 });
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await logState(review, 'saved with room again');
    // The copy is written a moment after each commit.
    await page.waitForTimeout(1_000);
    await s!.close();

    // The same profile again: the browser may find its database torn and delete it.
    s = await launchWithExtension({ userDataDir: join(disk!.dir, profile) });
    const reopened = await s.context.newPage();
    await reopened.goto(PUBLISHER);
    await readyEditor(reopened);
    await expect
      .poll(() => noteEditor(reopened).inputValue(), { timeout: 15_000 })
      .toBe(BEFORE + ON_FULL_DISK + after);
    const library = await s.context.newPage();
    await library.goto(`chrome-extension://${s.extensionId}/review.html`);
    await library.getByTestId('review-paper').first().waitFor({ timeout: 15_000 });
    expect(await rows(library, 'highlights')).toHaveLength(1);
    await expect
      .poll(() => library.getByTestId('library-count').textContent(), { timeout: 10_000 })
      .toBe('1 paper, 1 note, 1 highlight');
    const notice = library.getByTestId('safety-restored');
    const wiped = await notice.isVisible();
    console.log(`disk-full: after the restart the browser ${wiped ? 'had deleted' : 'kept'} the database`);
    if (wiped) {
      expect(await notice.textContent()).toMatch(/^Your notes were put back\..*1 note and 1 highlight/);
      await library.screenshot({ path: resolve('tests/e2e/screenshots/disk-full-restored.png') });
      await library.getByTestId('safety-restored-ok').click();
      await notice.waitFor({ state: 'detached', timeout: 5_000 });
    }
  }, 180_000);

  it('refuses a backup that does not fit whole, says so, and leaves the library as it was', async () => {
    const { page, review } = await withSavedNote('profile-backup');
    // Nothing else writes while the backup is refused: the note is saved and its page closed.
    await page.close();
    const notesBefore = await rows(review, 'notes');
    const papersBefore = await rows(review, 'papers');
    console.log(`disk-full: ${disk!.leave(ROOM)} bytes left for the backup`);

    await review.getByTestId('backup-file').setInputFiles(backup);
    const backupError = await refusal(review, 'backup-error');
    expect(backupError).toMatch(/^Nothing was imported: the disk is full\b.*Your library is as it was/);
    expect(backupError).not.toMatch(/IO error|FILE_ERROR|ChromeMethod|AbortError/);

    // The database as it was: not one paper or note of the backup (read with room again).
    disk!.release();
    await logState(review, 'backup refused');
    expect(keysOf(await rows(review, 'papers'))).toEqual(keysOf(papersBefore));
    expect(notesOf(await rows(review, 'notes'))).toEqual(notesOf(notesBefore));
    expect(await rows(review, 'highlights')).toEqual([]);
  }, 120_000);

  it('refuses a summary pack that does not fit whole, says so, and leaves the packs as they were', async () => {
    const { page, review } = await withSavedNote('profile-pack');
    await page.close();
    const notesBefore = await rows(review, 'notes');
    const packInput = review.getByTestId('pack-file');
    await packInput.waitFor({ state: 'attached', timeout: 15_000 });
    console.log(`disk-full: ${disk!.leave(ROOM)} bytes left for the pack`);

    await packInput.setInputFiles(pack);
    const packError = await refusal(review, 'pack-errors');
    expect(packError).toMatch(
      /^Nothing was imported from \S+: the disk is full\b.*Your packs are as they were/,
    );
    // A refusal of the whole file, not an error at a line of it.
    expect(packError).not.toMatch(/IO error|FILE_ERROR|AbortError|:1: error|fix this error/);

    // No pack and not one of its summaries (read with room again), the note untouched.
    disk!.release();
    await logState(review, 'pack refused');
    expect(await rows(review, 'packs')).toEqual([]);
    expect(await rows(review, 'packSummaries')).toEqual([]);
    expect(notesOf(await rows(review, 'notes'))).toEqual(notesOf(notesBefore));
  }, 120_000);
});
