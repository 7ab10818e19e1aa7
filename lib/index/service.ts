import type { PaperIds } from '../identify/types';
import { keysOf } from '../summaries/keys';
import type { SummaryHit } from '../summaries/schema';
import { INDEX_FORMAT, type IndexManifest, type IndexRecords } from './format';

/** Reads a file of the compiled index, relative to the index folder. */
export type IndexFileLoader = (path: string) => Promise<Uint8Array>;

/**
 * Answers lookups from the compiled index. Files are loaded on first use and kept, so a worker
 * that wakes pays only for what its first lookup needs.
 */
export class IndexService {
  private manifest: Promise<IndexManifest> | null = null;
  private records: Promise<IndexRecords> | null = null;

  constructor(private readonly load: IndexFileLoader) {}

  private async json<T>(path: string): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.load(path))) as T;
  }

  getManifest(): Promise<IndexManifest> {
    this.manifest ??= this.json<IndexManifest>('manifest.json').then((m) => {
      if (m.format !== INDEX_FORMAT) throw new Error(`index format ${m.format} is not supported`);
      return m;
    });
    return this.manifest;
  }

  /** The summary for a paper, trying every identifier it has (DOI, PMID, PMCID, then title). */
  async lookup(ids: PaperIds): Promise<SummaryHit | null> {
    const manifest = await this.getManifest();
    this.records ??= this.json<IndexRecords>('records.json');
    const records = await this.records;
    for (const key of keysOf(ids)) {
      const i = records.keys[key];
      if (i === undefined || !Object.prototype.hasOwnProperty.call(records.keys, key)) continue;
      const summary = records.summaries[i];
      if (!summary) continue;
      return {
        summary,
        origin: 'bundled',
        related: records.related[i] ?? [],
        edition: { name: manifest.edition, built: manifest.built },
      };
    }
    return null;
  }
}
