import type { RelatedSummary, Summary } from '../summaries/schema';
import { conceptKey } from './format';

/**
 * Related summaries by shared concepts, each concept weighted by its rarity (inverse document
 * frequency): two papers that share "cytokines" say more than two that share "cancer". Computed once
 * at build time, so the page pays nothing for it.
 *
 * At a million summaries the exact all-pairs score is out of reach (a common concept has tens of
 * thousands of members), so candidates are gathered from each summary's rarest concepts first, up
 * to a fixed number of visits, and the best candidates are then scored exactly over all shared
 * concepts. Rare concepts, the ones that matter, are always visited in full.
 */

export interface ConceptGraph {
  /** Number of summaries. */
  n: number;
  /** Number of distinct concepts. */
  vocabulary: number;
  /** Summary i has concepts `ids[start[i] .. start[i+1])`, in the summary's order, without repeats. */
  start: Uint32Array;
  ids: Uint32Array;
}

export interface RelatedTable {
  limit: number;
  /** `target[i * limit + k]`: the k-th related summary of i, or -1. */
  target: Int32Array;
  /** Bit j set when concept j of summary i (in its own order) is shared with that target. */
  mask: Uint32Array;
}

/** Summaries of each concept (ascending), the transpose of the graph. */
export function conceptMembers(g: ConceptGraph): { start: Uint32Array; members: Uint32Array } {
  const start = new Uint32Array(g.vocabulary + 1);
  for (let k = 0; k < g.ids.length; k++) {
    const c = (g.ids[k] as number) + 1;
    start[c] = (start[c] as number) + 1;
  }
  for (let c = 0; c < g.vocabulary; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, g.vocabulary);
  const members = new Uint32Array(g.ids.length);
  for (let i = 0; i < g.n; i++)
    for (let k = g.start[i] as number; k < (g.start[i + 1] as number); k++) {
      const c = g.ids[k] as number;
      const at = fill[c] as number;
      members[at] = i;
      fill[c] = at + 1;
    }
  return { start, members };
}

export function computeRelated(g: ConceptGraph, limit = 5, visitBudget = 256): RelatedTable {
  const { n } = g;
  const target = new Int32Array(n * limit).fill(-1);
  const mask = new Uint32Array(n * limit);
  const { start: mStart, members } = conceptMembers(g);
  const idf = new Float64Array(g.vocabulary);
  for (let c = 0; c < g.vocabulary; c++) {
    const df = (mStart[c + 1] as number) - (mStart[c] as number);
    idf[c] = df > 1 ? Math.log(n / df) + 1 : 0;
  }
  const score = new Float64Array(n);
  const touched = new Uint32Array(visitBudget + 1);
  // Scratch space reused for every summary: this loop runs a million times in a large build.
  const order = new Uint32Array(64);
  const top = new Uint32Array(limit * 4);
  const exJ = new Uint32Array(limit * 4);
  const exW = new Float64Array(limit * 4);
  const exM = new Uint32Array(limit * 4);

  for (let i = 0; i < n; i++) {
    const s0 = g.start[i] as number;
    const s1 = g.start[i + 1] as number;
    if (s1 - s0 === 0) continue;
    // This summary's concepts, rarest first (insertion sort: there are only a handful).
    const no = Math.min(s1 - s0, order.length);
    for (let a = 0; a < no; a++) {
      const k = s0 + a;
      const w = idf[g.ids[k] as number] as number;
      let p = a;
      while (p > 0 && (idf[g.ids[order[p - 1] as number] as number] as number) < w) {
        order[p] = order[p - 1] as number;
        p--;
      }
      order[p] = k;
    }
    let budget = visitBudget;
    let nt = 0;
    for (let a = 0; a < no; a++) {
      const k = order[a] as number;
      if (budget <= 0) break;
      const c = g.ids[k] as number;
      const w = idf[c] as number;
      if (w === 0) continue;
      const m0 = mStart[c] as number;
      const m1 = mStart[c + 1] as number;
      let from = m0;
      let to = m1;
      if (m1 - m0 > budget) {
        // Too common to visit in full: take a window around this summary's own place in the list,
        // so that different summaries sample different members rather than all the first few.
        let l = m0;
        let h = m1;
        while (l < h) {
          const mid = (l + h) >>> 1;
          if ((members[mid] as number) < i) l = mid + 1;
          else h = mid;
        }
        from = Math.max(m0, Math.min(l - (budget >> 1), m1 - budget));
        to = from + budget;
      }
      for (let p = from; p < to; p++) {
        const j = members[p] as number;
        if (j === i) continue;
        if (score[j] === 0) touched[nt++] = j;
        score[j] = (score[j] as number) + w;
        if (--budget <= 0) break;
      }
    }
    // Best candidates by partial score (a small insertion-sorted top list, not a full sort), then
    // the exact score over every shared concept.
    let nb = 0;
    for (let t = 0; t < nt; t++) {
      const j = touched[t] as number;
      const sj = score[j] as number;
      if (nb === top.length && sj <= (score[top[nb - 1] as number] as number)) continue;
      let p = nb < top.length ? nb++ : nb - 1;
      while (p > 0 && (score[top[p - 1] as number] as number) < sj) {
        top[p] = top[p - 1] as number;
        p--;
      }
      top[p] = j;
    }
    let ne = 0;
    for (let t = 0; t < nb; t++) {
      const j = top[t] as number;
      let w = 0;
      let m = 0;
      for (let k = s0; k < s1; k++) {
        const c = g.ids[k] as number;
        for (let q = g.start[j] as number; q < (g.start[j + 1] as number); q++)
          if (g.ids[q] === c) {
            w += idf[c] as number;
            if (k - s0 < 32) m |= 1 << (k - s0);
            break;
          }
      }
      // Insert by exact score, ties to the lower summary number (deterministic builds).
      let p = ne++;
      while (
        p > 0 &&
        ((exW[p - 1] as number) < w || ((exW[p - 1] as number) === w && (exJ[p - 1] as number) > j))
      ) {
        exW[p] = exW[p - 1] as number;
        exJ[p] = exJ[p - 1] as number;
        exM[p] = exM[p - 1] as number;
        p--;
      }
      exW[p] = w;
      exJ[p] = j;
      exM[p] = m >>> 0;
    }
    for (let t = 0; t < nt; t++) score[touched[t] as number] = 0;
    for (let t = 0; t < Math.min(limit, ne); t++) {
      target[i * limit + t] = exJ[t] as number;
      mask[i * limit + t] = exM[t] as number;
    }
  }
  return { limit, target, mask };
}

/** What a list of related summaries shows for a paper: its title, else its strongest identifier. */
export function displayTitle(s: Pick<Summary, 'title' | 'doi' | 'pmid' | 'pmcid'>): string {
  return s.title ?? (s.doi ? `DOI ${s.doi}` : s.pmid ? `PMID ${s.pmid}` : (s.pmcid ?? 'Untitled paper'));
}

/**
 * Related summaries within one small set (a summary pack, read in the reader's browser), by the
 * same rarity-weighted score as the compiled index.
 */
export function relatedWithin(summaries: Summary[], limit = 5): RelatedSummary[][] {
  // Validated summaries list each concept once, as ConceptGraph requires.
  const vocabulary = new Map<string, number>();
  const start = new Uint32Array(summaries.length + 1);
  const ids: number[] = [];
  summaries.forEach((s, i) => {
    for (const c of s.concepts) {
      const key = conceptKey(c.name);
      let id = vocabulary.get(key);
      if (id === undefined) vocabulary.set(key, (id = vocabulary.size));
      ids.push(id);
    }
    start[i + 1] = ids.length;
  });
  const graph: ConceptGraph = {
    n: summaries.length,
    vocabulary: vocabulary.size,
    start,
    ids: Uint32Array.from(ids),
  };
  const table = computeRelated(graph, limit);
  return summaries.map((s, i) => {
    const out: RelatedSummary[] = [];
    for (let k = 0; k < limit; k++) {
      const j = table.target[i * limit + k] as number;
      if (j < 0) break;
      const other = summaries[j] as Summary;
      const mask = table.mask[i * limit + k] as number;
      out.push({
        title: displayTitle(other),
        ...(other.doi ? { doi: other.doi } : {}),
        ...(other.pmid ? { pmid: other.pmid } : {}),
        evidence_level: other.evidence_level,
        shared: s.concepts.filter((_, c) => c < 32 && (mask >>> c) & 1).map((c) => c.name),
      });
    }
    return out;
  });
}
