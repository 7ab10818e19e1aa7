/**
 * Compiles validated summaries into the index layout of format.ts. Runs in Node (CLI, WXT build)
 * and, being free of Node APIs, in tests and any extension page.
 *
 * Memory is what limits a million-summary build, so per-record state lives in typed arrays and a
 * few strings (identifiers and titles, needed for duplicates and related lists), while each
 * record's JSON goes to a RecordSpill: kept in memory for small builds, written to temporary files
 * grouped by shard for large ones (build/summaries-fs.ts). Nothing is written to the sink until
 * every check has passed.
 */
import { deflateSync } from 'fflate';
import { KeyRegistry, U32List, kindOfKey } from '../summaries/duplicates';
import { keysOf, normaliseKey, normaliseTitle, type KeyKind } from '../summaries/keys';
import type { Summary } from '../summaries/schema';
import type { Issue } from '../summaries/validate';
import {
  BLOCK_RECORDS,
  DICTIONARY_FILE,
  HASH_NAME,
  INDEX_FORMAT,
  MANIFEST_FILE,
  MAX_SLOTS,
  SLOT_BITS,
  conceptKey,
  conceptPath,
  encodeShard,
  filterChunkPath,
  shardPath,
  type ConceptEntry,
  type IndexManifest,
} from './format';
import { buildFuse, encodeFuseChunk, fuseChunkCount } from './fuse';
import { hashKey, shardOf } from './hash';
import { computeRelated, conceptMembers, type RelatedTable } from './related';

export interface BuiltFile {
  path: string;
  bytes: Uint8Array;
}

/** Where each record goes: its shard and slot, and `loc` = shard * MAX_SLOTS + slot. */
interface ShardLayout {
  shardBits: number;
  shards: number;
  recShard: Uint32Array;
  recSlot: Uint32Array;
  loc: (record: number) => number;
}

/** The indexed keys (registry positions) listed shard by shard, from `keyShardStart[s]`. */
interface KeyTables {
  keyShardStart: Uint32Array;
  keyOrder: Uint32Array;
  keyShard: (key: number) => number;
}

/** The distinct key hashes, sorted, with the shard of each; `count` are filled. */
interface FilterKeys {
  fHi: Uint32Array;
  fLo: Uint32Array;
  fShard: Uint32Array;
  count: number;
}

interface BuiltFilter {
  fuse: ReturnType<typeof buildFuse>;
  segmentsPerChunk: number;
  chunks: number;
  filterBits: number;
}

/** Receives each finished file (path relative to the index folder). */
export type FileSink = (path: string, bytes: Uint8Array) => void | Promise<void>;

/** Raw deflate, optionally with a preset dictionary; the reader inflates with fflate. */
export type Compressor = (data: Uint8Array, dictionary?: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export const fflateCompressor: Compressor = (data, dictionary) =>
  deflateSync(data, dictionary ? { level: 6, dictionary } : { level: 6 });

/** Where record JSON waits between the two passes. Groups must hold whole shards (see below). */
export interface RecordSpill {
  /**
   * Records are grouped by the top `groupBits` bits of their primary key hash. When the index has
   * at least that many shard bits, each group holds whole shards and is encoded on its own.
   */
  readonly groupBits: number;
  put(id: number, primaryHi: number, json: string): void | Promise<void>;
  groups(): AsyncIterable<Array<[number, string]>> | Iterable<Array<[number, string]>>;
  dispose?(): void | Promise<void>;
}

export class MemorySpill implements RecordSpill {
  readonly groupBits = 0;
  private readonly items: Array<[number, string]> = [];
  put(id: number, _primaryHi: number, json: string): void {
    this.items.push([id, json]);
  }
  *groups(): Iterable<Array<[number, string]>> {
    yield this.items;
  }
}

export interface BuildOptions {
  edition: string;
  built?: string;
  /** Average records per shard; a shard is read whole on a lookup. */
  recordsPerShard?: number;
  /**
   * Smallest fingerprint of the key filter: 16 bits gives a false-positive rate of 1 in 65 536.
   * With more than one shard the fingerprint is what a 32-bit slot leaves beside the shard number.
   */
  filterBits?: 8 | 16;
  relatedLimit?: number;
  /** Size of one key-filter chunk file; a lookup reads one chunk. */
  filterChunkBytes?: number;
  compress?: Compressor;
  spill?: RecordSpill;
  /** How many shards may be compressing and writing at once (for asynchronous compressors). */
  concurrency?: number;
  /** Receives the duration of each build step, for the CLI's `--timing`. */
  timing?: (step: string, ms: number) => void;
}

export interface BuildResult {
  ok: boolean;
  issues: Issue[];
  manifest: IndexManifest | null;
  files: number;
  bytes: number;
}

/** What the builder reads from a summary besides its JSON. */
export type IndexedFields = Pick<Summary, 'doi' | 'pmid' | 'pmcid' | 'title' | 'evidence_level' | 'concepts'>;

/** The fields of a summary the builder needs, without its texts (cheap to pass between threads). */
export function indexedFields(s: Summary): IndexedFields {
  return {
    ...(s.doi ? { doi: s.doi } : {}),
    ...(s.pmid ? { pmid: s.pmid } : {}),
    ...(s.pmcid ? { pmcid: s.pmcid } : {}),
    ...(s.title ? { title: s.title } : {}),
    evidence_level: s.evidence_level,
    concepts: s.concepts,
  };
}

export interface RecordOrigin {
  path: string;
  line: number;
  lineOf?: (field: string) => number | undefined;
}

const DICTIONARY_SIZE = 32 * 1024;
const MIN_DICTIONARY_RECORDS = 256;
const CONCEPTS_PER_BUCKET = 512;
const FILTER_CHUNK_BYTES = 1024 * 1024;

export class IndexBuilder {
  private readonly opts: Required<Omit<BuildOptions, 'built' | 'spill'>> & {
    built: string;
    spill: RecordSpill;
  };
  private readonly registry = new KeyRegistry();
  private readonly keyStart = new U32List();
  private readonly level = new U32List();
  private readonly doi: (string | undefined)[] = [];
  private readonly pmid: (string | undefined)[] = [];
  private readonly pmcid: (string | undefined)[] = [];
  private readonly title: (string | undefined)[] = [];
  private readonly conceptStart = new U32List();
  private readonly conceptIds = new U32List();
  private readonly vocabulary = new Map<string, number>();
  private readonly conceptNames: string[] = [];
  private readonly issues: Issue[] = [];
  private pending: Promise<void>[] = [];
  private n = 0;

  constructor(opts: BuildOptions) {
    this.opts = {
      timing: () => {},
      recordsPerShard: 128,
      filterBits: 16,
      relatedLimit: 5,
      filterChunkBytes: FILTER_CHUNK_BYTES,
      compress: fflateCompressor,
      concurrency: 8,
      built: new Date().toISOString(),
      spill: new MemorySpill(),
      ...opts,
    } as IndexBuilder['opts'];
    this.keyStart.push(0);
    this.conceptStart.push(0);
  }

  get count(): number {
    return this.n;
  }

  /**
   * Add one validated summary. Its JSON goes to the spill; only what later steps need stays here.
   * A caller that already has the JSON (a validation worker) may pass it with just the fields the
   * index is built from.
   */
  add(summary: IndexedFields, at: RecordOrigin, json?: string): void {
    const keys = keysOf(summary);
    if (keys.length === 0) {
      this.issues.push({
        severity: 'error',
        path: at.path,
        line: at.line,
        message: 'no usable key: give a doi, pmid, pmcid or a title of at least four words',
      });
      return;
    }
    const id = this.registry.addRecord(at.path);
    for (const key of keys) this.registry.addKey(id, key, at.lineOf?.(kindOfKey(key)) ?? at.line);
    this.keyStart.push(this.registry.keyCount);
    this.level.push(summary.evidence_level);
    this.doi.push(summary.doi);
    this.pmid.push(summary.pmid);
    this.pmcid.push(summary.pmcid);
    this.title.push(summary.title);
    for (const c of summary.concepts) {
      const k = conceptKey(c.name);
      let cid = this.vocabulary.get(k);
      if (cid === undefined) {
        cid = this.conceptNames.length;
        this.vocabulary.set(k, cid);
        this.conceptNames.push(c.name);
      }
      this.conceptIds.push(cid);
    }
    this.conceptStart.push(this.conceptIds.length);
    const put = this.opts.spill.put(
      id,
      this.registry.hi.get(this.keyStart.get(id)),
      json ?? JSON.stringify(summary),
    );
    if (put) this.pending.push(put);
    this.n++;
  }

  private keyOf(rec: number, kind: KeyKind): string | undefined {
    const v = { doi: this.doi, pmid: this.pmid, pmcid: this.pmcid, title: this.title }[kind][rec];
    if (v === undefined) return undefined;
    if (kind === 'title') return `title:${normaliseTitle(v)}`;
    return `${kind}:${normaliseKey(kind, v)}`;
  }

  /**
   * Check duplicates, then encode and hand every file to `sink`, the manifest last. With
   * `validateOnly` (or when a check fails) nothing reaches the sink.
   */
  /**
   * Check the whole edition, then write it: duplicates, the shard layout, the filter, related
   * papers, the shards (second pass over the records), concepts and the manifest, each timed.
   * Nothing reaches the sink unless every check passed.
   */
  async finish(sink: FileSink, options: { validateOnly?: boolean } = {}): Promise<BuildResult> {
    await Promise.all(this.pending);
    this.pending = [];
    let t = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      this.opts.timing(name, now - t);
      t = now;
    };
    const dup = this.registry.checkDuplicates(
      (rec, kind) => this.keyOf(rec, kind),
      (rec) => Boolean(this.doi[rec] ?? this.pmid[rec] ?? this.pmcid[rec]),
    );
    const issues = [...this.issues, ...dup.issues];
    const ok = !issues.some((i) => i.severity === 'error');
    step('duplicates');
    if (!ok || options.validateOnly) return { ok, issues, manifest: null, files: 0, bytes: 0 };

    const layout = this.layoutShards();
    const keys = this.keyTables(layout, dup.dropped);
    const distinct = this.filterKeys(keys);
    step('layout');
    const filter = this.buildFilter(layout.shardBits, distinct);
    step('filter');
    const graph = {
      n: this.n,
      vocabulary: this.conceptNames.length,
      start: this.conceptStart.view(),
      ids: this.conceptIds.view(),
    };
    const related = computeRelated(graph, this.opts.relatedLimit);
    step('related');

    const out = { files: 0, bytes: 0 };
    const write = async (path: string, data: Uint8Array) => {
      out.files++;
      out.bytes += data.byteLength;
      await sink(path, data);
    };
    const { dictionary, maxBlockBytes } = await this.writeShards(layout, keys, related, write);
    step('shards');
    await write(DICTIONARY_FILE, dictionary);
    for (let c = 0; c < filter.chunks; c++)
      await write(
        filterChunkPath(c, filter.chunks),
        encodeFuseChunk(filter.fuse, filter.segmentsPerChunk, c),
      );
    const conceptBits = await this.writeConcepts(graph, layout.loc, write);
    step('concepts');

    const manifest: IndexManifest = {
      format: INDEX_FORMAT,
      hash: HASH_NAME,
      edition: this.opts.edition,
      built: this.opts.built,
      count: this.n,
      keys: distinct.count,
      shardBits: layout.shardBits,
      shards: layout.shards,
      slotBits: SLOT_BITS,
      blockRecords: BLOCK_RECORDS,
      maxBlockBytes,
      filterBits: filter.filterBits,
      filter: {
        bits: filter.fuse.bits,
        valueBits: filter.fuse.valueBits,
        seed: filter.fuse.seed,
        segmentLength: filter.fuse.segmentLength,
        segmentCount: filter.fuse.segmentCount,
        segmentsPerChunk: filter.segmentsPerChunk,
        chunks: filter.chunks,
      },
      conceptBits,
      concepts: this.conceptNames.length,
      bytes: 0,
      files: [MANIFEST_FILE, DICTIONARY_FILE],
    };
    // The manifest states the installed size including itself; its own digits settle in two rounds.
    const enc = new TextEncoder();
    let text = JSON.stringify(manifest);
    for (let round = 0; round < 3; round++) {
      manifest.bytes = out.bytes + enc.encode(text).byteLength;
      text = JSON.stringify(manifest);
    }
    await write(MANIFEST_FILE, enc.encode(text));
    return { ok: true, issues, manifest, files: out.files, bytes: out.bytes };
  }

  /**
   * Shards: enough for about recordsPerShard records each, and never more than MAX_SLOTS in one.
   * Each record goes to the shard of its primary key's hash, at the next free slot.
   */
  private layoutShards(): ShardLayout {
    const n = this.n;
    const hi = this.registry.hi.view();
    const keyStart = this.keyStart.view();
    let shardBits = 0;
    while (n / 2 ** shardBits > this.opts.recordsPerShard) shardBits++;
    let recShard = new Uint32Array(n);
    const recSlot = new Uint32Array(n);
    for (;;) {
      const fill = new Uint32Array(2 ** shardBits);
      let overflow = false;
      for (let r = 0; r < n; r++) {
        const s = shardOf(hi[keyStart[r] as number] as number, shardBits);
        recShard[r] = s;
        const slot = fill[s] as number;
        recSlot[r] = slot;
        fill[s] = slot + 1;
        if (slot + 1 >= MAX_SLOTS) overflow = true;
      }
      if (!overflow) break;
      shardBits++;
      recShard = new Uint32Array(n);
    }
    const shards = 2 ** shardBits;
    return {
      shardBits,
      shards,
      recShard,
      recSlot,
      loc: (r) => (recShard[r] as number) * MAX_SLOTS + (recSlot[r] as number),
    };
  }

  /**
   * Key tables: every indexed key goes to the shard of its record, so that one read answers a
   * lookup by any key; the filter tells the reader which shard that is. Keys are listed shard by
   * shard (`keyOrder`, from `keyShardStart[s]`), duplicates left out.
   */
  private keyTables(layout: ShardLayout, dropped: ArrayLike<unknown>): KeyTables {
    const { shards, recShard } = layout;
    const keyRec = this.registry.rec.view();
    const keyCount = this.registry.keyCount;
    const keyShard = (i: number) => recShard[keyRec[i] as number] as number;
    const keyShardStart = new Uint32Array(shards + 1);
    for (let i = 0; i < keyCount; i++) {
      if (dropped[i]) continue;
      const s = keyShard(i) + 1;
      keyShardStart[s] = (keyShardStart[s] as number) + 1;
    }
    for (let s = 0; s < shards; s++)
      keyShardStart[s + 1] = (keyShardStart[s + 1] as number) + (keyShardStart[s] as number);
    const keyOrder = new Uint32Array(keyShardStart[shards] as number);
    const fill = keyShardStart.slice(0, shards);
    for (let i = 0; i < keyCount; i++) {
      if (dropped[i]) continue;
      const s = keyShard(i);
      const at = fill[s] as number;
      keyOrder[at] = i;
      fill[s] = at + 1;
    }
    return { keyShardStart, keyOrder, keyShard };
  }

  /** The distinct hashes of the indexed keys, sorted, each carrying its record's shard. */
  private filterKeys(keys: KeyTables): FilterKeys {
    const hi = this.registry.hi.view();
    const lo = this.registry.lo.view();
    const { keyOrder, keyShard } = keys;
    const byHash = keyOrder
      .slice()
      .sort((a, b) => (hi[a] as number) - (hi[b] as number) || (lo[a] as number) - (lo[b] as number));
    const fHi = new Uint32Array(byHash.length);
    const fLo = new Uint32Array(byHash.length);
    const fShard = new Uint32Array(byHash.length);
    let count = 0;
    for (let k = 0; k < byHash.length; k++) {
      const i = byHash[k] as number;
      const h = hi[i] as number;
      const l = lo[i] as number;
      if (count > 0 && fHi[count - 1] === h && fLo[count - 1] === l) {
        // Two different keys with one 64-bit hash (about one chance in 10^7 at a million summaries)
        // can share a route only when their records share a shard.
        if (fShard[count - 1] !== keyShard(i))
          throw new Error(
            `two keys share the 64-bit hash ${h.toString(16)}${l.toString(16).padStart(8, '0')}; build with another recordsPerShard`,
          );
        continue;
      }
      fHi[count] = h;
      fLo[count] = l;
      fShard[count++] = keyShard(i);
    }
    return { fHi, fLo, fShard, count };
  }

  /**
   * The binary fuse filter over the distinct keys. One shard needs no route; otherwise slots are
   * 32 bits, and what the route leaves over (at least 16 bits below 65 536 shards) is fingerprint.
   * It is written in chunks of about filterChunkBytes: one for a small edition, a dozen or so at a
   * million.
   */
  private buildFilter(shardBits: number, keys: FilterKeys): BuiltFilter {
    const routeBits = shardBits;
    if (routeBits > 32 - this.opts.filterBits)
      throw new Error(`${2 ** shardBits} shards leave no room for ${this.opts.filterBits}-bit fingerprints`);
    const fuse =
      routeBits === 0
        ? buildFuse(keys.fHi, keys.fLo, keys.count, this.opts.filterBits)
        : buildFuse(keys.fHi, keys.fLo, keys.count, 32 - routeBits, {
            values: keys.fShard,
            valueBits: routeBits,
          });
    const segmentBytes = fuse.segmentLength * ((fuse.bits + fuse.valueBits) / 8);
    const segmentsPerChunk = Math.max(1, Math.floor(this.opts.filterChunkBytes / segmentBytes));
    return {
      fuse,
      segmentsPerChunk,
      chunks: fuseChunkCount(fuse, segmentsPerChunk),
      filterBits: routeBits === 0 ? this.opts.filterBits : 32 - routeBits,
    };
  }

  /**
   * The second pass: group by group (as the spill returns them), shard by shard, blocks of records
   * compressed with a dictionary sampled from the first records seen, and each shard's key table.
   * At most `concurrency` shards are being compressed at once.
   */
  private async writeShards(
    layout: ShardLayout,
    keys: KeyTables,
    related: RelatedTable,
    write: (path: string, data: Uint8Array) => Promise<void>,
  ): Promise<{ dictionary: Uint8Array; maxBlockBytes: number }> {
    const { shardBits, shards, recShard, recSlot, loc } = layout;
    const { keyShardStart, keyOrder } = keys;
    const lo = this.registry.lo.view();
    const keyRec = this.registry.rec.view();
    const n = this.n;
    const compress = this.opts.compress;
    const enc = new TextEncoder();
    let dictionary: Uint8Array | null = null;
    let maxBlockBytes = 0;
    const spill = this.opts.spill;
    const groupBits = shardBits >= spill.groupBits ? spill.groupBits : 0;
    const merged: Array<[number, string]> = [];
    let group = 0;
    const inflight: Promise<void>[] = [];
    const encodeGroup = async (records: Array<[number, string]>, from: number, to: number) => {
      const byShard = new Map<number, Array<[number, string]>>();
      for (const item of records) {
        const s = recShard[item[0]] as number;
        const list = byShard.get(s);
        if (list) list.push(item);
        else byShard.set(s, [item]);
      }
      // Below a few hundred records a dictionary would cost more than it saves.
      if (!dictionary && records.length > 0)
        dictionary =
          n >= MIN_DICTIONARY_RECORDS ? this.sampleDictionary(records, related, enc) : new Uint8Array(0);
      for (let s = from; s < to; s++) {
        const list = (byShard.get(s) ?? []).sort(
          (a, b) => (recSlot[a[0]] as number) - (recSlot[b[0]] as number),
        );
        const blocks: Array<Uint8Array | Promise<Uint8Array>> = [];
        for (let b = 0; b < list.length; b += BLOCK_RECORDS) {
          const text = list
            .slice(b, b + BLOCK_RECORDS)
            .map(([id, json]) => this.storedLine(id, json, related))
            .join('\n');
          const raw = enc.encode(text);
          maxBlockBytes = Math.max(maxBlockBytes, raw.byteLength);
          blocks.push(compress(raw, dictionary?.length ? dictionary : undefined));
        }
        const k0 = keyShardStart[s] as number;
        const k1 = keyShardStart[s + 1] as number;
        const sorted = new Float64Array(k1 - k0);
        // lo * 2^20 + position sorts by low hash half and keeps the key it came from.
        for (let k = k0; k < k1; k++)
          sorted[k - k0] = (lo[keyOrder[k] as number] as number) * 1048576 + (k - k0);
        sorted.sort();
        const keyLo = new Uint32Array(k1 - k0);
        const keyLoc = new Uint32Array(k1 - k0);
        for (let j = 0; j < sorted.length; j++) {
          const v = sorted[j] as number;
          const i = keyOrder[k0 + (v % 1048576)] as number;
          keyLo[j] = lo[i] as number;
          keyLoc[j] = loc(keyRec[i] as number);
        }
        const shard = s;
        const recordCount = list.length;
        inflight.push(
          Promise.all(blocks).then((done) =>
            write(shardPath(shard, shardBits), encodeShard(keyLo, keyLoc, recordCount, done)),
          ),
        );
        if (inflight.length >= this.opts.concurrency) await inflight.shift();
      }
    };
    for await (const records of spill.groups()) {
      if (groupBits === 0) {
        for (const r of records) merged.push(r);
        continue;
      }
      const per = 2 ** (shardBits - groupBits);
      await encodeGroup(records, group * per, (group + 1) * per);
      group++;
    }
    if (groupBits === 0) await encodeGroup(merged, 0, shards);
    else if (group !== 2 ** groupBits)
      throw new Error(`record spill returned ${group} groups, expected ${2 ** groupBits}`);
    await Promise.all(inflight);
    await spill.dispose?.();
    return { dictionary: dictionary ?? new Uint8Array(0), maxBlockBytes };
  }

  /** The related list of a record as RelatedRef JSON, written directly (a million times over). */
  private relatedJson(id: number, related: RelatedTable): string {
    let out = '[';
    for (let k = 0; k < related.limit; k++) {
      const j = related.target[id * related.limit + k] as number;
      if (j < 0) break;
      const doi = this.doi[j];
      const pmid = this.pmid[j];
      const title =
        this.title[j] ?? (doi ? `DOI ${doi}` : pmid ? `PMID ${pmid}` : (this.pmcid[j] ?? 'Untitled paper'));
      const ref =
        JSON.stringify(title) +
        (doi === undefined ? ',null' : `,${JSON.stringify(doi)}`) +
        (pmid === undefined ? ',null' : `,${JSON.stringify(pmid)}`) +
        `,${this.level.get(j)},${related.mask[id * related.limit + k] as number}`;
      out += `${k > 0 ? ',' : ''}[${ref}]`;
    }
    return `${out}]`;
  }

  private storedLine(id: number, json: string, related: RelatedTable): string {
    // The summary JSON is spliced in as text: it was serialised once, on the way into the spill.
    // The shape is StoredRecord: {"s": Summary, "r": RelatedRef[]}.
    return `{"s":${json},"r":${this.relatedJson(id, related)}}`;
  }

  /** A deflate dictionary from records spread over the sample, most typical material last. */
  private sampleDictionary(
    records: Array<[number, string]>,
    related: RelatedTable,
    enc: TextEncoder,
  ): Uint8Array {
    const parts: string[] = [];
    let size = 0;
    const step = Math.max(1, Math.floor(records.length / 48));
    for (let i = 0; i < records.length && size < DICTIONARY_SIZE; i += step) {
      const [id, json] = records[i] as [number, string];
      const line = this.storedLine(id, json, related);
      parts.push(line);
      size += line.length;
    }
    const bytes = enc.encode(parts.join('\n'));
    return bytes.subarray(Math.max(0, bytes.length - DICTIONARY_SIZE));
  }

  private async writeConcepts(
    graph: { n: number; vocabulary: number; start: Uint32Array; ids: Uint32Array },
    loc: (r: number) => number,
    write: (path: string, data: Uint8Array) => Promise<void>,
  ): Promise<number> {
    const v = this.conceptNames.length;
    let conceptBits = 0;
    while (v / 2 ** conceptBits > CONCEPTS_PER_BUCKET) conceptBits++;
    const buckets: Array<Array<[string, ConceptEntry]>> = Array.from({ length: 2 ** conceptBits }, () => []);
    const { start, members } = conceptMembers(graph);
    for (let c = 0; c < v; c++) {
      const name = this.conceptNames[c] as string;
      const key = conceptKey(name);
      const locs = Array.from(members.subarray(start[c], start[c + 1]), loc).sort((a, b) => a - b);
      const deltas = locs.map((x, i) => (i === 0 ? x : x - (locs[i - 1] as number)));
      buckets[shardOf(hashKey(key)[0], conceptBits)]?.push([key, [name, locs.length, deltas]]);
    }
    const enc = new TextEncoder();
    for (let b = 0; b < buckets.length; b++) {
      const entries = (buckets[b] ?? []).sort((x, y) => (x[0] < y[0] ? -1 : 1)).map((e) => e[1]);
      await write(conceptPath(b, conceptBits), await this.opts.compress(enc.encode(JSON.stringify(entries))));
    }
    return conceptBits;
  }
}

/**
 * Compile validated summaries in memory (tests, small editions, packs). Throws on duplicate keys:
 * callers validate with collectSummaries first, which reports them with file and line.
 */
export async function buildIndex(
  summaries: Summary[],
  edition: string,
  built = new Date().toISOString(),
  options: Omit<BuildOptions, 'edition' | 'built'> = {},
): Promise<BuiltFile[]> {
  const builder = new IndexBuilder({ ...options, edition, built });
  summaries.forEach((s, i) => builder.add(s, { path: 'summaries', line: i + 1 }));
  const files: BuiltFile[] = [];
  const result = await builder.finish((path, bytes) => {
    files.push({ path, bytes });
  });
  if (!result.ok)
    throw new Error(
      result.issues.map((i) => `${i.path}:${i.line}: ${i.message}`).join('\n') || 'index build failed',
    );
  return files;
}
