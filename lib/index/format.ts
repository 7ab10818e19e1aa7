import type { RelatedSummary, Summary } from '../summaries/schema';

/** Version of the compiled index layout; the reader refuses what it does not know. */
export const INDEX_FORMAT = 1;

export interface IndexManifest {
  format: number;
  edition: string;
  built: string;
  count: number;
  files: string[];
}

/** First layout: one records file with a key table. */
export interface IndexRecords {
  summaries: Summary[];
  related: RelatedSummary[][];
  /** key (`doi:…`, `pmid:…`, `pmcid:…`, `title:…`) → position in `summaries`. */
  keys: Record<string, number>;
}
