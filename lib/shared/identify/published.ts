/**
 * The paper's publication date from the page's citation metadata, as the summary format writes it
 * (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or null. Pure; read only when the reader starts a summary.
 */
const DATE_META = [
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'prism.publicationdate',
  'dc.date',
  'article:published_time',
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** `2025/03/14`, `2025-03`, `2025 Mar 14`, `2025-03-14T00:00:00Z` → the format's date; else null. */
export function normaliseDate(raw: string): string | null {
  const t = raw.trim();
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:T.*)?$/.exec(t);
  if (m) {
    const [, y, mo, d] = m;
    const month = mo ? Number(mo) : null;
    const day = d ? Number(d) : null;
    if (month === null) return y ?? null;
    if (month < 1 || month > 12) return y ?? null;
    if (day === null || day < 1 || day > 31) return `${y}-${two(month)}`;
    return `${y}-${two(month)}-${two(day)}`;
  }
  m = /^(\d{4})\s+([a-z]{3})[a-z]*\.?(?:\s+(\d{1,2}))?/i.exec(t);
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    if (month === 0) return m[1] ?? null;
    return m[3] ? `${m[1]}-${two(month)}-${two(Number(m[3]))}` : `${m[1]}-${two(month)}`;
  }
  return null;
}

export function publishedOf(doc: Document): string | null {
  for (const name of DATE_META) {
    const el = doc.querySelector(`meta[name="${name}" i]`) ?? doc.querySelector(`meta[property="${name}" i]`);
    const v = el?.getAttribute('content');
    const date = v ? normaliseDate(v.slice(0, 40)) : null;
    if (date) return date;
  }
  return null;
}
