/**
 * Reading a backup file: every record rebuilt from known fields only, with the path of the first
 * problem, the checksum and the links between records checked, before anything is written.
 */
import { isColor, isFingerprint, isPdfPage, isPosition, isQuote } from '../../shared/checks';
import {
  MAX_COMMENT,
  MAX_CONCEPT,
  MAX_CONCEPTS,
  MAX_ID,
  MAX_NOTE,
  MAX_TAG,
  MAX_TAGS,
  MAX_TITLE,
  MAX_URL,
} from '../../shared/limits';
import { STUDY_TYPES, SUMMARY_FIELDS, type RelatedSummary } from '../../shared/summaries/schema';
import type { Highlight, Note, Pack, PackSummary, Paper, ReviewCard } from '../db/index';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_BYTES,
  MAX_DEPTH,
  MAX_KEYS,
  MAX_RECORDS,
  MAX_SUMMARY_STRING,
  MAX_URLS,
  sha256,
  TABLES,
  type BackupData,
  type BackupFile,
  type BackupPdfCopy,
  type ParseResult,
} from './format';

class Invalid extends Error {}

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new Invalid(`${path}: ${what}`);
}

function obj(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  for (const k of Object.keys(v))
    if (!allowed.includes(k)) fail(path, `unexpected field “${k.slice(0, 40)}”`);
  return v as Obj;
}

function str(o: Obj, k: string, path: string, max: number, opt = false): string | undefined {
  const v = o[k];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'string') fail(`${path}.${k}`, 'expected text');
  if (v.length > max) fail(`${path}.${k}`, `text longer than ${max} characters`);
  return v;
}

function reqStr(o: Obj, k: string, path: string, max: number): string {
  return str(o, k, path, max) as string;
}

function num(o: Obj, k: string, path: string, opt = false): number | undefined {
  const v = o[k];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.${k}`, 'expected a number');
  return v;
}

function time(o: Obj, k: string, path: string, opt = false): number | undefined {
  const v = num(o, k, path, opt);
  if (v !== undefined && (v < 0 || v > 8.64e15)) fail(`${path}.${k}`, 'not a date');
  return v;
}

function reqTime(o: Obj, k: string, path: string): number {
  return time(o, k, path) as number;
}

function strList(o: Obj, k: string, path: string, maxItems: number, maxLen: number): string[] {
  const v = o[k];
  if (!Array.isArray(v)) fail(`${path}.${k}`, 'expected a list');
  if (v.length > maxItems) fail(`${path}.${k}`, `more than ${maxItems} items`);
  return v.map((x, i) => {
    if (typeof x !== 'string' || x.length > maxLen)
      fail(`${path}.${k}[${i}]`, `expected text of at most ${maxLen} characters`);
    return x;
  });
}

function list(data: Obj, k: string): unknown[] {
  const v = data[k];
  if (!Array.isArray(v)) fail(`data.${k}`, 'expected a list');
  if (v.length > MAX_RECORDS) fail(`data.${k}`, 'too many records');
  return v;
}

function unique<T>(items: T[], id: (t: T) => string | number, path: string): void {
  const seen = new Set<string | number>();
  items.forEach((t, i) => {
    const k = id(t);
    if (seen.has(k)) fail(`${path}[${i}]`, `duplicate id ${String(k).slice(0, 60)}`);
    seen.add(k);
  });
}

function paper(v: unknown, path: string): Paper {
  const o = obj(v, path, [
    'id',
    'keys',
    'doi',
    'pmid',
    'pmcid',
    'title',
    'journal',
    'concepts',
    'urls',
    'createdAt',
    'updatedAt',
  ]);
  const id = num(o, 'id', path) as number;
  if (!Number.isSafeInteger(id) || id < 1) fail(`${path}.id`, 'expected a positive whole number');
  const keys = strList(o, 'keys', path, MAX_KEYS, MAX_TITLE + 10);
  if (keys.length === 0) fail(`${path}.keys`, 'a paper needs at least one identifier');
  const p: Paper = {
    id,
    keys,
    urls: strList(o, 'urls', path, MAX_URLS, MAX_URL),
    createdAt: reqTime(o, 'createdAt', path),
    updatedAt: reqTime(o, 'updatedAt', path),
  };
  for (const k of ['doi', 'pmid', 'pmcid'] as const) {
    const s = str(o, k, path, MAX_ID, true);
    if (s !== undefined) p[k] = s;
  }
  for (const k of ['title', 'journal'] as const) {
    const s = str(o, k, path, MAX_TITLE, true);
    if (s !== undefined) p[k] = s;
  }
  if (o.concepts !== undefined) p.concepts = strList(o, 'concepts', path, MAX_CONCEPTS, MAX_CONCEPT);
  return p;
}

function note(v: unknown, path: string): Note {
  const o = obj(v, path, [
    'id',
    'paperId',
    'body',
    'tags',
    'createdAt',
    'updatedAt',
    'deletedAt',
    'mergedInto',
    'writer',
  ]);
  const n: Note = {
    id: reqStr(o, 'id', path, MAX_ID),
    paperId: num(o, 'paperId', path) as number,
    body: reqStr(o, 'body', path, MAX_NOTE),
    tags: strList(o, 'tags', path, MAX_TAGS, MAX_TAG),
    createdAt: reqTime(o, 'createdAt', path),
    updatedAt: reqTime(o, 'updatedAt', path),
  };
  const del = time(o, 'deletedAt', path, true);
  if (del !== undefined) n.deletedAt = del;
  const into = str(o, 'mergedInto', path, MAX_ID, true);
  if (into !== undefined) n.mergedInto = into;
  const writer = str(o, 'writer', path, MAX_ID, true);
  if (writer !== undefined) n.writer = writer;
  return n;
}

function highlight(v: unknown, path: string): Highlight {
  const o = obj(v, path, [
    'id',
    'paperId',
    'quote',
    'position',
    'page',
    'color',
    'comment',
    'url',
    'createdAt',
    'updatedAt',
    'deletedAt',
  ]);
  if (!isQuote(o.quote)) fail(`${path}.quote`, 'expected a W3C TextQuoteSelector');
  if (o.position !== undefined && !isPosition(o.position))
    fail(`${path}.position`, 'expected a W3C TextPositionSelector');
  if (!isColor(o.color)) fail(`${path}.color`, 'expected yellow, green, blue or pink');
  const h: Highlight = {
    id: reqStr(o, 'id', path, MAX_ID),
    paperId: num(o, 'paperId', path) as number,
    quote: {
      type: 'TextQuoteSelector',
      exact: o.quote.exact,
      prefix: o.quote.prefix,
      suffix: o.quote.suffix,
    },
    color: o.color,
    url: reqStr(o, 'url', path, MAX_URL),
    createdAt: reqTime(o, 'createdAt', path),
    updatedAt: reqTime(o, 'updatedAt', path),
  };
  if (o.position) h.position = { type: 'TextPositionSelector', start: o.position.start, end: o.position.end };
  if (o.page !== undefined) {
    if (!isPdfPage(o.page)) fail(`${path}.page`, 'expected a page number');
    h.page = o.page;
  }
  const comment = str(o, 'comment', path, MAX_COMMENT, true);
  if (comment !== undefined) h.comment = comment;
  const del = time(o, 'deletedAt', path, true);
  if (del !== undefined) h.deletedAt = del;
  return h;
}

function pdfCopy(v: unknown, path: string): BackupPdfCopy {
  const o = obj(v, path, ['id', 'name', 'size', 'keptAt', 'base64']);
  const id = reqStr(o, 'id', path, MAX_ID);
  if (!isFingerprint(id)) fail(`${path}.id`, 'expected a PDF fingerprint');
  const base64 = reqStr(o, 'base64', path, MAX_BACKUP_BYTES);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) fail(`${path}.base64`, 'expected base64');
  const size = num(o, 'size', path) as number;
  if (!Number.isSafeInteger(size) || size < 0) fail(`${path}.size`, 'expected a size in bytes');
  return { id, name: reqStr(o, 'name', path, MAX_TITLE), size, keptAt: reqTime(o, 'keptAt', path), base64 };
}

function pack(v: unknown, path: string): Pack {
  const o = obj(v, path, ['id', 'name', 'source', 'count', 'bytes', 'importedAt', 'own', 'author']);
  const p: Pack = {
    id: reqStr(o, 'id', path, MAX_ID),
    name: reqStr(o, 'name', path, MAX_TITLE),
    source: reqStr(o, 'source', path, MAX_TITLE),
    count: num(o, 'count', path) as number,
    bytes: num(o, 'bytes', path) as number,
    importedAt: reqTime(o, 'importedAt', path),
  };
  // The reader's own summaries ("Your summaries") and their author's name.
  if (o.own !== undefined) {
    if (o.own !== true) fail(`${path}.own`, 'expected true');
    p.own = true;
  }
  const author = str(o, 'author', path, MAX_TITLE, true);
  if (author !== undefined) p.author = author;
  return p;
}

/**
 * A summary is richer than the other records and validated at pack import; here it is checked as
 * plain bounded data with the fields every reader of it relies on, and copied so that no key can
 * reach an object's prototype.
 */
function plain(v: unknown, path: string, depth: number): unknown {
  if (depth > MAX_DEPTH) fail(path, 'nested too deeply');
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(path, 'expected a finite number');
    return v;
  }
  if (typeof v === 'string') {
    if (v.length > MAX_SUMMARY_STRING) fail(path, 'text too long');
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => plain(x, `${path}[${i}]`, depth + 1));
  if (typeof v === 'object') {
    const out: Obj = Object.create(null) as Obj;
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype')
        fail(path, `field “${k}” is not allowed`);
      out[k] = plain(x, `${path}.${k}`, depth + 1);
    }
    return { ...out };
  }
  fail(path, 'unexpected value');
}

function packSummary(v: unknown, path: string): PackSummary {
  const o = obj(v, path, ['id', 'packId', 'keys', 'summary', 'related', 'own']);
  // A stored summary: the editor's fields plus the one the builder adds.
  const s = obj(o.summary, `${path}.summary`, [...SUMMARY_FIELDS, 'level_derived']);
  if (typeof s.key_takeaway !== 'string' || !s.key_takeaway.trim())
    fail(`${path}.summary.key_takeaway`, 'expected text');
  if (!(STUDY_TYPES as readonly unknown[]).includes(s.study_type))
    fail(`${path}.summary.study_type`, 'unknown study type');
  if (![1, 2, 3, 4, 5].includes(s.evidence_level as number))
    fail(`${path}.summary.evidence_level`, 'expected 1 to 5');
  for (const k of ['caveats', 'key_findings', 'concepts'])
    if (!Array.isArray(s[k])) fail(`${path}.summary.${k}`, 'expected a list');
  const row: PackSummary = {
    packId: reqStr(o, 'packId', path, MAX_ID),
    keys: strList(o, 'keys', path, MAX_KEYS, MAX_TITLE + 10),
    summary: plain(s, `${path}.summary`, 0) as PackSummary['summary'],
  };
  if (o.id !== undefined) {
    const id = num(o, 'id', path) as number;
    if (!Number.isSafeInteger(id) || id < 1) fail(`${path}.id`, 'expected a positive whole number');
    row.id = id;
  }
  if (o.related !== undefined) row.related = relatedList(o.related, `${path}.related`);
  if (o.own !== undefined) {
    const w = obj(o.own, `${path}.own`, ['createdAt', 'updatedAt', 'tags']);
    row.own = {
      createdAt: reqTime(w, 'createdAt', `${path}.own`),
      updatedAt: reqTime(w, 'updatedAt', `${path}.own`),
      tags: strList(w, 'tags', `${path}.own`, MAX_TAGS, MAX_TAG),
    };
  }
  return row;
}

/** The related summaries stored with a pack summary (computed on import; older backups have none). */
function relatedList(v: unknown, path: string): RelatedSummary[] {
  if (!Array.isArray(v) || v.length > 20) fail(path, 'expected a list of at most 20 related summaries');
  return v.map((x, i) => {
    const at = `${path}[${i}]`;
    const o = obj(x, at, ['title', 'doi', 'pmid', 'evidence_level', 'shared']);
    const level = o.evidence_level;
    if (![1, 2, 3, 4, 5].includes(level as number)) fail(`${at}.evidence_level`, 'expected 1 to 5');
    const doi = str(o, 'doi', at, MAX_TITLE, true);
    const pmid = str(o, 'pmid', at, MAX_ID, true);
    return {
      title: reqStr(o, 'title', at, MAX_TITLE),
      ...(doi ? { doi } : {}),
      ...(pmid ? { pmid } : {}),
      evidence_level: level as RelatedSummary['evidence_level'],
      shared: strList(o, 'shared', at, 32, MAX_TITLE),
    };
  });
}

function reviewCard(v: unknown, path: string): ReviewCard {
  const o = obj(v, path, [
    'id',
    'due',
    'stability',
    'difficulty',
    'elapsed_days',
    'scheduled_days',
    'learning_steps',
    'reps',
    'lapses',
    'state',
    'last_review',
    'createdAt',
    'updatedAt',
  ]);
  const id = reqStr(o, 'id', path, MAX_TITLE + 20);
  if (!/^(note|takeaway):/.test(id)) fail(`${path}.id`, 'not a study card id');
  const state = num(o, 'state', path) as number;
  if (![0, 1, 2, 3].includes(state)) fail(`${path}.state`, 'unknown card state');
  const c: ReviewCard = {
    id,
    due: reqTime(o, 'due', path),
    stability: num(o, 'stability', path) as number,
    difficulty: num(o, 'difficulty', path) as number,
    elapsed_days: num(o, 'elapsed_days', path) as number,
    scheduled_days: num(o, 'scheduled_days', path) as number,
    learning_steps: num(o, 'learning_steps', path) as number,
    reps: num(o, 'reps', path) as number,
    lapses: num(o, 'lapses', path) as number,
    state,
    createdAt: reqTime(o, 'createdAt', path),
    updatedAt: reqTime(o, 'updatedAt', path),
  };
  const last = time(o, 'last_review', path, true);
  if (last !== undefined) c.last_review = last;
  return c;
}

/** JSON.parse keeps `__proto__` as an own key, harmless in itself; such a file was made to attack, so it is refused. */
const POISON = /"(__proto__|constructor|prototype)"\s*:/;

/**
 * Read a backup file's text. Never throws: every problem comes back as a message for the reader.
 * Nothing is written here.
 */
export async function parseBackup(text: string): Promise<ParseResult> {
  if (text.length > MAX_BACKUP_BYTES)
    return { ok: false, error: 'This file is too large to be a Takeaway backup.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const looksLikeOurs = text.trimStart().startsWith(`{"format":"${BACKUP_FORMAT}"`);
    return {
      ok: false,
      error: looksLikeOurs
        ? 'This backup is damaged (it may have been cut short while copying). Nothing was imported.'
        : 'This file is not a Takeaway backup (it is not JSON). Nothing was imported.',
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as Obj).format !== BACKUP_FORMAT)
    return { ok: false, error: 'This file is not a Takeaway backup. Nothing was imported.' };
  const top = raw as Obj;
  if (typeof top.version !== 'number' || !Number.isInteger(top.version) || top.version < 1)
    return {
      ok: false,
      error: 'This backup is damaged: its format version is missing. Nothing was imported.',
    };
  if (top.version > BACKUP_VERSION)
    return {
      ok: false,
      error: `This backup was made by a newer version of Takeaway (format ${top.version}; this one reads up to ${BACKUP_VERSION}). Update Takeaway, then import it. Nothing was imported.`,
    };
  if (POISON.test(text))
    return {
      ok: false,
      error:
        'This backup contains fields that are not allowed (__proto__, constructor or prototype). Nothing was imported.',
    };
  try {
    const head = obj(top, 'file', ['format', 'version', 'exportedAt', 'counts', 'checksum', 'data']);
    const checksum = reqStr(head, 'checksum', 'file', 64);
    const exportedAt = reqStr(head, 'exportedAt', 'file', 40);
    const counts = obj(head.counts, 'file.counts', [...TABLES, 'pdfCopies']);
    const data = obj(head.data, 'data', [...TABLES, 'pdfCopies']);
    if ((await sha256(JSON.stringify(data))) !== checksum)
      return {
        ok: false,
        error:
          'This backup is damaged or was changed after it was made (its checksum does not match). Nothing was imported.',
      };
    const out: BackupData = {
      papers: list(data, 'papers').map((v, i) => paper(v, `papers[${i}]`)),
      notes: list(data, 'notes').map((v, i) => note(v, `notes[${i}]`)),
      highlights: list(data, 'highlights').map((v, i) => highlight(v, `highlights[${i}]`)),
      packs: list(data, 'packs').map((v, i) => pack(v, `packs[${i}]`)),
      packSummaries: list(data, 'packSummaries').map((v, i) => packSummary(v, `packSummaries[${i}]`)),
      reviewCards: list(data, 'reviewCards').map((v, i) => reviewCard(v, `reviewCards[${i}]`)),
    };
    // Kept PDFs: present only in a backup made with them.
    if (data.pdfCopies !== undefined) {
      out.pdfCopies = list(data, 'pdfCopies').map((v, i) => pdfCopy(v, `pdfCopies[${i}]`));
      if (counts.pdfCopies !== out.pdfCopies.length)
        fail(
          'file.counts.pdfCopies',
          `says ${String(counts.pdfCopies)} but the file has ${out.pdfCopies.length}`,
        );
      unique(out.pdfCopies, (c) => c.id, 'pdfCopies');
    }
    for (const t of TABLES)
      if (counts[t] !== out[t].length)
        fail(`file.counts.${t}`, `says ${String(counts[t])} but the file has ${out[t].length}`);
    unique(out.papers, (p) => p.id, 'papers');
    unique(out.notes, (n) => n.id, 'notes');
    unique(out.highlights, (h) => h.id, 'highlights');
    unique(out.packs, (p) => p.id, 'packs');
    unique(out.reviewCards, (c) => c.id, 'reviewCards');
    unique(
      out.packSummaries.filter((s) => s.id !== undefined),
      (s) => s.id as number,
      'packSummaries',
    );
    const paperIds = new Set(out.papers.map((p) => p.id));
    out.notes.forEach(
      (n, i) => paperIds.has(n.paperId) || fail(`notes[${i}].paperId`, 'no such paper in the backup'),
    );
    out.highlights.forEach(
      (h, i) => paperIds.has(h.paperId) || fail(`highlights[${i}].paperId`, 'no such paper in the backup'),
    );
    const packIds = new Set(out.packs.map((p) => p.id));
    out.packSummaries.forEach(
      (s, i) => packIds.has(s.packId) || fail(`packSummaries[${i}].packId`, 'no such pack in the backup'),
    );
    return {
      ok: true,
      backup: {
        format: BACKUP_FORMAT,
        version: top.version,
        exportedAt,
        counts: counts as BackupFile['counts'],
        checksum,
        data: out,
      },
    };
  } catch (e) {
    if (e instanceof Invalid)
      return { ok: false, error: `This backup is damaged (${e.message}). Nothing was imported.` };
    throw e;
  }
}
