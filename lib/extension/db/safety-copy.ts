/**
 * The safety copy: what the reader wrote (notes, highlights, their own summaries, study cards) kept
 * a second time outside IndexedDB, one small file per paper in the origin-private file system
 * (./safety-files.ts), and put back when the database has lost it.
 *
 * Why: on a full disk Chromium's IndexedDB (LevelDB) can be refused part-way through appending a
 * transaction to its log. The torn record stays, later writes go after it, and the next time the
 * database is opened (Chromium reopens it after a refused write, and at a restart) it is read as
 * corrupt and deleted whole, or the writes after the tear are dropped without a word. Extension
 * storage is a LevelDB too and loses writes the same way. A file of the origin-private file system
 * is replaced whole or not at all, so it holds the last state that was written in full.
 *
 * Kept: every committed change to papers, notes, highlights, packs and study cards is seen by a
 * Dexie middleware (`safetyMiddleware`), and a moment after the commit the files of the units it
 * touched are written again from the database: `paper-<id>.json` (the paper, its notes, highlights
 * and study cards, trashed ones too; none for a paper without any) and `own.json` (the reader's own
 * summaries). Imported packs are not copied: their files can be imported again. A write the disk
 * refuses is retried; a page closed before its flush leaves its units to the next page; a unit
 * missed by a stopped worker is found at the next browser start (`reconcile`).
 *
 * Never written over: before a file is replaced, records it holds that the database lacks, or
 * holds in an older version (writes the database dropped), are merged back into the database.
 *
 * Put back: the database records the id of the copy it is kept in (`meta` row DATABASE_ID; the
 * folder's `database-id` file, written once the copy is whole). A database opened without that row
 * (a first install, a library from before the copy, or one the browser deleted) is filled from
 * whatever units the folder holds before anything else reads it, merged as a backup is (papers
 * matched by identifier, the newer version of each record kept), and the library says so
 * (RESTORED).
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import type { Note, Paper, ReviewCard, TakeawayDB } from './index';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  TABLES,
  sha256,
  type BackupData,
  type BackupFile,
} from '../backup/format';
import { parseBackup } from '../backup/validate';
import { writeBackup, type ImportReport } from '../backup/import';
import { packsMayNowExist } from '../packs/presence';
import type { CopyFolder } from './safety-files';

/** `meta` row: the id of the safety copy this database is kept in. */
export const DATABASE_ID = 'safety-copy-id';
/** `meta` row: what was put back from the safety copy, until the reader has seen it (Restored). */
export const RESTORED = 'safety-copy-restored';
/** The folder's file naming the database it copies. */
export const ID_FILE = 'database-id';
export const COPY_FORMAT = 'takeaway-safety-copy';

/** What the library says after a restore. */
export interface Restored {
  at: number;
  /** `open`: the database was found empty and refilled; `start`: writes it had dropped came back. */
  why: 'open' | 'start';
  papers: number;
  notes: number;
  highlights: number;
  summaries: number;
  cards: number;
  /** Of the notes and highlights put back into an empty database, those that were in the trash. */
  inTrash?: number;
}

/** One file of the copy. */
export interface CopyUnit {
  format: typeof COPY_FORMAT;
  version: 1;
  unit: string;
  data: Pick<BackupData, 'papers' | 'notes' | 'highlights' | 'packs' | 'packSummaries' | 'reviewCards'>;
}

const OWN = 'own';
/** A study card changed: its paper's unit, found at the flush (the card's write does not name it). */
const CARD = 'card:';
const paperUnit = (id: number) => `paper-${id}`;
const fileOf = (unit: string) => `${unit}.json`;
const unitOfFile = (name: string) => /^(paper-\d+|own)\.json$/.exec(name)?.[1] ?? null;

function empty(): CopyUnit['data'] {
  return { papers: [], notes: [], highlights: [], packs: [], packSummaries: [], reviewCards: [] };
}

/**
 * A unit as the database has it now (null when it has nothing to keep), and the database's copy
 * id, read in the same transaction: a database deleted and opened afresh since the caller checked
 * the id is seen, and its emptiness never taken for the reader's.
 */
export async function readUnit(
  db: TakeawayDB,
  unit: string,
): Promise<{ id: string | undefined; unit: CopyUnit | null }> {
  const data = empty();
  let copyId: string | undefined;
  const idOf = async () => {
    const v = (await db.meta.get(DATABASE_ID))?.value;
    copyId = typeof v === 'string' ? v : undefined;
  };
  if (unit === OWN) {
    await db.transaction('r', [db.meta, db.packs, db.packSummaries], async () => {
      await idOf();
      data.packs = await db.packs.filter((p) => p.own === true).toArray();
      for (const p of data.packs)
        data.packSummaries.push(...(await db.packSummaries.where('packId').equals(p.id).toArray()));
    });
    if (!data.packs.length) return { id: copyId, unit: null };
  } else {
    const id = Number(unit.slice('paper-'.length));
    const tables = [db.meta, db.papers, db.notes, db.highlights, db.reviewCards];
    const [paper, notes, highlights, cards] = await db.transaction('r', tables, async () => {
      await idOf();
      const [paper, notes, highlights] = await Promise.all([
        db.papers.get(id),
        db.notes.where('paperId').equals(id).toArray(),
        db.highlights.where('paperId').equals(id).toArray(),
      ]);
      const cards = paper ? await db.reviewCards.bulkGet(cardIds(paper, notes)) : [];
      return [paper, notes, highlights, cards.filter((c): c is ReviewCard => !!c)] as const;
    });
    if (!paper || (!notes.length && !highlights.length && !cards.length)) return { id: copyId, unit: null };
    Object.assign(data, { papers: [paper], notes, highlights, reviewCards: cards });
  }
  return { id: copyId, unit: { format: COPY_FORMAT, version: 1, unit, data } };
}

/**
 * Whether a file holds a record the database's unit lacks, or a newer version of one: a write the
 * database dropped. (Nothing here is ever deleted for good but by replacing the whole library, so
 * a record missing from the database was lost, or moved to another paper, where merging it back
 * changes nothing.)
 */
function hasNewer(file: CopyUnit, db: CopyUnit | null): boolean {
  for (const t of ['notes', 'highlights', 'reviewCards', 'packSummaries'] as const) {
    const rows = file.data[t] as { id?: unknown; updatedAt?: number; own?: { updatedAt: number } }[];
    if (!rows.length) continue;
    const have = new Map(
      ((db?.data[t] ?? []) as typeof rows).map((r) => [r.id, r.updatedAt ?? r.own?.updatedAt ?? 0]),
    );
    for (const r of rows) {
      const at = have.get(r.id);
      if (at === undefined || (r.updatedAt ?? r.own?.updatedAt ?? 0) > at) return true;
    }
  }
  return false;
}

/** The study cards a paper may have: one per note, and its takeaway's (by its first key). */
function cardIds(paper: Paper, notes: readonly Note[]): string[] {
  return [...notes.map((n) => `note:${n.id}`), ...paper.keys.map((k) => `takeaway:${k}`)];
}

/** A file of the copy read back, or null when it is not one (damaged, cut, foreign). */
export function parseUnit(text: string): CopyUnit | null {
  try {
    const u = JSON.parse(text) as Partial<CopyUnit>;
    if (u.format !== COPY_FORMAT || u.version !== 1 || typeof u.unit !== 'string') return null;
    if (!u.data || typeof u.data !== 'object') return null;
    for (const t of TABLES) if (!Array.isArray(u.data[t])) return null;
    return u as CopyUnit;
  } catch {
    return null;
  }
}

/**
 * Merge units into the database as a backup is merged (the same checks, the same matching, one
 * transaction). Nothing already in the database is replaced by an older version.
 */
export async function mergeUnits(db: TakeawayDB, units: readonly CopyUnit[]): Promise<ImportReport> {
  const data: BackupData = empty();
  for (const u of units) for (const t of TABLES) (data[t] as unknown[]).push(...u.data[t]);
  // A unit's packs are the reader's own: the same pack is in one unit only.
  const dataText = JSON.stringify(data);
  const counts = Object.fromEntries(TABLES.map((t) => [t, data[t].length])) as BackupFile['counts'];
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    counts,
    checksum: await sha256(dataText),
  };
  const parsed = await parseBackup(`${JSON.stringify(head).slice(0, -1)},"data":${dataText}}`);
  if (!parsed.ok) throw new Error(`The safety copy could not be read back: ${parsed.error}`);
  // Not importBackup: it takes the packs lock, and this may run while the database opens, with a
  // holder of that lock waiting for the open.
  // A flag that cannot be written (a full disk) must not stop the restore: the import then fails
  // on its own if there is no room, and the flag is only a shortcut for misses.
  if (data.packs.length) await packsMayNowExist().catch(() => undefined);
  return writeBackup(db, parsed.backup, 'merge');
}

function restoredOf(report: ImportReport, why: Restored['why']): Restored {
  const n = (t: keyof ImportReport['added']) => report.added[t] + report.updated[t];
  return {
    at: Date.now(),
    why,
    papers: n('papers'),
    notes: n('notes'),
    highlights: n('highlights'),
    summaries: n('packSummaries'),
    cards: n('reviewCards'),
  };
}

const anything = (r: Restored) => r.notes + r.highlights + r.summaries + r.cards > 0;

/** Two restores said as one: the counts added, the later date, "open" when either was. */
function addRestored(a: Restored, b: Restored): Restored {
  const inTrash = (a.inTrash ?? 0) + (b.inTrash ?? 0);
  return {
    at: Math.max(a.at, b.at),
    why: a.why === 'open' || b.why === 'open' ? 'open' : 'start',
    papers: a.papers + b.papers,
    notes: a.notes + b.notes,
    highlights: a.highlights + b.highlights,
    summaries: a.summaries + b.summaries,
    cards: a.cards + b.cards,
    ...(inTrash ? { inTrash } : {}),
  };
}

/** Run `fn` holding a Web Lock of the extension's origin (every page and the worker). */
function locked<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(name, fn) as Promise<T>) : fn();
}

const WRITE_LOCK = 'takeaway-safety-copy';
const OPEN_LOCK = 'takeaway-safety-copy-open';

export interface SafetyCopyOptions {
  /** How long after a commit the files are written (changes in that time are written together). */
  delayMs?: number;
  /** How long after a refused write it is tried again (doubling, up to a minute). */
  retryMs?: number;
  /** How long after the first flush a copy that is not whole yet is written whole. */
  fullDelayMs?: number;
  onError?: (e: unknown) => void;
}

/** The database was deleted and opened afresh while its copy was being written: stop. */
class StaleCopy extends Error {
  constructor() {
    super('the database changed while its safety copy was written');
  }
}

/** How long a page (or the worker) leaves the whole writing of a copy for its own work first. */
const FULL_DELAY_MS = 10_000;

/** localStorage key of the units a page left unwritten. */
const PENDING = 'takeaway-safety-copy-pending';

/** Units written under one hold of the lock. */
const BATCH = 25;

/** The safety copy of one context's database. */
export class SafetyCopy {
  private readonly dirty = new Set<string>();
  /** Every unit is to be written again (a table was cleared, or the copy was new or foreign). */
  private all = false;
  /** The library was replaced whole: the next full writing merges no file back. */
  private replaced = false;
  /** Not before this time: the full writing waits for the opening page's own work. */
  private allNotBefore = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = 0;
  private running: Promise<void> | null = null;
  private retry = 0;
  /** The copy id this context has checked the folder against. */
  private confirmed: string | null = null;
  private folderP: Promise<CopyFolder | null> | null = null;
  /** What merges brought back since `reconcile` began. */
  private brought: Restored | null = null;
  private readonly delayMs: number;
  private readonly retryMs: number;
  private readonly fullDelayMs: number;

  constructor(
    private readonly db: TakeawayDB,
    private readonly openFolder: () => Promise<CopyFolder | null>,
    private readonly opts: SafetyCopyOptions = {},
  ) {
    this.delayMs = opts.delayMs ?? 150;
    this.retryMs = opts.retryMs ?? 2_000;
    this.fullDelayMs = opts.fullDelayMs ?? FULL_DELAY_MS;
  }

  private folder(): Promise<CopyFolder | null> {
    this.folderP ??= this.openFolder().catch(() => null);
    return this.folderP;
  }

  /** Units changed by a committed transaction (`all`: a table was cleared). */
  changed(units: Iterable<string> | 'all'): void {
    if (units === 'all') {
      // A table cleared: the library was replaced whole (a backup imported in place of it). The
      // copy follows at once, and its older files are not merged back.
      this.all = true;
      this.replaced = true;
      this.allNotBefore = 0;
    } else {
      for (const u of units) this.dirty.add(u);
      this.remember([...units]);
    }
    this.schedule(this.delayMs);
  }

  /**
   * A page closed right after a change (before its flush) would leave that change out of the copy
   * until the next browser start: pages note the units still to write in their localStorage, and
   * the next page to open writes them. (The worker has no localStorage; it lives long after its
   * last change.)
   */
  private remember(add: readonly string[], written: readonly string[] = []): void {
    try {
      if (typeof localStorage === 'undefined') return;
      const was = JSON.parse(localStorage.getItem(PENDING) ?? '[]') as unknown;
      const left = new Set(Array.isArray(was) ? (was as unknown[]).filter((u) => typeof u === 'string') : []);
      for (const u of written) left.delete(u);
      for (const u of add) left.add(u);
      if (left.size) localStorage.setItem(PENDING, JSON.stringify([...left]));
      else localStorage.removeItem(PENDING);
    } catch {
      // A hint only.
    }
  }

  /** Units another page of this extension left unwritten (see remember). */
  takePending(): void {
    try {
      if (typeof localStorage === 'undefined') return;
      const left = JSON.parse(localStorage.getItem(PENDING) ?? '[]') as unknown;
      if (!Array.isArray(left) || !left.length) return;
      for (const u of left)
        if (typeof u === 'string' && (unitOfFile(`${u}.json`) || u.startsWith(CARD))) this.dirty.add(u);
      this.schedule(this.delayMs);
    } catch {
      // A hint only.
    }
  }

  /** Flush in `ms` at the latest (a change made while a retry waits brings it forward). */
  private schedule(ms: number): void {
    const due = Date.now() + ms;
    if (this.timer) {
      if (this.due <= due) return;
      clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Write what has changed; resolves when the files are written (or the write was refused). */
  flush(): Promise<void> {
    if (this.running)
      return this.running.then(() => (this.dirty.size || this.all ? this.flush() : undefined));
    this.running = this.write().finally(() => (this.running = null));
    return this.running;
  }

  private async write(): Promise<void> {
    const folder = await this.folder();
    if (!folder) {
      this.dirty.clear();
      this.all = false;
      return;
    }
    try {
      const id = await this.confirm(folder);
      if (!id) return;
      // Taken at once: a change committed from here on is written by the next flush.
      const full = this.all && Date.now() >= this.allNotBefore;
      const started = performance.now();
      let units = [...this.dirty];
      this.dirty.clear();
      if (full) {
        this.all = false;
        units = [...new Set([...units, ...(await this.everyUnit(folder))])];
      }
      // In batches, each under the lock, with a pause between: a whole library (thousands of
      // papers) is copied without holding up the page it runs in, or another context's flush.
      const merge = !this.replaced;
      if (full) this.replaced = false;
      for (let i = 0; i < units.length; i += BATCH) {
        try {
          await locked(WRITE_LOCK, () => this.writeUnits(folder, units.slice(i, i + BATCH), id, merge));
        } catch (e) {
          // Whatever was not written is written at the next try.
          for (const u of units.slice(i)) this.dirty.add(u);
          if (full) this.all = true;
          if (full && !merge) this.replaced = true;
          // The database went and came back: its id is checked again (and its copy put back first).
          if (e instanceof StaleCopy) this.confirmed = null;
          throw e;
        }
        if (i + BATCH < units.length) await new Promise((r) => setTimeout(r, 0));
      }
      this.remember([], units);
      // The copy is whole: the folder now names the database it copies.
      if (full) {
        await locked(WRITE_LOCK, () => folder.write(ID_FILE, id));
        // For the bench and the console: how long a whole copy took here, and of how much.
        performance.mark?.('takeaway:safety-copy-whole', {
          detail: { units: units.length, ms: performance.now() - started },
        });
      } else if (this.all) this.schedule(Math.max(0, this.allNotBefore - Date.now()));
      this.retry = 0;
    } catch (e) {
      this.opts.onError?.(e);
      this.retry = Math.min(this.retry ? this.retry * 2 : this.retryMs, 60_000);
      this.schedule(this.retry);
    }
  }

  /**
   * Each unit read from the database now and written, or its file removed when it has nothing.
   * Stops, leaving every file as it is, when the database is no longer the one whose id was
   * checked (deleted by the browser and opened afresh meanwhile). A file newer than the database's
   * version of its unit (a write the database dropped) is merged back first, unless the library
   * was just replaced whole by a backup.
   */
  private async writeUnits(folder: CopyFolder, names: readonly string[], id: string, merge: boolean) {
    const units = new Set<string>();
    for (const n of names) {
      const u = n.startsWith(CARD) ? await this.paperOfCard(n.slice(CARD.length)) : n;
      if (u) units.add(u);
    }
    // The units of a batch side by side: their reads and file writes overlap.
    await Promise.all([...units].map((name) => this.writeUnit(folder, name, id, merge)));
  }

  private async writeUnit(folder: CopyFolder, name: string, id: string, merge: boolean): Promise<void> {
    let now = await readUnit(this.db, name);
    if (now.id !== id) throw new StaleCopy();
    const file = fileOf(name);
    const was = await folder.read(file);
    if (merge && was !== null) {
      const old = parseUnit(was);
      if (old && hasNewer(old, now.unit)) {
        await this.noteRestored(this.db, await mergeUnits(this.db, [old]), 'start');
        now = await readUnit(this.db, name);
        if (now.id !== id) throw new StaleCopy();
      }
    }
    const text = now.unit ? JSON.stringify(now.unit) : null;
    // A file that already says it (a whole copy resumed after a stopped worker) is left as it is.
    if (text === was) return;
    if (text !== null) await folder.write(file, text);
    else await folder.remove(file);
  }

  /** The unit of a study card: the paper of its note, or of its takeaway's key. */
  private async paperOfCard(cardId: string): Promise<string | null> {
    if (cardId.startsWith('note:')) {
      const note = await this.db.notes.get(cardId.slice('note:'.length));
      return note ? paperUnit(note.paperId) : null;
    }
    if (cardId.startsWith('takeaway:')) {
      const key = cardId.slice('takeaway:'.length);
      const paper = await this.db.papers.where('keys').equals(key).first();
      return paper ? paperUnit(paper.id) : null;
    }
    return null;
  }

  /** Every unit the database has, and every one the folder has (written again or removed). */
  private async everyUnit(folder: CopyFolder): Promise<string[]> {
    const ids = new Set<number>();
    await this.db.notes.orderBy('paperId').eachUniqueKey((k) => void ids.add(k as number));
    await this.db.highlights.orderBy('paperId').eachUniqueKey((k) => void ids.add(k as number));
    const units = new Set([...ids].map(paperUnit));
    units.add(OWN);
    // Papers whose only trace is their takeaway's study card.
    const keys = (await this.db.reviewCards.toCollection().primaryKeys())
      .filter((k) => k.startsWith('takeaway:'))
      .map((k) => k.slice('takeaway:'.length));
    for (const p of await this.db.papers.where('keys').anyOf(keys).primaryKeys()) units.add(paperUnit(p));
    for (const n of await folder.names()) {
      const u = unitOfFile(n);
      if (u) units.add(u);
    }
    return [...units];
  }

  /**
   * The database's copy id, once the folder is known to copy it; null while the database has none
   * (the open check, `opened`, gives it one). A folder that does not name this database yet (a new
   * copy, one whose full writing was cut short, or a stranger's) is written whole, a little later
   * (the page that opened has its own work first); what a stranger's files hold is merged in by
   * that writing, file by file.
   */
  private async confirm(folder: CopyFolder): Promise<string | null> {
    const id = (await this.db.meta.get(DATABASE_ID))?.value;
    if (typeof id !== 'string') return null;
    if (this.confirmed === id) return id;
    const there = (await folder.read(ID_FILE))?.trim();
    if (there !== id) {
      if (!this.all) this.allNotBefore = Date.now() + this.fullDelayMs;
      this.all = true;
    }
    this.confirmed = id;
    return id;
  }

  /**
   * Every unit of the folder merged into the database found without its copy id; the library is
   * told when anything came back.
   */
  private async mergeFolder(db: TakeawayDB, folder: CopyFolder) {
    const units: CopyUnit[] = [];
    for (const n of await folder.names()) {
      if (!unitOfFile(n)) continue;
      const unit = parseUnit((await folder.read(n)) ?? '');
      if (unit) units.push(unit);
      else this.opts.onError?.(new Error(`safety copy: ${n} is damaged and was left out`));
    }
    if (!units.length) return;
    // Into an empty database every record is added: the trashed ones among them are said apart.
    const inTrash = units.reduce(
      (n, u) => n + [...u.data.notes, ...u.data.highlights].filter((r) => r.deletedAt !== undefined).length,
      0,
    );
    await this.noteRestored(db, await mergeUnits(db, units), 'open', inTrash);
  }

  /** What a merge brought back, kept for the library to say (added to what it has not yet said). */
  private async noteRestored(db: TakeawayDB, report: ImportReport, why: Restored['why'], inTrash = 0) {
    const restored = { ...restoredOf(report, why), ...(inTrash ? { inTrash } : {}) };
    if (!anything(restored)) return;
    this.brought = this.brought ? addRestored(this.brought, restored) : restored;
    const before = (await db.meta.get(RESTORED))?.value as Restored | undefined;
    await db.meta.put({ key: RESTORED, value: before ? addRestored(before, restored) : restored });
  }

  /**
   * Called when the database opens, before anything else may read it (Dexie's `ready`, with its
   * privileged handle). A database without a copy id is new (a first install, or a library from
   * before the copy existed), or was deleted by the browser: whatever the folder holds is merged
   * in (nothing, for the first two), and the database takes the folder's id, or a new one.
   */
  async opened(vip: TakeawayDB): Promise<void> {
    if (typeof (await vip.meta.get(DATABASE_ID))?.value === 'string') return;
    const folder = await this.folder();
    if (!folder) return;
    try {
      await locked(OPEN_LOCK, async () => {
        if (typeof (await vip.meta.get(DATABASE_ID))?.value === 'string') return;
        const there = (await folder.read(ID_FILE))?.trim();
        if ((await folder.names()).some((n) => unitOfFile(n) !== null)) await this.mergeFolder(vip, folder);
        await vip.meta.put({ key: DATABASE_ID, value: there || crypto.randomUUID() });
        this.confirmed = null;
      });
    } catch (e) {
      // Tried again at the next open; the database itself opens as it is.
      this.opts.onError?.(e);
    }
  }

  /**
   * At a browser start: the whole copy is written again at once, each file first merged back when
   * it holds what the database lacks (writes it dropped), each left alone when it is already right.
   * Returns what came back, or null.
   */
  async reconcile(): Promise<Restored | null> {
    this.all = true;
    this.allNotBefore = 0;
    this.brought = null;
    await this.flush();
    return this.brought;
  }
}

type Row = { paperId?: unknown; id?: unknown };

/** The units a write touches. `before`: the rows a delete removes, read first. */
function unitsOf(
  table: string,
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
  before: readonly (Row | undefined)[],
): string[] | 'all' {
  if (req.type === 'deleteRange') return 'all';
  if (table === 'packs' || table === 'packSummaries') return [OWN];
  if (table === 'reviewCards') {
    const keys: unknown[] = req.type === 'delete' ? req.keys : req.values.map((v) => (v as Row).id);
    return keys.filter((k): k is string => typeof k === 'string').map((k) => CARD + k);
  }
  if (table === 'papers') {
    const keys: unknown[] =
      req.type === 'delete' ? req.keys : (res.results ?? req.values.map((v) => (v as Row).id));
    return keys.filter((k): k is number => typeof k === 'number').map(paperUnit);
  }
  const rows = req.type === 'delete' ? before : (req.values as Row[]);
  return rows.flatMap((r) => (typeof r?.paperId === 'number' ? [paperUnit(r.paperId)] : []));
}

const WATCHED = new Set(['papers', 'notes', 'highlights', 'packs', 'packSummaries', 'reviewCards']);

/**
 * Tells the safety copy which units each committed transaction changed. Writes that fail, and
 * transactions that abort, tell it nothing.
 */
export function safetyMiddleware(copy: SafetyCopy): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'takeaway-safety-copy',
    create(down) {
      const pending = new WeakMap<object, { units: Set<string>; all: boolean }>();
      const note = (trans: object, units: string[] | 'all') => {
        let p = pending.get(trans);
        if (!p) {
          const entry = { units: new Set<string>(), all: false };
          p = entry;
          pending.set(trans, entry);
          const target = trans as Partial<EventTarget>;
          if (typeof target.addEventListener === 'function')
            target.addEventListener('complete', () => copy.changed(entry.all ? 'all' : entry.units));
          else queueMicrotask(() => copy.changed(entry.all ? 'all' : entry.units));
        }
        if (units === 'all') p.all = true;
        else for (const u of units) p.units.add(u);
      };
      return {
        ...down,
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (!WATCHED.has(name)) return table;
          return {
            ...table,
            async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
              const before =
                req.type === 'delete' && (name === 'notes' || name === 'highlights')
                  ? ((await table.getMany({ trans: req.trans, keys: req.keys })) as (Row | undefined)[])
                  : [];
              const res = await table.mutate(req);
              note(req.trans, unitsOf(name, req, res, before));
              return res;
            },
          };
        },
      };
    },
  };
}

/** Attach a safety copy to a database: its middleware, and its check at every open. */
export function attachSafetyCopy(
  db: TakeawayDB,
  openFolder: () => Promise<CopyFolder | null>,
  opts: SafetyCopyOptions = {},
): SafetyCopy {
  const copy = new SafetyCopy(db, openFolder, opts);
  db.use(safetyMiddleware(copy));
  db.on('ready', (vip) => copy.opened(vip as TakeawayDB), true);
  copy.takePending();
  // A page checks, once it has had its time, that the copy is whole (a library from before the
  // copy existed is then written); the worker does it at a browser start (reconcile), not at every
  // wake, where it would open the database for nothing.
  if (typeof document !== 'undefined') setTimeout(() => void copy.flush(), opts.fullDelayMs ?? FULL_DELAY_MS);
  return copy;
}
