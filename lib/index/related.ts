import type { RelatedSummary, Summary } from '../summaries/schema';

/**
 * Related summaries by shared concepts, each concept weighted by its rarity (inverse document
 * frequency): two papers that share "cytokines" say more than two that share "cancer".
 */
export function computeRelated(summaries: Summary[], limit = 5): RelatedSummary[][] {
  const byConcept = new Map<string, number[]>();
  summaries.forEach((s, i) => {
    for (const c of new Set(s.concepts.map((c) => c.name.toLowerCase()))) {
      let list = byConcept.get(c);
      if (!list) byConcept.set(c, (list = []));
      list.push(i);
    }
  });
  const n = summaries.length;
  // A concept shared by too many summaries is noise and quadratic work: skip it.
  const maxShare = Math.max(50, Math.ceil(n * 0.05));
  return summaries.map((s, i) => {
    const score = new Map<number, { w: number; shared: string[] }>();
    for (const c of s.concepts) {
      const name = c.name.toLowerCase();
      const members = byConcept.get(name) ?? [];
      if (members.length < 2 || members.length > maxShare) continue;
      const w = Math.log(n / members.length) + 1;
      for (const j of members) {
        if (j === i) continue;
        const e = score.get(j) ?? { w: 0, shared: [] };
        e.w += w;
        e.shared.push(c.name);
        score.set(j, e);
      }
    }
    return [...score.entries()]
      .sort((a, b) => b[1].w - a[1].w || a[0] - b[0])
      .slice(0, limit)
      .map(([j, e]) => {
        const r = summaries[j] as Summary;
        return {
          title: r.title ?? r.doi ?? `PMID ${r.pmid ?? '?'}`,
          ...(r.doi ? { doi: r.doi } : {}),
          ...(r.pmid ? { pmid: r.pmid } : {}),
          evidence_level: r.evidence_level,
          shared: e.shared,
        };
      });
  });
}
