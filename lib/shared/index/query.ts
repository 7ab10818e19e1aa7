import type { PaperIds } from '../identify/types';

/** What kind of identifier a typed query is: DOI (also as a doi.org link), PMID, PMCID, else a title. */
export function parseQuery(q: string): PaperIds {
  const s = q.trim();
  const doi = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i.exec(s);
  if (doi?.[1]) return { doi: doi[1].toLowerCase() };
  if (/^\d{1,9}$/.test(s)) return { pmid: s.replace(/^0+/, '') };
  if (/^pmc\d+$/i.test(s)) return { pmcid: s.toUpperCase() };
  return { title: s };
}
