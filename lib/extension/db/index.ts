/**
 * The reader's own data: one Dexie database, "takeaway", opened only in extension-origin documents
 * that are top level (background, popup, review page). The note frame, embedded in a web page, is
 * refused IndexedDB by Chromium and goes through the background (lib/extension/note-frame-store).
 * The entity types live in lib/shared/model, which every context may import; this module may be
 * imported only in lib/extension (the linter holds it): in a content script its IndexedDB would
 * belong to the journal's origin.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { State } from 'ts-fsrs';
import type { Highlight, Note, Paper, PaperSummaryInfo } from '../../shared/model';
import type { RelatedSummary, Summary } from '../../shared/summaries/schema';
import type { SummaryPrefill } from '../../shared/editor-params';
import type { FormField, SummaryForm } from '../../shared/summaries/form';
import { defineUpgrades } from './upgrades';
import { attachSafetyCopy, type SafetyCopy } from './safety-copy';
import { opfsFolder } from './safety-files';

export type {
  Highlight,
  HighlightColor,
  Note,
  Paper,
  PaperSighting,
  TextPositionSelector,
  TextQuoteSelector,
  PaperSummaryInfo,
} from '../../shared/model';

/** A summary pack the reader imported (an organisation's summaries, used beside the bundled index). */
export interface Pack {
  id: string;
  name: string;
  /** Where it came from: file name, publisher. */
  source: string;
  count: number;
  bytes: number;
  importedAt: number;
  /** The reader's own summaries, written in the summary editor ("Your summaries"): at most one such pack. */
  own?: boolean;
  /** Who wrote them, as the reader gave it (asked once, editable in the library). */
  author?: string;
}

/** One summary of a pack, under every lookup key of its paper. */
export interface PackSummary {
  id?: number;
  packId: string;
  keys: string[];
  /** The validated Summary, as in lib/summaries/schema. */
  summary: Summary;
  /** Related summaries within the same pack, computed on import (absent in older rows). */
  related?: RelatedSummary[];
  /** Set on the reader's own summaries: when written and last changed, and their tags. */
  own?: OwnSummaryInfo;
}

/** What the reader's own pack keeps about each of its summaries beyond the summary itself. */
export interface OwnSummaryInfo {
  createdAt: number;
  updatedAt: number;
  tags: string[];
}

/** A summary being written: the editor's inputs, autosaved as they are typed, until it is saved. */
export interface SummaryDraft {
  /** The paper's strongest lookup key (`doi:…`, `pmid:…`). */
  key: string;
  /** What the editor was opened with (identifiers, glance offers), so a reopened draft has them. */
  prefill: SummaryPrefill;
  form: SummaryForm;
  /** Inputs holding text taken from the abstract that the writer has not yet confirmed or edited. */
  unconfirmed: FormField[];
  tags: string[];
  updatedAt: number;
}

/** What is stored per studied card: FSRS state with dates as epoch milliseconds (plain JSON, backup-safe). */
export interface ReviewCard {
  /** `note:<note id>` or `takeaway:<first key of the paper>`. */
  id: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review?: number;
  /** First rating: new cards introduced per day are counted from it. */
  createdAt: number;
  updatedAt: number;
}

/** One cached library lookup. `sig` names the index edition and packs it came from, so a new edition refreshes it. */
export interface CachedSummary {
  paperId: number;
  sig: string;
  /** The paper's `updatedAt` when looked up: a merge that adds identifiers makes it stale. */
  paperUpdatedAt: number;
  summary: PaperSummaryInfo | null;
}

/** Small facts about the database itself (the last backup's date). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * A PDF the reader chose to keep in this browser. Stored only when "Keep a copy in this browser"
 * is ticked in the viewer; in a backup only when the reader asks for it.
 */
export interface PdfCopy {
  /** The file's fingerprint (pdf.js `fingerprints[0]`, lowercased): its paper has the key `pdf:<id>`. */
  id: string;
  /** The file's name as the reader opened it. */
  name: string;
  /** Size in bytes. */
  size: number;
  bytes: Uint8Array;
  keptAt: number;
}

/** Every table, as the schema history in ./upgrades defines it. */
export type TakeawayDB = Dexie & {
  papers: EntityTable<Paper, 'id'>;
  notes: EntityTable<Note, 'id'>;
  highlights: EntityTable<Highlight, 'id'>;
  packs: EntityTable<Pack, 'id'>;
  packSummaries: EntityTable<PackSummary, 'id'>;
  reviewCards: Table<ReviewCard, string>;
  summaryCache: Table<CachedSummary, number>;
  meta: Table<MetaRow, string>;
  summaryDrafts: Table<SummaryDraft, string>;
  pdfCopies: Table<PdfCopy, string>;
};

export const DB_NAME = 'takeaway';

/** Schema history, one dated file per version in ./upgrades: each keeps the data of the one before. */
export function defineSchema(db: Dexie): void {
  defineUpgrades(db);
}

export function openDatabase(name = DB_NAME): TakeawayDB {
  const db = new Dexie(name) as TakeawayDB;
  defineSchema(db);
  return db;
}

let instance: TakeawayDB | null = null;
let copy: SafetyCopy | null = null;

/** The database of this extension-origin document, with its safety copy (./safety-copy.ts). */
export function getDb(): TakeawayDB {
  if (!instance) {
    instance = openDatabase();
    copy = attachSafetyCopy(instance, () => opfsFolder(), {
      onError: (e: unknown) => console.warn('Takeaway: the safety copy was not written', e),
    });
  }
  return instance;
}

/** The safety copy of this document's database (null until `getDb` was called). */
export function getSafetyCopy(): SafetyCopy | null {
  return copy;
}
