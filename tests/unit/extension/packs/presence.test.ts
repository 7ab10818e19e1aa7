import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TakeawayDB } from '../../../../lib/extension/db';
import { createBackup, importBackup, parseBackup, type BackupFile } from '../../../../lib/extension/backup';
import { PACKS_FLAG, readPacksMayExist, watchPacksMayExist } from '../../../../lib/extension/packs/presence';
import { importPack, removePack } from '../../../../lib/extension/packs/store';

const enc = new TextEncoder();
const pack = (...dois: string[]) =>
  enc.encode(
    dois
      .map((doi) => JSON.stringify({ doi, study_type: 'cohort study', key_takeaway: `About ${doi}.` }))
      .join('\n'),
  );
const flag = async () => (await fakeBrowser.storage.local.get(PACKS_FLAG))[PACKS_FLAG];

let db: TakeawayDB;
let n = 0;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`presence-test-${n++}`);
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('the "packs may exist" flag a waking worker reads instead of IndexedDB', () => {
  it('reads as yes until something has been recorded, and when storage cannot be read', async () => {
    expect(await readPacksMayExist()).toBe(true);
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    expect(await readPacksMayExist()).toBe(false);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage gone'));
    expect(await readPacksMayExist()).toBe(true);
  });

  it('follows imports and removals: no only once the last pack is gone', async () => {
    const a = await importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') });
    expect(await flag()).toBe(true);
    const b = await importPack(db, { name: 'b.jsonl', bytes: pack('10.5555/b.1') });
    if (!a.ok || !b.ok) throw new Error('import failed');
    await removePack(db, a.pack.id);
    expect(await flag()).toBe(true);
    await removePack(db, b.pack.id);
    expect(await flag()).toBe(false);
  });

  it('is already yes while an import is being written, and back to no when it fails', async () => {
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    const seen: unknown[] = [];
    const bulkAdd = db.packSummaries.bulkAdd.bind(db.packSummaries);
    vi.spyOn(db.packSummaries, 'bulkAdd').mockImplementation((async (rows: never) => {
      seen.push(await flag());
      await bulkAdd(rows);
      throw new Error('QuotaExceededError: disk full');
    }) as never);
    await expect(importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') })).rejects.toThrow(
      /disk full/,
    );
    expect(seen).toEqual([true]);
    expect(await db.packs.count()).toBe(0);
    expect(await flag()).toBe(false);
  });

  it('leaves the flag alone when a pack is refused before anything is written', async () => {
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    const r = await importPack(db, { name: 'bad.jsonl', bytes: enc.encode('{"doi":"10.5555/x"}') });
    expect(r.ok).toBe(false);
    expect(await flag()).toBe(false);
  });

  /** A backup of `db` holding one pack, and a second, empty database to restore it into. */
  async function backupAndEmptyDb(): Promise<{ backup: BackupFile; other: TakeawayDB }> {
    await importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') });
    const parsed = await parseBackup(await createBackup(db));
    if (!parsed.ok) throw new Error(parsed.error);
    const other = openDatabase(`presence-test-${n++}`);
    await other.open();
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    return { backup: parsed.backup, other };
  }

  it('follows a backup: merging one with packs sets it, replacing with one without clears it', async () => {
    const { backup, other } = await backupAndEmptyDb();
    try {
      const empty = await parseBackup(await createBackup(other));
      if (!empty.ok) throw new Error(empty.error);
      await importBackup(other, backup, 'merge');
      expect(await flag()).toBe(true);
      await importBackup(other, empty.backup, 'replace');
      expect(await other.packs.count()).toBe(0);
      expect(await flag()).toBe(false);
    } finally {
      await other.delete();
    }
  });

  it('is already yes while a backup with packs is being written', async () => {
    const { backup, other } = await backupAndEmptyDb();
    try {
      const seen: unknown[] = [];
      const put = other.packs.put.bind(other.packs);
      vi.spyOn(other.packs, 'put').mockImplementation((async (row: never) => {
        seen.push(await flag());
        return put(row);
      }) as never);
      await importBackup(other, backup, 'merge');
      expect(seen).toEqual([true]);
    } finally {
      await other.delete();
    }
  });

  it('refuses an import it cannot record, rather than hide the pack from a waking worker', async () => {
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QuotaExceededError'));
    vi.spyOn(fakeBrowser.storage.local, 'remove').mockRejectedValue(new Error('QuotaExceededError'));
    await expect(importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') })).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: expect.stringMatching(/^disk full: extension storage has no room left/),
    });
    expect(await db.packs.count()).toBe(0);
  });

  it('names a refusal that is not a full disk as the browser gave it', async () => {
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('storage is gone'));
    vi.spyOn(fakeBrowser.storage.local, 'remove').mockRejectedValue(new Error('storage is gone'));
    await expect(importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') })).rejects.toThrow(
      'Extension storage refused a write (Error: storage is gone).',
    );
    expect(await db.packs.count()).toBe(0);
  });

  it('runs changes one at a time, so a late "no" from one page cannot follow another page\'s import', async () => {
    // A Web Lock manager as the browser has one (happy-dom has none): one holder per name, in turn.
    const held = new Map<string, Promise<unknown>>();
    const locks = {
      request: (name: string, work: () => Promise<unknown>) => {
        const run = (held.get(name) ?? Promise.resolve()).then(work);
        held.set(
          name,
          run.catch(() => undefined),
        );
        return run;
      },
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    try {
      const a = await importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') });
      if (!a.ok) throw new Error('import failed');
      // Page A removes the last pack and counts none left; its write of "no" is slow to land...
      const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
      vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
        if (items[PACKS_FLAG] === false) await new Promise((r) => setTimeout(r, 30));
        return set(items);
      });
      // ...and right after A has counted, page B imports another.
      let importing: Promise<unknown> | null = null;
      const count = db.packs.count.bind(db.packs);
      vi.spyOn(db.packs, 'count').mockImplementation((async () => {
        const c = await count();
        importing ??= importPack(db, { name: 'b.jsonl', bytes: pack('10.5555/b.1') });
        return c;
      }) as never);
      await removePack(db, a.pack.id);
      await importing;
      expect(await db.packs.count()).toBe(1);
      expect(await flag()).toBe(true);
    } finally {
      Reflect.deleteProperty(navigator, 'locks');
    }
  });

  it('a watching worker sees changes made by another page, and they win over its start-up read', async () => {
    await fakeBrowser.storage.local.set({ [PACKS_FLAG]: false });
    const mayExist = watchPacksMayExist();
    expect(await mayExist()).toBe(false);
    await importPack(db, { name: 'a.jsonl', bytes: pack('10.5555/a.1') });
    expect(await mayExist()).toBe(true);
  });
});
