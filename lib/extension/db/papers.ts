import type { PaperIds } from '../../shared/identify/types';
import { keysOf } from '../../shared/summaries/keys';
import { MAX_CONCEPTS } from '../../shared/limits';
import { belongs, bestMatch, PDF_KEY, pdfKey, type PaperSighting } from '../../shared/model';
import type { Note, Paper, TakeawayDB } from './index';

export type { PaperSighting };

/**
 * Every key of a sighting, strongest first: the identifiers' keys (keysOf), with a PDF's
 * `pdf:<fingerprint>` after the DOI, PMID and PMCID and before the title.
 */
export function paperKeys(s: PaperIds & { fingerprint?: string }): string[] {
  const keys = keysOf(s);
  if (!s.fingerprint?.trim()) return keys;
  const titleAt = keys.findIndex((k) => k.startsWith('title:'));
  const at = titleAt < 0 ? keys.length : titleAt;
  return [...keys.slice(0, at), pdfKey(s.fingerprint), ...keys.slice(at)];
}

/** The fingerprints of the PDF files a paper was read from. */
export function fingerprintsOf(paper: Pick<Paper, 'keys'>): string[] {
  return paper.keys.filter((k) => k.startsWith(PDF_KEY)).map((k) => k.slice(PDF_KEY.length));
}

/** The paper these identifiers belong to, or undefined when the reader has never noted it. */
export async function findPaper(
  db: TakeawayDB,
  ids: PaperIds & { fingerprint?: string },
): Promise<Paper | undefined> {
  const keys = paperKeys(ids);
  if (keys.length === 0) return undefined;
  // Strongest key first: a DOI match beats a title match.
  return bestMatch(await db.papers.where('keys').anyOf(keys).toArray(), keys);
}

/**
 * Of the papers a sighting matches, those that can be one paper: the best match (by the
 * sighting's strongest key) and every other that shares a strong identifier with it or does not
 * contradict it. Oldest first, so the merged record keeps the oldest id.
 */
function oneGroup(matches: Paper[], keys: readonly string[]): Paper[] {
  const best = keys.map((k) => matches.find((m) => m.keys.includes(k))).find((m) => m !== undefined);
  if (!best) return [];
  return matches.filter((m) => m === best || belongs(m, best.keys));
}

/**
 * The papers holding any of `keys`, oldest first, each once: a multi-entry index answers once per
 * matching key, and a paper listed twice would be merged into itself.
 */
async function papersWithAnyKey(db: TakeawayDB, keys: string[]): Promise<Paper[]> {
  const found = (await db.papers.where('keys').anyOf(keys).toArray()).filter((p) => belongs(p, keys));
  const byId = new Map(found.map((p) => [p.id, p]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * Find the paper for a sighting, or create it; learn the identifiers and URL it brings. When the
 * sighting shows that two known papers are one (a PubMed page giving both PMID and DOI), they are
 * merged into the oldest record: highlights move, and the text of the other record's notes is
 * appended to the oldest note (the originals go to the trash, marked with where they went), so the
 * reader sees one note with everything in it and nothing is dropped.
 */
export async function upsertPaper(db: TakeawayDB, s: PaperSighting): Promise<Paper> {
  const keys = paperKeys(s);
  if (keys.length === 0) throw new Error('a paper needs a DOI, PMID, PMCID, title or PDF fingerprint');
  return db.transaction('rw', db.papers, db.notes, db.highlights, async () => {
    const matches = oneGroup(await papersWithAnyKey(db, keys), keys);
    const now = Date.now();
    const [primary, ...others] = matches;
    if (!primary) {
      const paper: Omit<Paper, 'id'> = {
        keys,
        ...pick(s),
        ...(s.concepts?.length ? { concepts: unionCi([], s.concepts).slice(0, MAX_CONCEPTS) } : {}),
        urls: s.url ? [s.url] : [],
        createdAt: now,
        updatedAt: now,
      };
      const id = await db.papers.add(paper as Paper);
      return { ...paper, id } as Paper;
    }
    const merged: Paper = { ...primary };
    for (const o of others) {
      Object.assign(merged, { ...pick(o), ...pick(merged) });
      merged.keys = union(merged.keys, o.keys);
      merged.urls = union(merged.urls, o.urls);
      await mergeNotes(db, primary.id, o.id, now);
      await db.highlights.where('paperId').equals(o.id).modify({ paperId: primary.id });
      await db.papers.delete(o.id);
    }
    Object.assign(merged, { ...pick(merged), ...pick(s) });
    merged.keys = union(merged.keys, keys);
    if (s.concepts?.length)
      merged.concepts = unionCi(merged.concepts ?? [], s.concepts).slice(0, MAX_CONCEPTS);
    if (s.url)
      merged.urls = union(
        merged.urls.filter((u) => u !== s.url),
        [s.url],
      ).slice(-20);
    merged.updatedAt = now;
    await db.papers.put(merged);
    return merged;
  });
}

/** Notes that are not in the trash, oldest first. */
function live(notes: Note[]): Note[] {
  return notes.filter((n) => n.deletedAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Move the notes of paper `fromId` to paper `toId`. The live ones are folded into the oldest live
 * note of `toId` (or the oldest moved one becomes it): the editor shows one note per paper, and a
 * second note that it did not show would look lost.
 */
async function mergeNotes(db: TakeawayDB, toId: number, fromId: number, now: number): Promise<void> {
  const moving = await db.notes.where('paperId').equals(fromId).toArray();
  if (moving.length === 0) return;
  let target = live(await db.notes.where('paperId').equals(toId).toArray())[0];
  const movingLive = new Set(live(moving).map((n) => n.id));
  for (const n of moving.sort((a, b) => a.createdAt - b.createdAt)) {
    const moved: Note = { ...n, paperId: toId };
    if (movingLive.has(n.id)) {
      if (!target) {
        target = moved;
      } else {
        const body = n.body.trim();
        if (body && !target.body.includes(body)) {
          target = { ...target, body: target.body.trim() ? `${target.body.trimEnd()}\n\n${body}` : body };
        }
        target = { ...target, tags: union(target.tags, n.tags), updatedAt: now };
        moved.deletedAt = now;
        moved.mergedInto = target.id;
      }
    }
    await db.notes.put(moved);
  }
  if (target) await db.notes.put(target);
}

function pick(p: Partial<Paper> | PaperSighting): Partial<Paper> {
  const out: Partial<Paper> = {};
  for (const k of ['doi', 'pmid', 'pmcid', 'title', 'journal'] as const) {
    const v = p[k];
    if (v) out[k] = v;
  }
  return out;
}

/** `a` then the terms of `b` not already in it, compared without case. */
function unionCi(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((t) => t.toLowerCase()));
  const out = [...a];
  for (const t of b) {
    const k = t.trim().toLowerCase();
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(t.trim());
    }
  }
  return out;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * A page of a paper the reader already has notes or highlights on was opened: remember its address
 * and identifiers, and merge the records it shows to be one paper. A paper the reader never wrote
 * about is not created by merely visiting it.
 */
export async function recordSighting(db: TakeawayDB, s: PaperSighting): Promise<Paper | undefined> {
  const keys = paperKeys(s);
  if (keys.length === 0) return undefined;
  return db.transaction('rw', db.papers, db.notes, db.highlights, async () => {
    const matches = await papersWithAnyKey(db, keys);
    if (matches.length === 0) return undefined;
    const [only] = matches;
    // Nothing new to learn: no write, so a visit does not wake every open editor.
    if (
      matches.length === 1 &&
      only &&
      keys.every((k) => only.keys.includes(k)) &&
      (!s.url || only.urls.at(-1) === s.url)
    )
      return only;
    return upsertPaper(db, s);
  });
}
