/**
 * The library's search index in a packed form, for keeping it between visits. MiniSearch's own
 * JSON of a 50,000-note index is 12 MB of text whose reading builds over a million Map entries
 * (0.5–1 s on a 2-core machine, before the first search can run). Packed, the postings are three
 * typed arrays that storage hands back as they are, and each term's postings become a Map only
 * when a search or an edit first touches that term, so the index answers as soon as it is read.
 *
 * This reaches into MiniSearch's fields (the ones its own `toJSON` and `loadJS` use, format
 * version 2); the round-trip tests in tests/unit/extension/library/search-pack.test.ts compare
 * every answer of a packed and read-back index with the original, so an upgrade that changes
 * them fails there, not in a reader's library.
 */
import MiniSearch, { type Options } from 'minisearch';

/** The part of MiniSearch's inside this module reads and writes. */
interface Inside {
  _index: Map<string, Map<number, Map<number, number>>> & {
    set(term: string, data: Map<number, Map<number, number>>): unknown;
  };
}

/** What a packed index holds: a little JSON, the terms, and the postings as typed arrays. */
export interface PackedIndex {
  /** MiniSearch's own serialization with an empty term list: ids, field lengths, counts. */
  head: string;
  terms: string[];
  /** Per term: its number of fields, then (field id, number of postings) for each. */
  layout: Uint32Array;
  /** Document ids of every posting, term by term, field by field. */
  docs: Uint32Array;
  /** Term frequency of each posting. */
  freqs: Uint16Array;
}

export function isPackedIndex(v: unknown): v is PackedIndex {
  if (!v || typeof v !== 'object') return false;
  const p = v as Partial<PackedIndex>;
  return (
    typeof p.head === 'string' &&
    Array.isArray(p.terms) &&
    p.layout instanceof Uint32Array &&
    p.docs instanceof Uint32Array &&
    p.freqs instanceof Uint16Array &&
    p.docs.length === p.freqs.length
  );
}

/**
 * A term's postings in one field, read from the packed arrays only when first used. It is a Map
 * (MiniSearch reads and edits it as one); until filled it only remembers where its postings are.
 */
class PackedPostings extends Map<number, number> {
  private source: { docs: Uint32Array; freqs: Uint16Array; from: number; to: number } | null;

  constructor(docs: Uint32Array, freqs: Uint16Array, from: number, to: number) {
    super();
    this.source = { docs, freqs, from, to };
  }

  /** The packed slice, while it is still the whole truth (nothing read it as a Map yet). */
  packed(): { docs: Uint32Array; freqs: Uint16Array } | null {
    const s = this.source;
    return s ? { docs: s.docs.subarray(s.from, s.to), freqs: s.freqs.subarray(s.from, s.to) } : null;
  }

  private fill(): void {
    const s = this.source;
    if (!s) return;
    this.source = null;
    for (let i = s.from; i < s.to; i++) super.set(s.docs[i]!, s.freqs[i]!);
  }

  override get size(): number {
    const s = this.source;
    return s ? s.to - s.from : super.size;
  }
  override get(k: number): number | undefined {
    this.fill();
    return super.get(k);
  }
  override has(k: number): boolean {
    this.fill();
    return super.has(k);
  }
  override set(k: number, v: number): this {
    this.fill();
    return super.set(k, v);
  }
  override delete(k: number): boolean {
    this.fill();
    return super.delete(k);
  }
  override clear(): void {
    this.source = null;
    super.clear();
  }
  override keys(): MapIterator<number> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<number> {
    this.fill();
    return super.values();
  }
  override entries(): MapIterator<[number, number]> {
    this.fill();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[number, number]> {
    this.fill();
    return super[Symbol.iterator]();
  }
  override forEach(fn: (v: number, k: number, m: Map<number, number>) => void, self?: unknown): void {
    this.fill();
    super.forEach(fn, self);
  }
}

/** Pack an index (one built, or one read back and partly used). */
export function packIndex<T>(index: MiniSearch<T>): PackedIndex {
  const js = index.toJSON();
  const head = JSON.stringify({ ...js, index: [] });
  const inside = index as unknown as Inside;
  const terms: string[] = [];
  const layout: number[] = [];
  let total = 0;
  for (const [, data] of inside._index) for (const [, postings] of data) total += postings.size;
  const docs = new Uint32Array(total);
  const freqs = new Uint16Array(total);
  let at = 0;
  for (const [term, data] of inside._index) {
    terms.push(term);
    layout.push(data.size);
    for (const [field, postings] of data) {
      const packed = postings instanceof PackedPostings ? postings.packed() : null;
      if (packed) {
        docs.set(packed.docs, at);
        freqs.set(packed.freqs, at);
        at += packed.docs.length;
      } else {
        for (const [doc, freq] of postings) {
          docs[at] = doc;
          freqs[at] = Math.min(freq, 0xffff);
          at++;
        }
      }
      layout.push(field, postings.size);
    }
  }
  return { head, terms, layout: Uint32Array.from(layout), docs, freqs };
}

/**
 * Read a packed index back, with the options it was built with. Throws on a pack that does not
 * add up (a damaged row): the caller then builds the index from the notes.
 */
export function unpackIndex<T>(p: PackedIndex, options: Options<T>): MiniSearch<T> {
  const index = MiniSearch.loadJSON<T>(p.head, options);
  const inside = index as unknown as Inside;
  let l = 0;
  let at = 0;
  for (const term of p.terms) {
    const n = p.layout[l++];
    if (n === undefined) throw new Error('packed search index: layout ends early');
    const data = new Map<number, Map<number, number>>();
    for (let f = 0; f < n; f++) {
      const field = p.layout[l++];
      const count = p.layout[l++];
      if (field === undefined || count === undefined || at + count > p.docs.length)
        throw new Error('packed search index: postings do not add up');
      data.set(field, new PackedPostings(p.docs, p.freqs, at, at + count));
      at += count;
    }
    inside._index.set(term, data);
  }
  if (l !== p.layout.length || at !== p.docs.length)
    throw new Error('packed search index: postings do not add up');
  return index;
}
