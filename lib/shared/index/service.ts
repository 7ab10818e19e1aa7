import { inflateSync } from 'fflate';
import type { PaperIds } from '../identify/types';
import { kindOfKey } from '../summaries/duplicates';
import { keysOf } from '../summaries/keys';
import type { RelatedSummary, SummaryHit } from '../summaries/schema';
import {
  DICTIONARY_FILE,
  HASH_NAME,
  INDEX_FORMAT,
  MANIFEST_FILE,
  MAX_SLOTS,
  conceptKey,
  conceptPath,
  decodeShard,
  expandRelated,
  filterChunkPath,
  findKey,
  shardPath,
  type ConceptEntry,
  type IndexManifest,
  type Shard,
  type StoredRecord,
} from './format';
import { decodeFuseChunk, fuseChunkOf, fuseChunkRange, fuseGetIn, type Slots } from './fuse';
import { hashKeyInto, shardOf } from './hash';
import { acceptsMatch } from './match';
import { displayTitle } from './related';

/** Reads a file of the compiled index, relative to the index folder. */
export type IndexFileLoader = (path: string) => Promise<Uint8Array>;
/** Reads bytes [start, end) of a file of the compiled index. */
export type IndexRangeLoader = (path: string, start: number, end: number) => Promise<Uint8Array>;

/**
 * Bytes of shard files kept in memory. A shard is held as the bytes read (decoding only makes views
 * on them), about 300 bytes per summary: this holds a whole 100k-summary edition (31 MB) with room
 * to spare, and a tenth of a million-summary one. A memory budget rather than a size every context
 * agrees on, so it stays beside its cache and not in ../limits.ts.
 */
export const SHARD_BYTES = 40 * 2 ** 20;
/**
 * A worker that has read this many shards on demand is a busy one (a list page, the library, a
 * reader going from paper to paper): it then reads the rest of an edition that fits the budget.
 */
export const READ_AHEAD_AFTER = 8;
/**
 * Keys of one filter chunk answered from a window of it before the lookups wait for the whole
 * chunk: enough for the identifiers of a page or two, few enough that a list page of a woken worker
 * does not turn into hundreds of small reads.
 */
const WINDOW_READS_PER_CHUNK = 8;
/** fuse.ts's chunk file (encodeFuseChunk): magic, first slot, slot count, each a u32, then the slots. */
const CHUNK_HEADER = 12;
/**
 * The texts of the records looked up in a session: a few thousand papers (a record is 1-3 kB of
 * JSON), so that every paper seen in a day's reading answers from memory.
 */
export const RECORD_TEXT_BYTES = 8 * 1024 * 1024;
const NOT_LATIN1 = /[\u0100-\uffff]/;

export interface IndexServiceOptions {
  /** Bytes of shards kept after use (SHARD_BYTES unless given); least recently used go first. */
  shardBytes?: number;
  /** Parsed records kept after use (each a few kB). */
  recordCache?: number;
  /**
   * The manifest, when the caller has it already (the worker's build carries it): the first lookup
   * then starts at the filter, one file read sooner.
   */
  manifest?: IndexManifest;
  /**
   * Bytes of record text kept after use (RECORD_TEXT_BYTES unless given): a paper seen earlier in
   * the session, beyond the parsed few, is answered by parsing its text again, without inflating
   * its block.
   */
  recordTextBytes?: number;
  /**
   * Once the worker has read READ_AHEAD_AFTER shards, read the rest of the filter and every other
   * shard in the background, one at a time, when the whole edition fits the budget; never evicts to
   * do it.
   */
  readAhead?: boolean;
  /**
   * Reading part of a file. A woken worker then finds a key in the window of its filter chunk that
   * holds the key's three slots (tens of kB) instead of waiting for the whole chunk (up to a MB),
   * and reads the whole chunk once it has answered.
   */
  loadRange?: IndexRangeLoader;
}

/** What the service holds in memory, for the bench and the worker's console. */
export interface IndexMemory {
  shards: number;
  shardBytes: number;
  shardBudget: number;
  filterChunks: number;
  filterBytes: number;
  dictionaryBytes: number;
  records: number;
  /** Records whose text is kept, and the bytes it takes. */
  recordTexts: number;
  recordTextBytes: number;
  /** Whether the rest of the edition is being (or has been) read ahead. */
  readAhead: 'no' | 'reading' | 'done' | 'too big';
}

interface Core {
  manifest: IndexManifest;
  /** Read beside the first shard: a miss never needs it. */
  dictionary: Uint8Array | null;
  /**
   * Every block is inflated into this one buffer, and only the record asked for becomes a string:
   * a lookup then allocates little more than its answer, which keeps garbage collection (and the
   * slowest lookups with it) rare. One byte longer than the largest block, to detect a bad manifest.
   */
  scratch: Uint8Array;
}

export interface ConceptSummaries {
  name: string;
  /** How many summaries carry the concept (the list may be shorter). */
  total: number;
  summaries: RelatedSummary[];
}

/** A small LRU by count on a Map's insertion order (parsed records). */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get size(): number {
    return this.map.size;
  }
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: K, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
}

/**
 * An LRU that counts bytes: entries are dropped, least recently used first, until what is held fits
 * the budget. An entry larger than the whole budget is not kept (and evicts nothing).
 */
export class ByteLru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private held = 0;
  constructor(readonly budget: number) {}
  /** Bytes held. */
  get bytes(): number {
    return this.held;
  }
  get size(): number {
    return this.map.size;
  }
  /** The value, now the most recently used. */
  get(k: K): V | undefined {
    const e = this.map.get(k);
    if (e === undefined) return undefined;
    this.map.delete(k);
    this.map.set(k, e);
    return e.value;
  }
  /** Whether k is held, without touching its recency. */
  has(k: K): boolean {
    return this.map.has(k);
  }
  /** Keep a value of `bytes` bytes; false when it is larger than the budget (then not kept). */
  set(k: K, value: V, bytes: number): boolean {
    this.delete(k);
    if (bytes > this.budget) return false;
    this.map.set(k, { value, bytes });
    this.held += bytes;
    for (const [old, e] of this.map) {
      if (this.held <= this.budget) break;
      this.map.delete(old);
      this.held -= e.bytes;
    }
    return true;
  }
  delete(k: K): void {
    const e = this.map.get(k);
    if (e === undefined) return;
    this.map.delete(k);
    this.held -= e.bytes;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Slots of `width` bytes from little-endian bytes (an aligned view when possible, else a copy). */
function slotsFrom(bytes: Uint8Array, width: number): Slots {
  const n = bytes.byteLength / width;
  if (width === 1) return bytes;
  if (LITTLE_ENDIAN && bytes.byteOffset % width === 0)
    return width === 2
      ? new Uint16Array(bytes.buffer, bytes.byteOffset, n)
      : new Uint32Array(bytes.buffer, bytes.byteOffset, n);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = width === 2 ? new Uint16Array(n) : new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = width === 2 ? dv.getUint16(2 * i, true) : dv.getUint32(4 * i, true);
  return out;
}

/**
 * Answers lookups from the compiled index. A worker that wakes loads the manifest, then the one
 * chunk of the key filter its first key needs (or, given `loadRange`, the window of it that holds
 * the key); a miss is answered from the filter alone, and a hit reads the one shard the filter
 * names, whichever key it came by, with the dictionary, and inflates one block of it.
 *
 * Kept while the worker lives: the manifest, the dictionary, every filter chunk read (all of them
 * together are the whole filter, about 4.5 bytes per key), shards within a byte budget, and the
 * last records parsed. Reading a packaged file is what a hit costs in a browser (a few ms a file,
 * against a fraction of one to inflate a block), so a busy worker reads the rest of an edition that
 * fits the budget ahead of its lookups.
 */
export class IndexService {
  private core: Core | null = null;
  private corePromise: Promise<Core> | null = null;
  private dictionaryPromise: Promise<Uint8Array> | null = null;
  private readonly shards: ByteLru<number, Shard>;
  /** Shard reads under way, so that two lookups in one shard read it once. */
  private readonly reading = new Map<number, Promise<Shard>>();
  private readonly chunks = new Map<number, Slots | Promise<Slots>>();
  /** Keys of each chunk answered from a window of it, and chunks to read whole after the answer. */
  private readonly windowReads = new Map<number, number>();
  private readonly wholeLater = new Set<number>();
  private windowsFailed = false;
  private readonly records: Lru<number, StoredRecord>;
  private readonly texts: ByteLru<number, string>;
  private demandReads = 0;
  private ahead: IndexMemory['readAhead'] = 'no';
  private readonly hash = new Uint32Array(2);
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly load: IndexFileLoader,
    private readonly options: IndexServiceOptions = {},
  ) {
    this.shards = new ByteLru(options.shardBytes ?? SHARD_BYTES);
    this.records = new Lru(options.recordCache ?? 256);
    this.texts = new ByteLru(options.recordTextBytes ?? RECORD_TEXT_BYTES);
  }

  private init(): Promise<Core> {
    const given = this.options.manifest;
    this.corePromise ??= (given ? Promise.resolve(given) : this.load(MANIFEST_FILE))
      .then((m) => {
        const manifest = m instanceof Uint8Array ? (JSON.parse(this.decoder.decode(m)) as IndexManifest) : m;
        if (manifest.format !== INDEX_FORMAT || manifest.hash !== HASH_NAME)
          throw new Error(`index format ${manifest.format}/${manifest.hash} is not supported`);
        const scratch = new Uint8Array((manifest.maxBlockBytes ?? 0) + 1);
        this.core = { manifest, dictionary: null, scratch };
        return this.core;
      })
      .catch((e: unknown) => {
        // A failed start (file missing mid-update) must not poison every later lookup.
        this.corePromise = null;
        throw e;
      });
    return this.corePromise;
  }

  /**
   * The deflate dictionary, read once. A woken worker reads it beside its first shard rather than
   * beside the manifest: reads at once slow each other, and only a hit needs it.
   */
  private dictionary(core: Core): Uint8Array | Promise<Uint8Array> {
    if (core.dictionary) return core.dictionary;
    this.dictionaryPromise ??= this.load(DICTIONARY_FILE).then(
      (d) => (core.dictionary = d),
      (e: unknown) => {
        this.dictionaryPromise = null;
        throw e;
      },
    );
    return this.dictionaryPromise;
  }

  /** The filter chunk holding a key's slots, read whole and kept. */
  private chunk(core: Core, i: number): Slots | Promise<Slots> {
    const f = core.manifest.filter;
    const have = this.chunks.get(i);
    if (have) return have;
    const p = this.load(filterChunkPath(i, f.chunks)).then((bytes) => {
      const slots = decodeFuseChunk(bytes, f, f.segmentsPerChunk, i);
      this.chunks.set(i, slots);
      return slots;
    });
    p.catch(() => this.chunks.delete(i));
    this.chunks.set(i, p);
    return p;
  }

  async getManifest(): Promise<IndexManifest> {
    return (this.core ?? (await this.init())).manifest;
  }

  /** What is held in memory now. */
  memory(): IndexMemory {
    let filterBytes = 0;
    let filterChunks = 0;
    for (const c of this.chunks.values())
      if (!(c instanceof Promise)) {
        filterChunks++;
        filterBytes += c.byteLength;
      }
    return {
      shards: this.shards.size,
      shardBytes: this.shards.bytes,
      shardBudget: this.shards.budget,
      filterChunks,
      filterBytes,
      dictionaryBytes: this.core?.dictionary?.byteLength ?? 0,
      records: this.records.size,
      recordTexts: this.texts.size,
      recordTextBytes: this.texts.bytes,
      readAhead: this.ahead,
    };
  }

  /** True when some key of the paper may be in the index: the filter alone, no shard read. */
  async mayContain(ids: PaperIds): Promise<boolean> {
    const core = this.core ?? (await this.init());
    try {
      for (const key of keysOf(ids)) {
        hashKeyInto(key, this.hash, 0);
        if ((await this.route(core, this.hash[0] as number, this.hash[1] as number)) >= 0) return true;
      }
      return false;
    } finally {
      this.readWholeLater(core);
    }
  }

  /** The shard holding the record of a key that may be present, or -1 when it is certainly absent. */
  private route(core: Core, hi: number, lo: number): number | Promise<number> {
    const f = core.manifest.filter;
    const i = fuseChunkOf(f, hi, f.segmentsPerChunk);
    const start = fuseChunkRange(f, f.segmentsPerChunk, i)[0];
    const have = this.chunks.get(i);
    if (have !== undefined && !(have instanceof Promise)) return fuseGetIn(f, have, start, hi, lo);
    if (this.options.loadRange && !this.windowsFailed) {
      const n = this.windowReads.get(i) ?? 0;
      if (n < WINDOW_READS_PER_CHUNK) {
        this.windowReads.set(i, n + 1);
        if (have === undefined) this.wholeLater.add(i);
        return this.routeInWindow(core, this.options.loadRange, i, hi, lo);
      }
    }
    const slots = have ?? this.chunk(core, i);
    return slots instanceof Promise
      ? slots.then((sl) => fuseGetIn(f, sl, start, hi, lo))
      : fuseGetIn(f, slots, start, hi, lo);
  }

  /**
   * route() from the key's window of its chunk: the three consecutive segments its slots lie in.
   * The window is not checked against the chunk's header, a second read that costs a woken worker
   * about 3 ms: a wrong window can only turn a hit into a miss, never into another paper's summary
   * (every record found must carry the key asked for, acceptsMatch), and the whole chunk, read and
   * checked right after the answer, makes a damaged filter fail loudly from then on. Any failure (a
   * loader that cannot read part of a file) reads the whole chunk instead, and windows are not
   * tried again.
   */
  private async routeInWindow(
    core: Core,
    loadRange: IndexRangeLoader,
    i: number,
    hi: number,
    lo: number,
  ): Promise<number> {
    const f = core.manifest.filter;
    const [start, end] = fuseChunkRange(f, f.segmentsPerChunk, i);
    const width = (f.bits + f.valueBits) / 8;
    // fuseChunkOf with one segment a chunk is the key's first segment.
    const first = fuseChunkOf(f, hi, 1) * f.segmentLength;
    const last = Math.min(end, first + 3 * f.segmentLength);
    try {
      const window = await loadRange(
        filterChunkPath(i, f.chunks),
        CHUNK_HEADER + (first - start) * width,
        CHUNK_HEADER + (last - start) * width,
      );
      if (window.byteLength !== (last - first) * width)
        throw new Error(`key filter chunk ${i}: window not read`);
      return fuseGetIn(f, slotsFrom(window, width), first, hi, lo);
    } catch {
      this.windowsFailed = true;
      const slots = await this.chunk(core, i);
      return fuseGetIn(f, slots, start, hi, lo);
    }
  }

  /** Chunks answered from windows are read whole once the worker has answered (not before it). */
  private readWholeLater(core: Core): void {
    if (this.wholeLater.size === 0) return;
    const later = [...this.wholeLater];
    this.wholeLater.clear();
    setTimeout(() => {
      for (const i of later) {
        const c = this.chunk(core, i);
        if (c instanceof Promise) c.catch(() => undefined);
      }
    }, 0);
  }

  /** The summary for a paper, trying every identifier it has (DOI, PMID, PMCID, then title). */
  async lookup(ids: PaperIds): Promise<SummaryHit | null> {
    const core = this.core ?? (await this.init());
    try {
      return await this.lookupIn(core, ids);
    } finally {
      this.readWholeLater(core);
    }
  }

  private async lookupIn(core: Core, ids: PaperIds): Promise<SummaryHit | null> {
    const keys = keysOf(ids);
    // Every key is routed before any is awaited: in a worker that has just woken, the filter chunks
    // of a DOI, a PMID and a title are then read together instead of one after another.
    const los: number[] = [];
    const routes = keys.map((key) => {
      hashKeyInto(key, this.hash, 0);
      los.push(this.hash[1] as number);
      const r = this.route(core, this.hash[0] as number, this.hash[1] as number);
      // A later key's chunk may fail after an earlier key has answered: nobody awaits it then.
      if (typeof r !== 'number') r.catch(() => undefined);
      return r;
    });
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const lo = los[k] as number;
      const r = routes[k] as number | Promise<number>;
      const route = typeof r === 'number' ? r : await r;
      if (route < 0 || route >= core.manifest.shards) continue;
      const shard = this.shards.get(route) ?? (await this.shard(core, route));
      for (const at of findKey(shard, lo)) {
        // The shard in hand, even one too large to keep, is not read again for its record.
        const inHand = Math.floor(at / MAX_SLOTS) === route ? shard : undefined;
        const rec = this.records.get(at) ?? (await this.record(core, at, inHand));
        if (rec && acceptsMatch(ids, rec.s, key, kindOfKey(key))) {
          return {
            summary: rec.s,
            origin: 'bundled',
            related: expandRelated(rec),
            edition: { name: core.manifest.edition, built: core.manifest.built },
          };
        }
      }
    }
    return null;
  }

  /** Summaries that carry a concept (case and spacing ignored), strongest evidence first. */
  async concept(name: string, limit = 20): Promise<ConceptSummaries | null> {
    const core = this.core ?? (await this.init());
    const key = conceptKey(name);
    hashKeyInto(key, this.hash, 0);
    const bucket = shardOf(this.hash[0] as number, core.manifest.conceptBits);
    const raw = await this.load(conceptPath(bucket, core.manifest.conceptBits));
    const entries = JSON.parse(this.decoder.decode(inflateSync(raw))) as ConceptEntry[];
    const entry = entries.find((e) => conceptKey(e[0]) === key);
    if (!entry) return null;
    const [display, total, deltas] = entry;
    const summaries: RelatedSummary[] = [];
    let at = 0;
    for (const d of deltas) {
      at += d;
      const rec = await this.record(core, at);
      if (!rec) continue;
      const s = rec.s;
      summaries.push({
        title: displayTitle(s),
        ...(s.doi ? { doi: s.doi } : {}),
        ...(s.pmid ? { pmid: s.pmid } : {}),
        evidence_level: s.evidence_level,
        shared: [display],
      });
      if (summaries.length >= limit * 4) break;
    }
    summaries.sort((a, b) => a.evidence_level - b.evidence_level);
    return { name: display, total, summaries: summaries.slice(0, limit) };
  }

  /** A shard: held, being read, or read now (on demand, which may start the read-ahead). */
  private shard(core: Core, i: number): Shard | Promise<Shard> {
    const held = this.shards.get(i);
    if (held) return held;
    const reading = this.reading.get(i);
    if (reading) return reading;
    const d = this.dictionary(core);
    if (d instanceof Promise) d.catch(() => undefined);
    const p = this.read(core, i);
    // Started after this read, which it then finds under way rather than starting again.
    if (++this.demandReads === READ_AHEAD_AFTER && this.options.readAhead) void this.readAhead(core);
    return p;
  }

  private read(core: Core, i: number): Promise<Shard> {
    const p = this.load(shardPath(i, core.manifest.shardBits)).then((bytes) => {
      const shard = decodeShard(bytes);
      // Held as read: the decoded shard is views on these bytes.
      this.shards.set(i, shard, bytes.byteLength);
      return shard;
    });
    this.reading.set(i, p);
    const done = () => this.reading.delete(i);
    p.then(done, done);
    return p;
  }

  /**
   * Every filter chunk and shard not yet held, one read at a time so that the lookups' own reads are
   * never queued behind many. Only when the whole edition fits the budget (its installed bytes bound
   * its shards), so reading ahead never evicts a shard a lookup used; a failed read (the extension
   * updating) stops it.
   */
  private async readAhead(core: Core): Promise<void> {
    if (core.manifest.bytes > this.shards.budget) {
      this.ahead = 'too big';
      return;
    }
    this.ahead = 'reading';
    try {
      for (let i = 0; i < core.manifest.filter.chunks; i++) await this.chunk(core, i);
      for (let i = 0; i < core.manifest.shards; i++) {
        if (this.shards.has(i)) continue;
        await (this.reading.get(i) ?? this.read(core, i));
      }
      this.ahead = 'done';
    } catch {
      this.ahead = 'no';
    }
  }

  private async record(core: Core, at: number, inHand?: Shard): Promise<StoredRecord | null> {
    const cached = this.records.get(at);
    if (cached) return cached;
    const kept = this.texts.get(at);
    if (kept !== undefined) {
      const rec = JSON.parse(kept) as StoredRecord;
      this.records.set(at, rec);
      return rec;
    }
    const i = Math.floor(at / MAX_SLOTS);
    const shard = inHand ?? this.shards.get(i) ?? (await this.shard(core, i));
    const slot = at % MAX_SLOTS;
    const per = core.manifest.blockRecords;
    const b = Math.floor(slot / per);
    if (b + 1 >= shard.blockOffsets.length) return null;
    const packed = shard.data.subarray(shard.blockOffsets[b], shard.blockOffsets[b + 1]);
    const dictionary = core.dictionary ?? (await this.dictionary(core));
    const dict = dictionary.length > 0 ? { dictionary } : {};
    let block = inflateSync(packed, { ...dict, out: core.scratch });
    if (block.length >= core.scratch.length) block = inflateSync(packed, dict);
    // Records are JSON Lines within the block: find the one asked for, decode only its bytes.
    let start = 0;
    for (let k = slot % per; k > 0 && start >= 0; k--) start = block.indexOf(10, start) + 1 || -1;
    if (start < 0) return null;
    const end = block.indexOf(10, start);
    const text = this.decoder.decode(block.subarray(start, end < 0 ? block.length : end));
    const rec = JSON.parse(text) as StoredRecord;
    this.records.set(at, rec);
    // What the engine stores: a byte a character for Latin-1 text (most records), else two.
    this.texts.set(at, text, (NOT_LATIN1.test(text) ? 2 : 1) * text.length + 64);
    return rec;
  }
}
