/**
 * The reader's own data: one Dexie database, "takeaway", opened only in extension-origin documents
 * that are top level (background, popup, review page). The note frame, embedded in a web page, is
 * refused IndexedDB by Chromium and goes through the background (lib/note-port). A content script
 * must never import this module: its IndexedDB would belong to the journal's origin
 * (tests/unit/notes/boundaries.test.ts checks).
 */
import { Dexie, type EntityTable } from 'dexie';
import type { RelatedSummary, Summary } from '../../shared/summaries/schema';
import { defineUpgrades } from './upgrades';

export interface Paper {
  id: number;
  /** Every lookup key of the paper (`doi:…`, `pmid:…`, `pmcid:…`, `title:…`), see lib/summaries/keys. */
  keys: string[];
  doi?: string;
  pmid?: string;
  pmcid?: string;
  title?: string;
  journal?: string;
  /** Addresses the paper was seen at (PubMed, PMC, publisher…), most recent last. */
  urls: string[];
  createdAt: number;
  updatedAt: number;
}

export interface Note {
  id: string;
  paperId: number;
  /** Markdown. */
  body: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** Set when moved to the trash; cleared on restore. */
  deletedAt?: number;
  /**
   * Set when two records of one paper were merged and this note's text was appended to another
   * note (that note's id). The note stays in the trash, so the merge can be undone.
   */
  mergedInto?: string;
}

/** W3C Web Annotation selectors, so a highlight can be anchored again on a changed page. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface Highlight {
  id: string;
  paperId: number;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  color: 'yellow' | 'green' | 'blue' | 'pink';
  comment?: string;
  /** Where it was made. */
  url: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

/** A summary pack the reader imported (an organisation's summaries, used beside the bundled index). */
export interface Pack {
  id: string;
  name: string;
  /** Where it came from: file name, publisher. */
  source: string;
  count: number;
  bytes: number;
  importedAt: number;
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
}

export type TakeawayDB = Dexie & {
  papers: EntityTable<Paper, 'id'>;
  notes: EntityTable<Note, 'id'>;
  highlights: EntityTable<Highlight, 'id'>;
  packs: EntityTable<Pack, 'id'>;
  packSummaries: EntityTable<PackSummary, 'id'>;
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

/** The database of this extension-origin document. */
export function getDb(): TakeawayDB {
  instance ??= openDatabase();
  return instance;
}
