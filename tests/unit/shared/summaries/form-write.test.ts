import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  editorParams,
  parseEditorParams,
  prefillForm,
  prefillOf,
} from '../../../../lib/shared/editor-params';
import { normaliseDate } from '../../../../lib/shared/identify/published';
import { collectSummaries } from '../../../../lib/shared/summaries/collect';
import { checkForm, emptyForm, formFields, summaryForm } from '../../../../lib/shared/summaries/form';
import { toJsonLine, toMarkdown, uniqueFileNames } from '../../../../lib/shared/summaries/write';
import { jsonLines, markdownZip } from '../../../../lib/extension/summaries/export';
import type { Summary } from '../../../../lib/shared/summaries/schema';

const form = () => ({
  ...emptyForm(),
  pmid: '39100001',
  doi: '10.5555/glance.2025.0001',
  title: 'Home-based walking exercise for intermittent claudication: a randomised trial',
  journal: 'Vasc Med',
  published: '2025-03',
  study_type: 'RCT',
  key_takeaway: 'Coached home walking added about 33 m to the six-minute walk at 6 months.',
  caveats: 'Open label\nShort follow-up',
  concepts: 'claudication\nexercise therapy [D005081]',
  source_name: 'Riverside Journal Club',
  source_url: 'https://example.org/club',
  updated: '2026-11-30',
  body: 'Longer text with *Markdown*.',
});

describe('the editor checks its form with the build’s validator', () => {
  it('accepts a complete form and normalises it as the build would', () => {
    const c = checkForm(form());
    expect(c.errors).toBe(0);
    expect(c.summary?.study_type).toBe('randomized controlled trial');
    expect(c.summary?.evidence_level).toBe(2);
    expect(c.summary?.concepts).toEqual([
      { name: 'claudication' },
      { name: 'exercise therapy', mesh: 'D005081' },
    ]);
  });

  it.each([
    ['doi', { doi: '10.5555 glance' }, 'error', /is not a DOI/],
    ['pmid', { pmid: '12ab' }, 'error', /not a PubMed id/],
    ['study_type', { study_type: 'vibes' }, 'error', /unknown study type/],
    ['key_takeaway', { key_takeaway: '  ' }, 'error', /required/],
    ['evidence_level', { study_type: 'case report', evidence_level: '1' }, 'error', /much stronger/],
    [
      'study_type',
      { caveats: 'A retrospective analysis of the trial data' },
      'warning',
      /non-randomised design/,
    ],
    [
      'study_type',
      { study_type: 'systematic review', key_takeaway: 'This narrative review says little.' },
      'error',
      /narrative review/,
    ],
    ['source', { source_url: 'http://example.org' }, 'error', /https/],
    ['published', { published: '2025/03' }, 'error', /YYYY/],
  ] as const)('puts a %s issue beside its field (%j)', (field, change, severity, message) => {
    const c = checkForm({ ...form(), ...change });
    const issues = c.byField[field] ?? [];
    expect(issues.some((i) => i.severity === severity && message.test(i.message))).toBe(true);
    if (severity === 'error') expect(c.summary).toBeNull();
  });

  it('says a form with no identifier needs one, without naming a field', () => {
    const c = checkForm({ ...emptyForm(), study_type: 'cohort study', key_takeaway: 'x' });
    expect(c.general.map((i) => i.message)).toEqual(['needs at least one of doi, pmid, pmcid or title']);
  });

  it('gives a saved summary back as the same form', () => {
    const s = checkForm(form()).summary as Summary;
    const again = checkForm(summaryForm(s)).summary;
    expect(again).toEqual(s);
  });
});

describe('the prefill: what the page knew, through the URL fragment', () => {
  const sighting = {
    pmid: '39100001',
    doi: '10.5555/glance.2025.0001',
    title: 'A title of the paper here',
    url: 'https://pubmed.ncbi.nlm.nih.gov/39100001/',
  };
  const glance = {
    study_type: 'randomized controlled trial' as const,
    study_type_from: 'abstract' as const,
    study_type_evidence: 'randomly assigned',
    design_signals: [],
    design_evidence: {},
    sample_size: 212,
    sample_size_evidence: null,
    follow_up: null,
    conclusion: 'A coached home walking programme improved walking distance.',
    caveats: [{ id: 'open-label', text: 'Open label', reason: 'r', evidence: 'open-label' }],
    concepts: ['Aged', 'Walking'],
  };
  const hints = {
    publicationTypes: ['Multicenter Study', 'Randomized Controlled Trial'],
    studyType: 'randomized controlled trial' as const,
    retracted: false,
    expressionOfConcern: false,
  };

  it('round-trips and prefills identifiers, type, concepts, but never the takeaway', () => {
    const p = parseEditorParams(editorParams(prefillOf(sighting, hints, glance, '2025-03-14')));
    expect(p.conclusion).toBe(glance.conclusion);
    const { form: f, studyTypeFrom } = prefillForm(p, '2026-12-01');
    expect(f).toMatchObject({
      pmid: '39100001',
      published: '2025-03-14',
      study_type: 'randomized controlled trial',
      concepts: 'Aged\nWalking',
      key_takeaway: '',
      caveats: '',
      updated: '2026-12-01',
    });
    expect(studyTypeFrom).toEqual({
      from: 'publication type',
      words: 'Multicenter Study, Randomized Controlled Trial',
    });
  });

  it('keeps only known fields, as bounded text, from a hostile fragment', () => {
    const hash = `#${new URLSearchParams({ paper: JSON.stringify({ pmid: 1, title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)', evil: 'x', caveats: [{ text: 'a'.repeat(5000) }, 7] }) })}`;
    const p = parseEditorParams(hash);
    expect(p).toEqual({ title: '<img src=x onerror=alert(1)>', caveats: [{ text: 'a'.repeat(2000) }] });
    expect(parseEditorParams('#paper=%7Bnot json')).toEqual({});
  });

  it.each([
    ['2025/03/14', '2025-03-14'],
    ['2025-3', '2025-03'],
    ['2025 Mar 14', '2025-03-14'],
    ['2025 March', '2025-03'],
    ['2025-03-14T08:00:00Z', '2025-03-14'],
    ['March 2025', null],
  ])('reads the date %s as %s', (raw, want) => expect(normaliseDate(raw)).toBe(want));
});

describe('exports in the summaries/ format round-trip through the build’s parser', () => {
  const summaries = [
    checkForm(form()).summary as Summary,
    checkForm({
      ...emptyForm(),
      title: 'A cohort study of walking in older adults with claudication',
      study_type: 'cohort study',
      evidence_level: '2',
      key_takeaway: 'Walking: "more" is better: 10% fewer events.',
      caveats: 'yes\n- a dash\n#hash',
    }).summary as Summary,
  ];

  it('Markdown files come back field for field', () => {
    const files = Object.entries(unzipSync(markdownZip(summaries))).map(([path, bytes]) => ({
      path,
      text: new TextDecoder().decode(bytes),
    }));
    expect(files.map((f) => f.path)).toEqual([
      'summaries/pmid-39100001.md',
      'summaries/title-a_cohort_study_of_walking_in_older_adults_with_claudication.md',
    ]);
    const back = collectSummaries(files);
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(back.summaries).toEqual(summaries);
    expect(toMarkdown(summaries[0] as Summary)).toContain('pmid: "39100001"');
  });

  it('JSON Lines come back field for field', () => {
    const back = collectSummaries([{ path: 'yours.jsonl', text: jsonLines(summaries) }]);
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(back.summaries).toEqual(summaries);
    expect(toJsonLine(summaries[0] as Summary)).not.toContain('level_derived');
  });

  it('gives two summaries of one name two files', () => {
    const s = summaries[0] as Summary;
    expect(uniqueFileNames([s, s])).toEqual(['pmid-39100001.md', 'pmid-39100001-2.md']);
  });

  it('formFields leaves empty inputs out', () => {
    expect(formFields(emptyForm())).toEqual({});
  });
});
