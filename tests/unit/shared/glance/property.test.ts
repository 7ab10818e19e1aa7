/**
 * Nothing is invented (DESIGN.md rule 6): every value the glance extracts is a verbatim piece of
 * its input (the abstract, the title, a publication type, the address's host), and the sample
 * size is written in its own evidence. Checked over random text built from the pieces the rules
 * look for, over the fixture pages and abstracts, and over every saved real page of
 * ../shared/doi-corpus (read in place; skipped when absent). Nothing may throw.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  glance,
  readAbstract,
  readPageFacts,
  type Glance,
  type GlanceInput,
} from '../../../../lib/shared/glance';
import { numberValue } from '../../../../lib/shared/glance/sample';
import { readPageHints } from '../../../../lib/shared/identify/hints';
import { canonicalOf, DOI_CORPUS, GLANCE_FIXTURES, parsePage } from '../../../support/glance-score';

/** Every extracted value of `g` that is not in the input, with its field. */
function invented(input: GlanceInput, g: Glance): string[] {
  let host = '';
  try {
    host = input.url ? new URL(input.url).hostname : '';
  } catch {
    /* no host */
  }
  const sources = [input.abstract, input.title ?? '', ...(input.publicationTypes ?? []), host];
  const inInput = (s: string): boolean => s.length > 0 && sources.some((src) => src.includes(s));
  const bad: string[] = [];
  const check = (field: string, v: string | null): void => {
    if (v !== null && !inInput(v)) bad.push(`${field}: ${JSON.stringify(v)}`);
  };
  check('conclusion', g.conclusion);
  if (g.conclusion !== null && !input.abstract.includes(g.conclusion))
    bad.push('conclusion not in the abstract');
  check('study_type_evidence', g.study_type_evidence);
  check('sample_size_evidence', g.sample_size_evidence);
  check('follow_up', g.follow_up);
  for (const [k, v] of Object.entries(g.design_evidence)) check(`design_evidence.${k}`, v);
  for (const c of g.caveats) check(`caveat ${c.id}`, c.evidence);
  if (g.sample_size !== null) {
    const ev = g.sample_size_evidence ?? '';
    const written = (ev.match(/[\d,]+|[A-Za-z]+(?:[- ][A-Za-z]+)*/g) ?? []).some((w) => {
      if (/^[\d,]+$/.test(w)) return numberValue(w) === g.sample_size;
      // A run of words: any sub-run that is the number.
      const words = w.split(/[- ]/);
      for (let i = 0; i < words.length; i++)
        for (let j = i + 1; j <= words.length; j++)
          if (numberValue(words.slice(i, j).join(' ')) === g.sample_size) return true;
      return false;
    });
    if (!written) bad.push(`sample_size ${g.sample_size} not written in ${JSON.stringify(ev)}`);
  }
  for (const s of g.design_signals)
    if (g.design_evidence[s] === undefined) bad.push(`signal ${s} without evidence`);
  return bad;
}

const piece = fc.oneof(
  fc.constantFrom(
    'BACKGROUND: ',
    'METHODS ',
    'Conclusions: ',
    'CONCLUSIONS AND RELEVANCE ',
    'Trial registration: NCT01234567. ',
    'In conclusion, ',
    'These findings suggest that ',
    '120 patients were randomised',
    'Forty-two adults were enrolled',
    'two hundred and ten participants',
    ' (n = 64)',
    'A total of 1,204 women',
    'in each group',
    'double-blind',
    'placebo-controlled',
    'open-label',
    'single-centre',
    'phase II/III',
    'post hoc',
    'subgroup analysis',
    'mice',
    'in vitro',
    'cohort',
    'case-control',
    'meta-analysis',
    'systematically searched MEDLINE',
    'median follow-up of 4.2 years',
    'for 6 weeks',
    'HbA1c',
    'composite end point',
    'P < 0.05',
    '95% CI',
    '. ',
    ', ',
    ' ',
    '\u00a0',
    'e.g. ',
    'Fig. 2 ',
  ),
  fc.string({ maxLength: 12 }),
);
const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));
const input: fc.Arbitrary<GlanceInput> = fc.record(
  {
    title: text,
    abstract: text,
    publicationTypes: fc.array(
      fc.oneof(
        fc.constantFrom(
          'Randomized Controlled Trial',
          'Clinical Trial',
          'Review',
          'Retracted Publication',
          'Observational Study',
          'Case Reports',
          'Published Erratum',
        ),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 4 },
    ),
    url: fc.oneof(
      fc.constant('https://www.medrxiv.org/content/1'),
      fc.constant('https://pubmed.ncbi.nlm.nih.gov/1/'),
      fc.string(),
    ),
  },
  { requiredKeys: ['abstract'] },
);

describe('every extracted value is in the input', () => {
  it('on random text', () => {
    fc.assert(
      fc.property(input, (i) => {
        const g = glance(i);
        expect(invented(i, g)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('on random sections', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('Methods', 'Results', 'Conclusions', 'Funding'), text), {
          maxLength: 5,
        }),
        (parts) => {
          const sections = parts.map(([label, t]) => ({
            label,
            role:
              label === 'Conclusions'
                ? ('conclusions' as const)
                : label === 'Funding'
                  ? ('funding' as const)
                  : ('other' as const),
            text: t,
          }));
          const abstract = sections.map((s) => `${s.label}: ${s.text}`).join(' ');
          const i = { abstract, sections };
          expect(invented(i, glance(i))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('on the fixture abstracts', () => {
    const lines = readFileSync(join(GLANCE_FIXTURES, 'abstracts.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const row = JSON.parse(line) as { title?: string; abstract: string; publication_types?: string[] };
      const i = { title: row.title, abstract: row.abstract, publicationTypes: row.publication_types };
      const g = glance(i);
      expect(invented(i, g)).toEqual([]);
      expect(g.conclusion).not.toBeNull();
    }
  });

  const pageCheck = (doc: Document, url: string): string[] => {
    const a = readAbstract(doc, url);
    if (!a) return [];
    for (const s of a.sections) if (!a.text.includes(s.text)) return [`section not in the text: ${s.label}`];
    const i = {
      abstract: a.text,
      sections: a.sections,
      publicationTypes: readPageHints(doc).publicationTypes,
      ...readPageFacts(doc),
      url,
    };
    return invented(i, glance(i));
  };

  it('on the fixture pages', () => {
    const files = readdirSync(GLANCE_FIXTURES).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const doc = parsePage(readFileSync(join(GLANCE_FIXTURES, f), 'utf8'));
      expect(pageCheck(doc, canonicalOf(doc)), f).toEqual([]);
    }
  });

  const pages = join(DOI_CORPUS, 'pages');
  it.skipIf(!existsSync(pages))(
    `on every page of the corpus (${pages}; skipped when absent)`,
    () => {
      const files = readdirSync(pages).filter((f) => f.endsWith('.html'));
      for (const f of files) {
        const doc = parsePage(readFileSync(join(pages, f), 'utf8'));
        expect(pageCheck(doc, canonicalOf(doc)), f).toEqual([]);
        expect(pageCheck(doc, ''), f).toEqual([]);
      }
    },
    120_000,
  );
});
