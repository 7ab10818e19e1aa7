/**
 * Layout of the compiled index (what ships under `index/` in the extension):
 *
 * - `manifest.json`: edition, counts and the parameters below; read first.
 * - `filter/<hex>.bin`: a binary fuse filter over the 64-bit hash of every key (`doi:…`, `pmid:…`,
 *   `pmcid:…`, `title:…`), whose slots also carry the number of the shard holding the key's record.
 *   A miss stops here, without reading a shard; a hit by any key reads exactly one. Stored in
 *   chunks of whole segments (parameters in the manifest), so a lookup needs one chunk and a worker
 *   that wakes does not read the whole filter (14 MB at a million summaries) first.
 * - `dict.bin`: a deflate dictionary sampled from the records, so that small blocks compress
 *   almost as well as whole shards while a lookup inflates only the block it needs.
 * - `shards/<hex>.bin`: records, placed by the hash of their strongest key. Each shard starts with
 *   an uncompressed key table (low hash half → record location) over every key of its records, so
 *   a PMID finds the summary filed under its DOI in the same read. Then blocks of BLOCK_RECORDS
 *   records, each raw-deflated with the dictionary; a block is JSON Lines of StoredRecord.
 * - `concepts/<hex>.bin`: the concept table (concept → locations of its summaries), raw-deflated
 *   JSON, bucketed by the hash of the concept's key.
 *
 * All integers are little-endian u32.
 */
import type { EvidenceLevel, RelatedSummary, Summary } from '../summaries/schema';
import type { FuseParams } from './fuse';

/** Version of the layout; the reader refuses what it does not know. */
export const INDEX_FORMAT = 4;
/** Name of the key hash in hash.ts; part of the format. */
export const HASH_NAME = 'tw64-1';

/** A record location is `shard * 2^SLOT_BITS + slot`. */
export const SLOT_BITS = 12;
export const MAX_SLOTS = 1 << SLOT_BITS;
/** Records per compressed block: a lookup inflates one block, about 10 kB. */
export const BLOCK_RECORDS = 8;

export const MANIFEST_FILE = 'manifest.json';
export const DICTIONARY_FILE = 'dict.bin';

export interface IndexManifest {
  format: number;
  hash: string;
  edition: string;
  built: string;
  /** Number of summaries. */
  count: number;
  /** Number of distinct keys in the filter. */
  keys: number;
  shardBits: number;
  shards: number;
  slotBits: number;
  blockRecords: number;
  /** Largest inflated block, so the reader can inflate into one buffer it reuses. */
  maxBlockBytes: number;
  /** Fingerprint bits of the key filter (false-positive rate 2^-filterBits). */
  filterBits: number;
  /** The key filter's parameters and how it is cut into chunk files. */
  filter: FuseParams & { segmentsPerChunk: number; chunks: number };
  conceptBits: number;
  /** Number of distinct concepts. */
  concepts: number;
  /** Installed size of every file of the index, manifest included. */
  bytes: number;
  /** The fixed files; shards and concept buckets follow from shardBits and conceptBits. */
  files: string[];
}

/** One record as stored in a block: the summary and its related summaries, compactly. */
export interface StoredRecord {
  s: Summary;
  /** [title, doi or null, pmid or null, level, bit mask of the shared concepts in s.concepts]. */
  r: RelatedRef[];
}
export type RelatedRef = [string, string | null, string | null, EvidenceLevel, number];

export function expandRelated(rec: StoredRecord): RelatedSummary[] {
  return rec.r.map(([title, doi, pmid, level, mask]) => ({
    title,
    ...(doi ? { doi } : {}),
    ...(pmid ? { pmid } : {}),
    evidence_level: level,
    shared: rec.s.concepts.filter((_, i) => i < 32 && (mask >>> i) & 1).map((c) => c.name),
  }));
}

function hex(i: number, bits: number): string {
  return i.toString(16).padStart(Math.max(1, Math.ceil(bits / 4)), '0');
}

export function shardPath(shard: number, shardBits: number): string {
  return `shards/${hex(shard, shardBits)}.bin`;
}

export function filterChunkPath(chunk: number, chunks: number): string {
  return `filter/${hex(chunk, Math.max(1, Math.ceil(Math.log2(chunks))))}.bin`;
}

export function conceptPath(bucket: number, conceptBits: number): string {
  return `concepts/${hex(bucket, conceptBits)}.bin`;
}

/** How concepts are compared: case, width and spacing do not make two topics different. */
export function conceptKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const SHARD_MAGIC = 0x32535754; // "TWS2"
const SHARD_HEADER = 16;

export interface Shard {
  /** Low hash halves, ascending. */
  keyLo: Uint32Array;
  /** Record location of each key, parallel to keyLo. */
  keyLoc: Uint32Array;
  recordCount: number;
  /** blockCount + 1 offsets into `data`. */
  blockOffsets: Uint32Array;
  data: Uint8Array;
}

export function encodeShard(
  keyLo: Uint32Array,
  keyLoc: Uint32Array,
  recordCount: number,
  blocks: Uint8Array[],
): Uint8Array {
  const k = keyLo.length;
  const dataLen = blocks.reduce((a, b) => a + b.length, 0);
  const headLen = SHARD_HEADER + 8 * k + 4 * (blocks.length + 1);
  const out = new Uint8Array(headLen + dataLen);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, SHARD_MAGIC, true);
  dv.setUint32(4, k, true);
  dv.setUint32(8, recordCount, true);
  dv.setUint32(12, blocks.length, true);
  let at = SHARD_HEADER;
  for (let i = 0; i < k; i++, at += 4) dv.setUint32(at, keyLo[i] as number, true);
  for (let i = 0; i < k; i++, at += 4) dv.setUint32(at, keyLoc[i] as number, true);
  let off = 0;
  for (let i = 0; i <= blocks.length; i++, at += 4) {
    dv.setUint32(at, off, true);
    off += blocks[i]?.length ?? 0;
  }
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function u32s(bytes: Uint8Array, at: number, n: number, dv: DataView): Uint32Array {
  const abs = bytes.byteOffset + at;
  if (abs % 4 === 0 && new Uint8Array(new Uint32Array([1]).buffer)[0] === 1)
    return new Uint32Array(bytes.buffer, abs, n);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getUint32(at + 4 * i, true);
  return out;
}

export function decodeShard(bytes: Uint8Array): Shard {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < SHARD_HEADER || dv.getUint32(0, true) !== SHARD_MAGIC)
    throw new Error('index shard: not a Takeaway shard');
  const k = dv.getUint32(4, true);
  const recordCount = dv.getUint32(8, true);
  const blockCount = dv.getUint32(12, true);
  const headLen = SHARD_HEADER + 8 * k + 4 * (blockCount + 1);
  if (headLen > bytes.byteLength) throw new Error('index shard: truncated');
  const blockOffsets = u32s(bytes, SHARD_HEADER + 8 * k, blockCount + 1, dv);
  const data = bytes.subarray(headLen);
  if ((blockOffsets[blockCount] ?? 0) !== data.byteLength) throw new Error('index shard: truncated');
  return {
    keyLo: u32s(bytes, SHARD_HEADER, k, dv),
    keyLoc: u32s(bytes, SHARD_HEADER + 4 * k, k, dv),
    recordCount,
    blockOffsets,
    data,
  };
}

/** Locations of the records whose key has this low hash half in the shard (almost always 0 or 1). */
export function findKey(shard: Shard, lo: number): number[] {
  const a = shard.keyLo;
  let l = 0;
  let h = a.length;
  while (l < h) {
    const m = (l + h) >>> 1;
    if ((a[m] as number) < lo) l = m + 1;
    else h = m;
  }
  const out: number[] = [];
  for (let i = l; i < a.length && a[i] === lo; i++) out.push(shard.keyLoc[i] as number);
  return out;
}

/** One bucket of the concept table: [display name, number of summaries, record locations delta-coded]. */
export type ConceptEntry = [string, number, number[]];
