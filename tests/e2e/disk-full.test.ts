import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * An old backup (tests/fixtures/backups) with `extra` notes of 2 kB added, sealed again: several
 * megabytes, as a real library's backup is.
 */
function bigBackup(path: string, extra: number): string {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    counts: Record<string, number>;
    checksum: string;
    data: { notes: Record<string, unknown>[]; papers: { id: number }[] };
  };
  const paperId = file.data.papers[0]!.id;
  for (let i = 0; i < extra; i++) {
    const id = `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
    file.data.notes.push({
      id,
      paperId,
      body: `Imported note ${i}: ${'words that must all land or none. '.repeat(60)}`,
      tags: [],
      createdAt: 1_795_251_606_000 + i,
      updatedAt: 1_795_251_606_000 + i,
    });
  }
  file.counts.notes = file.data.notes.length;
  const dataText = JSON.stringify(file.data);
  const { data: _data, ...head } = file;
  head.checksum = createHash('sha256').update(dataText).digest('hex');
  return `${JSON.stringify(head).slice(0, -1)},"data":${dataText}}`;
}

/** Every row of a table, read in an extension page (reading needs no room on the disk). */
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

describe.skipIf(!disk)('a full disk, for real: the profile on a small tmpfs, filled to the last byte', () => {
  let s: ExtensionSession;
  const profile = disk ? join(disk.dir, 'profile') : '';
  const files = disk ? join(disk.dir, '..', `${disk.dir.split('/').pop()}-files`) : '';
  beforeAll(async () => {
    s = await launchWithExtension({ userDataDir: profile });
  });
  afterAll(async () => {
    await s?.close().catch(() => undefined);
    disk?.unmount();
    rmSync(`${files}.jsonl`, { force: true });
    rmSync(`${files}.json`, { force: true });
  });

  it('says "not saved: disk full", keeps the text, refuses imports whole, and saves by itself once there is room', async () => {
    const page = await s.context.newPage();
    await page.goto(PUBLISHER);
    const editor = await readyEditor(page);
    await editor.fill(BEFORE);
    await expect.poll(() => noteStatus(page).textContent(), { timeout: 5_000 }).toMatch(/^Saved/);
    const review = await s.context.newPage();
    await review.goto(`chrome-extension://${s.extensionId}/review.html#/backup`);
    await review.getByTestId('backup-file').waitFor({ timeout: 15_000 });
    const notesBefore = await rows(review, 'notes');
    const papersBefore = await rows(review, 'papers');
    // The files to import, written before the disk fills (beside it, not on it).
    // Each several megabytes: a full disk still has room for a few bytes at the ends of the
    // pages its files already have, and a small import could fit there.
    const pack = `${files}.jsonl`;
    writeFileSync(
      pack,
      Array.from({ length: 4000 }, (_, i) =>
        JSON.stringify({
          doi: `10.5555/full-disk.${i}`,
          title: `Pack summary ${i} that must not be half stored, with a long enough title`,
          study_type: 'cohort study',
          key_takeaway: `Takeaway ${i}: ${'all or nothing. '.repeat(20)}`,
          concepts: ['full disk', `topic ${i % 50}`],
          source: { name: 'Full Disk Club' },
        }),
      ).join('\n') + '\n',
    );
    const backup = `${files}.json`;
    writeFileSync(backup, bigBackup(OLD_BACKUP, 3000));

    const filled = disk!.fill();
    console.log(`full disk: ${Math.round(filled / 1e6)} MB of ballast, ${disk!.free()} bytes free`);

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
    console.log('highlight:', await toolbarMessage(page));
    await page.waitForTimeout(2_000);
    // Said in the reader's words, not the browser's.
    expect(await toolbarMessage(page)).toMatch(
      /^Highlight not saved: the disk is full\b.*Free some disk space/,
    );
    expect(await toolbarMessage(page)).not.toMatch(/UnknownError|backing store|FILE_ERROR/);
    expect(await noteFrame(page).getByTestId('takeaway-highlight-item').count()).toBe(0);

    // A summary pack and a backup: each refused whole, the database as it was.
    await review.getByTestId('backup-file').setInputFiles(backup);
    await expect
      .poll(
        () =>
          review
            .getByTestId('backup-error')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/Nothing was imported/);
    console.log('backup:', await review.getByTestId('backup-error').textContent());
    const backupError = (await review.getByTestId('backup-error').textContent()) ?? '';
    expect(backupError).toMatch(/^Nothing was imported: the disk is full\b.*Your library is as it was/);
    expect(backupError).not.toMatch(/IO error|FILE_ERROR|ChromeMethod/);
    const packInput = review.getByTestId('pack-file');
    await packInput.waitFor({ state: 'attached', timeout: 15_000 });
    await packInput.setInputFiles(pack);
    await expect
      .poll(
        () =>
          review
            .getByTestId('pack-errors')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/Nothing was imported/);
    console.log('pack:', await review.getByTestId('pack-errors').textContent());
    const packError = (await review.getByTestId('pack-errors').textContent()) ?? '';
    expect(packError).toMatch(
      /^Nothing was imported from \S+: the disk is full\b.*Your packs are as they were/,
    );
    // A refusal of the whole file, not an error at a line of it.
    expect(packError).not.toMatch(/IO error|FILE_ERROR|:1: error|fix this error/);
    await page.screenshot({ path: resolve('tests/e2e/screenshots/disk-full-note.png') });

    // Room again: the editor saves what it kept, by itself.
    console.log('step: room again');
    disk!.release();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    console.log('step: saved by itself');
    // The database (read now: on a full disk even opening it for reading is refused) has nothing
    // of the refused imports or the highlight, and the note saved before, with what was kept.
    expect(await rows(review, 'packs')).toEqual([]);
    expect(await rows(review, 'packSummaries')).toEqual([]);
    expect(await rows(review, 'highlights')).toEqual([]);
    const keysOf = (ps: unknown[]) => (ps as { id: number; keys: string[] }[]).map((p) => [p.id, p.keys]);
    expect(keysOf(await rows(review, 'papers'))).toEqual(keysOf(papersBefore));
    const notesAfter = (await rows(review, 'notes')) as { id: string; body: string; createdAt: number }[];
    const [saved] = notesBefore as { id: string; body: string; createdAt: number }[];
    expect(notesAfter.map((n) => [n.id, n.body, n.createdAt])).toEqual([
      [saved!.id, BEFORE + ON_FULL_DISK, saved!.createdAt],
    ]);
    await page.reload();
    await readyEditor(page);
    await expect.poll(() => noteEditor(page).inputValue(), { timeout: 10_000 }).toBe(BEFORE + ON_FULL_DISK);
    // And an import works again.
    await packInput.setInputFiles(pack);
    await review.getByTestId('pack-imported').waitFor({ timeout: 30_000 });
    await review.close();
    await page.close();
  }, 180_000);
});
