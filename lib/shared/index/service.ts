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

export interface IndexServiceOptions {
  /** Shards kept after use (each a few tens of kB). */
  shardCache?: number;
  /** Parsed records kept after use (each a few kB). */
  recordCache?: number;
}

interface Core {
  manifest: IndexManifest;
  dictionary: Uint8Array;
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

/** A small LRU on a Map's insertion order. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
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
  delete(k: K): void {
    this.map.delete(k);
  }
}

/**
 * Answers lookups from the compiled index. A worker that wakes loads the manifest and the
 * dictionary, then the one chunk of the key filter its first key needs; a miss is answered from the
 * filter alone, and a hit reads the one shard the filter names, whichever key it came by, and
 * inflates one block of it.
 */
export class IndexService {
  private core: Core | null = null;
  private corePromise: Promise<Core> | null = null;
  private readonly shards: Lru<number, Promise<Shard>>;
  private readonly chunks = new Map<number, Slots | Promise<Slots>>();
  private readonly records: Lru<number, StoredRecord>;
  private readonly hash = new Uint32Array(2);
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly load: IndexFileLoader,
    options: IndexServiceOptions = {},
  ) {
    this.shards = new Lru(options.shardCache ?? 64);
    this.records = new Lru(options.recordCache ?? 256);
  }

  private init(): Promise<Core> {
    this.corePromise ??= Promise.all([
      this.load(MANIFEST_FILE).then((m) => {
        const manifest = JSON.parse(this.decoder.decode(m)) as IndexManifest;
        if (manifest.format !== INDEX_FORMAT || manifest.hash !== HASH_NAME)
          throw new Error(`index format ${manifest.format}/${manifest.hash} is not supported`);
        return manifest;
      }),
      this.load(DICTIONARY_FILE),
    ])
      .then(([manifest, dictionary]) => {
        const scratch = new Uint8Array((manifest.maxBlockBytes ?? 0) + 1);
        this.core = { manifest, dictionary, scratch };
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
   * The filter chunk holding a key's slots. Chunks are kept once read: all of them together are the
   * whole filter, about 4.5 bytes per key.
   */
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

  /** True when some key of the paper may be in the index: the filter alone, no shard read. */
  async mayContain(ids: PaperIds): Promise<boolean> {
    const core = this.core ?? (await this.init());
    for (const key of keysOf(ids)) {
      hashKeyInto(key, this.hash, 0);
      if ((await this.route(core, this.hash[0] as number, this.hash[1] as number)) >= 0) return true;
    }
    return false;
  }

  /** The shard holding the record of a key that may be present, or -1 when it is certainly absent. */
  private route(core: Core, hi: number, lo: number): number | Promise<number> {
    const f = core.manifest.filter;
    const i = fuseChunkOf(f, hi, f.segmentsPerChunk);
    const start = fuseChunkRange(f, f.segmentsPerChunk, i)[0];
    const slots = this.chunk(core, i);
    return slots instanceof Promise
      ? slots.then((sl) => fuseGetIn(f, sl, start, hi, lo))
      : fuseGetIn(f, slots, start, hi, lo);
  }

  /** The summary for a paper, trying every identifier it has (DOI, PMID, PMCID, then title). */
  async lookup(ids: PaperIds): Promise<SummaryHit | null> {
    const core = this.core ?? (await this.init());
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
      const shard = await this.shard(route);
      for (const at of findKey(shard, lo)) {
        const rec = await this.record(core, at);
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

  private shard(i: number): Promise<Shard> {
    const cached = this.shards.get(i);
    if (cached) return cached;
    const core = this.core as Core;
    const p = this.load(shardPath(i, core.manifest.shardBits)).then(decodeShard);
    p.catch(() => this.shards.delete(i));
    this.shards.set(i, p);
    return p;
  }

  private async record(core: Core, at: number): Promise<StoredRecord | null> {
    const cached = this.records.get(at);
    if (cached) return cached;
    const shard = await this.shard(Math.floor(at / MAX_SLOTS));
    const slot = at % MAX_SLOTS;
    const per = core.manifest.blockRecords;
    const b = Math.floor(slot / per);
    if (b + 1 >= shard.blockOffsets.length) return null;
    const packed = shard.data.subarray(shard.blockOffsets[b], shard.blockOffsets[b + 1]);
    const dict = core.dictionary.length > 0 ? { dictionary: core.dictionary } : {};
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
    return rec;
  }
}
