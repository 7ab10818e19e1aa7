/**
 * readAbstract() and readPageFacts() on the hand-written fixture pages of tests/fixtures/glance/,
 * each modelled on a real site's markup and read at the address it lives at; in linkedom (as the
 * CLI reads) and in happy-dom's DOMParser (closer to a browser).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAbstract, readPageFacts } from '../../../../lib/shared/glance';
import { canonicalOf, GLANCE_FIXTURES, parsePage } from '../../../support/glance-score';

const html = (file: string): string => readFileSync(join(GLANCE_FIXTURES, file), 'utf8');

const parsers: Array<[string, (h: string) => Document]> = [
  ['linkedom', parsePage],
  ['DOMParser', (h) => new DOMParser().parseFromString(h, 'text/html')],
];

interface Case {
  file: string;
  via: string | null;
  structured?: boolean;
  /** Section labels in order, where structured. */
  labels?: string[];
  /** Roles of those sections. */
  roles?: string[];
  starts?: string;
  /** Words that must never be in it (another paper's abstract, page furniture). */
  never?: string[];
}

const CASES: Case[] = [
  {
    file: 'pubmed-structured.html',
    via: 'pubmed',
    structured: true,
    labels: ['Background', 'Methods', 'Results', 'Conclusions', 'Trial registration'],
    roles: ['background', 'methods', 'results', 'conclusions', 'registration'],
    starts: 'Background: Supervised treadmill training',
    never: ['Stenting', '4,020', 'Keywords', 'MeSH'],
  },
  {
    file: 'pubmed-plain.html',
    via: 'pubmed',
    structured: false,
    starts: 'Low vitamin D is common',
    never: ['Supplements did not reduce falls'],
  },
  {
    file: 'pubmed-retracted.html',
    via: 'pubmed',
    structured: true,
    labels: ['Objective', 'Design', 'Participants', 'Results', 'Conclusion'],
    roles: ['objective', 'methods', 'methods', 'results', 'conclusions'],
    never: ['This article has been retracted'],
  },
  {
    file: 'pmc-article.html',
    via: 'pmc',
    structured: true,
    labels: ['Aims', 'Methods and results', 'Conclusion'],
    roles: ['objective', 'methods', 'conclusions'],
    never: ['reminders were not effective', 'Adherence to statins falls steeply', 'Keywords'],
  },
  {
    file: 'jama-keypoints.html',
    via: 'jama',
    structured: true,
    labels: [
      'Importance',
      'Objective',
      'Design, Setting, and Participants',
      'Interventions',
      'Main Outcomes and Measures',
      'Results',
      'Conclusions and Relevance',
      'Trial Registration',
    ],
    roles: [
      'background',
      'objective',
      'methods',
      'methods',
      'methods',
      'results',
      'conclusions',
      'registration',
    ],
    never: ['Key Points', 'Early walking should be routine', 'Nerve blocks'],
  },
  {
    file: 'lancet-findings.html',
    via: 'lancet',
    structured: true,
    labels: ['Background', 'Methods', 'Findings', 'Interpretation', 'Funding'],
    roles: ['background', 'methods', 'results', 'conclusions', 'funding'],
    never: ['A picture of the trial', 'Graphical abstract', 'Summary'],
  },
  {
    file: 'medrxiv-preprint.html',
    via: 'biorxiv',
    structured: true,
    labels: ['Background', 'Methods', 'Results', 'Conclusions'],
    roles: ['background', 'methods', 'results', 'conclusions'],
    never: ['Masks cut school absence'],
  },
  { file: 'pubmed-noabstract.html', via: null, never: ['reminders work'] },
  { file: 'nothing-here.html', via: null },
];

describe.each(parsers)('readAbstract with %s', (_name, parse) => {
  it.each(CASES)('$file', (c) => {
    const doc = parse(html(c.file));
    const a = readAbstract(doc, canonicalOf(doc));
    if (c.via === null) {
      expect(a).toBeNull();
      return;
    }
    expect(a).not.toBeNull();
    expect(a!.via).toBe(c.via);
    expect(a!.structured).toBe(c.structured);
    if (c.labels) expect(a!.sections.map((s) => s.label)).toEqual(c.labels);
    if (c.roles) expect(a!.sections.map((s) => s.role)).toEqual(c.roles);
    if (c.starts) expect(a!.text.startsWith(c.starts)).toBe(true);
    for (const w of c.never ?? []) expect(a!.text).not.toContain(w);
    // Whitespace folded; every section's text is in the whole text.
    expect(a!.text).not.toMatch(/\s{2}|^\s|\s$/);
    for (const s of a!.sections) expect(a!.text).toContain(s.text);
    expect(a!.element).not.toBeNull();
  });
});

describe('readAbstract fallbacks', () => {
  it('reads citation_abstract when the page has no abstract block, and finds inline headings', () => {
    const doc = parsePage(
      '<html><head><meta name="citation_abstract" content="&lt;p&gt;OBJECTIVE: To compare two dressings for leg ulcers in community care. METHODS: We randomised 90 people. CONCLUSIONS: Both dressings healed ulcers equally well.&lt;/p&gt;"></head><body><p>Article</p></body></html>',
    );
    const a = readAbstract(doc, 'https://journal.example.org/article/1');
    expect(a?.via).toBe('meta citation_abstract');
    expect(a?.element).toBeNull();
    expect(a?.structured).toBe(true);
    expect(a?.sections.map((s) => s.role)).toEqual(['objective', 'methods', 'conclusions']);
    expect(a?.sections[2]?.text).toBe('Both dressings healed ulcers equally well.');
  });

  it('prefers the page block to the meta tag when they are the same abstract, the meta tag when not', () => {
    const same = parsePage(
      '<html><head><meta name="dc.description" content="Background Sleep loss is common in night-shift nurses and may harm their health over many years."></head><body><section class="abstract"><h2>Abstract</h2><h3>Background</h3><p>Sleep loss is common in night-shift nurses and may harm their health over many years.</p><h3>Conclusions</h3><p>Nurses need rest.</p></section></body></html>',
    );
    expect(readAbstract(same, '')?.via).toBe('generic section.abstract');
    const other = parsePage(
      '<html><head><meta name="citation_abstract" content="This paper measures how often pharmacists correct dosing errors in hospital prescriptions over one year."></head><body><div class="abstract">An abstract of a different paper entirely, shown in a box of recommended reading for visitors.</div></body></html>',
    );
    expect(readAbstract(other, '')?.via).toBe('meta citation_abstract');
  });

  it('caps the text and never throws on a hostile page', () => {
    const body = `${'<div>'.repeat(4000)}<section class="abstract" title="${'x'.repeat(100_000)}">${'<p>Methods: 12 patients were randomised to rest. </p>'.repeat(5000)}</section>${'</div>'.repeat(4000)}`;
    const doc = parsePage(
      `<html><head><meta name="citation_abstract" content="${'a '.repeat(200_000)}"></head><body>${body}</body></html>`,
    );
    const a = readAbstract(doc, 'https://pubmed.ncbi.nlm.nih.gov/1/');
    expect(a).not.toBeNull();
    expect(a!.text.length).toBeLessThanOrEqual(20_000);
    expect(() => readPageFacts(doc)).not.toThrow();
  });

  it('returns null for unusable addresses and documents without a body', () => {
    expect(readAbstract(parsePage('<html></html>'), 'not a url')).toBeNull();
  });
});

describe('readPageFacts', () => {
  it("reads PubMed's MeSH terms without qualifiers and the keywords line, not the site's own meta keywords", () => {
    const facts = readPageFacts(parsePage(html('pubmed-structured.html')));
    expect(facts.meshTerms).toEqual(['Aged', 'Exercise Therapy', 'Intermittent Claudication', 'Walking']);
    expect(facts.keywords).toEqual(['claudication', 'exercise therapy', 'peripheral artery disease']);
  });

  it('reads citation_keywords and keyword lists, de-duplicated case-insensitively', () => {
    const facts = readPageFacts(parsePage(html('pmc-article.html')));
    expect(facts.meshTerms).toEqual([]);
    expect(facts.keywords).toEqual([
      'medication adherence',
      'text messaging',
      'statins',
      'Secondary prevention',
    ]);
  });
});
