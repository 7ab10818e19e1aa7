import type { PaperSighting } from './model';

const FIELDS = ['doi', 'pmid', 'pmcid', 'title', 'journal', 'url', 'fingerprint'] as const;

/** The paper a note frame is about, carried in its URL fragment (never sent anywhere). */
export function frameParams(s: PaperSighting): string {
  const p = new URLSearchParams();
  for (const f of FIELDS) {
    const v = s[f];
    if (v) p.set(f, v.slice(0, 1000));
  }
  for (const c of s.concepts ?? []) p.append('concept', c);
  return `#${p.toString()}`;
}

export function parseFrameParams(hash: string): PaperSighting {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: PaperSighting = {};
  for (const f of FIELDS) {
    const v = p.get(f);
    if (v) s[f] = v;
  }
  const concepts = p.getAll('concept').filter((c) => c.trim() !== '');
  if (concepts.length) s.concepts = concepts;
  return s;
}
