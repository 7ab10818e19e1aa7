import { hashKeyInto } from '../index/hash';
import type { KeyKind } from './keys';
import type { Issue } from './validate';

/** A growable Uint32Array: a million records' worth of numbers without a million JS objects. */
export class U32List {
  private buf: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buf = new Uint32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i] as number;
  }
  set(i: number, v: number): void {
    this.buf[i] = v;
  }
  /** The filled part, without copying. */
  view(): Uint32Array {
    return this.buf.subarray(0, this.length);
  }
}

const KIND_CODE: Record<KeyKind, number> = { doi: 0, pmid: 1, pmcid: 2, title: 3 };
export const KIND_NAMES: readonly KeyKind[] = ['doi', 'pmid', 'pmcid', 'title'];

export function kindOfKey(key: string): KeyKind {
  return key.slice(0, key.indexOf(':')) as KeyKind;
}

export interface DuplicateReport {
  issues: Issue[];
  /** Records that must not ship (a later copy of an identifier already summarised). */
  rejected: Set<number>;
  /** Per key (registry order): 1 when the key must not be indexed (an ambiguous title). */
  dropped: Uint8Array;
}

/**
 * Every lookup key of an edition with the record and line it came from, kept as 64-bit hashes in
 * typed arrays so a million summaries fit in tens of megabytes. Duplicates are found by sorting the
 * hashes, then confirmed on the exact key strings (a hash collision is not a duplicate).
 */
export class KeyRegistry {
  readonly hi = new U32List();
  readonly lo = new U32List();
  readonly rec = new U32List();
  readonly kind = new U32List();
  readonly line = new U32List();
  private readonly recPath = new U32List();
  private readonly paths: string[] = [];
  private readonly pathIds = new Map<string, number>();
  private readonly h = new Uint32Array(2);
  records = 0;

  /** Register a record (in input order) and return its number. */
  addRecord(path: string): number {
    let p = this.pathIds.get(path);
    if (p === undefined) {
      p = this.paths.length;
      this.paths.push(path);
      this.pathIds.set(path, p);
    }
    this.recPath.push(p);
    return this.records++;
  }

  addKey(rec: number, key: string, line: number): void {
    hashKeyInto(key, this.h, 0);
    this.hi.push(this.h[0] as number);
    this.lo.push(this.h[1] as number);
    this.rec.push(rec);
    this.kind.push(KIND_CODE[kindOfKey(key)]);
    this.line.push(line);
  }

  get keyCount(): number {
    return this.hi.length;
  }

  pathOf(rec: number): string {
    return this.paths[this.recPath.get(rec)] ?? '?';
  }

  /**
   * Identifiers (DOI, PMID, PMCID) used twice are errors: two summaries of one paper would make the
   * answer depend on file order. A shared title is an error when either record has nothing else to
   * be found by, and otherwise a warning: different papers do share titles, so the title is simply
   * not used to find either of them.
   */
  checkDuplicates(
    keyOf: (rec: number, kind: KeyKind) => string | undefined,
    hasIdentifier: (rec: number) => boolean,
  ): DuplicateReport {
    const n = this.keyCount;
    const report: DuplicateReport = { issues: [], rejected: new Set(), dropped: new Uint8Array(n) };
    const hi = this.hi.view();
    const lo = this.lo.view();
    const all = new BigUint64Array(n);
    for (let i = 0; i < n; i++) all[i] = (BigInt(hi[i] as number) << 32n) | BigInt(lo[i] as number);
    all.sort();
    const dupHi = new Set<number>();
    for (let i = 1; i < n; i++) if (all[i] === all[i - 1]) dupHi.add(Number((all[i] as bigint) >> 32n));
    if (dupHi.size === 0) return report;

    const groups = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (!dupHi.has(hi[i] as number)) continue;
      const key = keyOf(this.rec.get(i), KIND_NAMES[this.kind.get(i)] as KeyKind);
      if (key === undefined) continue;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
    const at = (i: number) => `${this.pathOf(this.rec.get(i))}:${this.line.get(i)}`;
    const issue = (severity: Issue['severity'], i: number, message: string) =>
      report.issues.push({
        severity,
        path: this.pathOf(this.rec.get(i)),
        line: this.line.get(i),
        field: KIND_NAMES[this.kind.get(i)],
        message,
      });
    const flagged = new Set<string>();
    const ordered = [...groups.entries()].filter(([, g]) => g.length > 1);
    // Identifiers first, so a pair already reported by DOI is not reported again by its title.
    ordered.sort((a, b) => this.kind.get(a[1][0] as number) - this.kind.get(b[1][0] as number));
    for (const [key, g] of ordered) {
      g.sort((a, b) => this.rec.get(a) - this.rec.get(b) || a - b);
      const first = g[0] as number;
      const r0 = this.rec.get(first);
      const isTitle = KIND_NAMES[this.kind.get(first)] === 'title';
      for (const i of g.slice(1)) {
        const r = this.rec.get(i);
        if (r === r0) continue;
        const pair = `${r0}:${r}`;
        if (!isTitle) {
          issue('error', i, `duplicate ${key}: already summarised at ${at(first)}`);
          report.rejected.add(r);
          flagged.add(pair);
        } else if (flagged.has(pair)) {
          continue;
        } else if (!hasIdentifier(r0) || !hasIdentifier(r)) {
          issue('error', i, `duplicate ${key}: already summarised at ${at(first)}`);
          report.rejected.add(r);
        } else {
          issue(
            'warning',
            i,
            `same title as ${at(first)}, a paper with other identifiers: the title will not be used to find either`,
          );
          for (const j of g) report.dropped[j] = 1;
        }
      }
    }
    return report;
  }
}
