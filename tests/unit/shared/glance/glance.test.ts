/**
 * glance() on abstracts written for these tests: each design signal and caveat with the words it
 * rests on, word numbers, totals rather than subgroups, and null where the text does not say.
 */
import { describe, expect, it } from 'vitest';
import { glance } from '../../../../lib/shared/glance';
import { CAVEATS } from '../../../../lib/shared/glance/caveats';
import { numberValue } from '../../../../lib/shared/glance/sample';

const ids = (abstract: string, extra: Partial<Parameters<typeof glance>[0]> = {}) =>
  glance({ abstract, ...extra }).caveats.map((c) => c.id);

describe('study type', () => {
  it.each([
    [
      'We randomly assigned 300 adults with gout to allopurinol or febuxostat. Flares were fewer with febuxostat. Febuxostat may be preferred.',
      'randomized controlled trial',
    ],
    [
      'We searched MEDLINE, Embase and CENTRAL for trials of zinc for colds and pooled 14 trials with a random-effects model. Zinc shortened colds.',
      'meta-analysis',
    ],
    [
      'We systematically searched PubMed and Embase for studies of loneliness in students. Twenty studies were included. Loneliness is common.',
      'systematic review',
    ],
    [
      'In this prospective cohort of 5,210 nurses followed for 12 years, shift work was associated with diabetes. Shift work may raise risk.',
      'cohort study',
    ],
    [
      'We conducted a case-control study with 200 cases of bladder cancer and 400 matched controls. Smoking was associated with cancer.',
      'case-control study',
    ],
    [
      'We report a 54-year-old woman who developed hiccups after starting a new antibiotic. The hiccups stopped when the drug was withdrawn.',
      'case report',
    ],
    [
      'Adult mice were fed a high-fat diet and their liver fat was measured. The diet raised liver fat in mice. Fat accumulates quickly.',
      'preclinical',
    ],
    [
      'In this cross-sectional survey, 1,020 teachers completed a questionnaire on voice problems. Voice problems were common.',
      'cross-sectional study',
    ],
  ])('%s → %s', (abstract, type) => {
    const g = glance({ abstract });
    expect(g.study_type).toBe(type);
    expect(g.study_type_from).toBe('abstract');
    expect(abstract).toContain(g.study_type_evidence);
  });

  it('takes a listed publication type first, and says so', () => {
    const g = glance({
      abstract: 'This article discusses what is known about migraine in children.',
      publicationTypes: ['Journal Article', 'Review'],
    });
    expect(g.study_type).toBe('narrative review');
    expect(g.study_type_from).toBe('publication type');
    expect(g.study_type_evidence).toBe('Review');
  });

  it('reads "Clinical Trial" as randomised only when the text says so', () => {
    const plain = 'Twenty patients with psoriasis received the new cream for 12 weeks. Plaques improved.';
    expect(glance({ abstract: plain, publicationTypes: ['Clinical Trial'] }).study_type).toBe(
      'non-randomized controlled trial',
    );
    const rand =
      'Sixty patients with psoriasis were randomized to the cream or its vehicle. Plaques improved.';
    const g = glance({ abstract: rand, publicationTypes: ['Clinical Trial'] });
    expect(g.study_type).toBe('randomized controlled trial');
    expect(g.study_type_from).toBe('abstract');
  });

  it('is null when nothing says the design', () => {
    const g = glance({ abstract: 'Thirst is a feeling. It varies.' });
    expect(g.study_type).toBeNull();
    expect(g.study_type_from).toBeNull();
    expect(g.study_type_evidence).toBeNull();
  });
});

describe('design signals', () => {
  it('names each signal with its exact words', () => {
    const abstract =
      'In this multicentre, double-blind, placebo-controlled, phase III non-inferiority trial, 480 adults were randomised. A post hoc subgroup analysis examined older adults. A crossover extension was prospective.';
    const g = glance({ abstract });
    expect(g.design_signals).toEqual(
      expect.arrayContaining([
        'randomised',
        'double-blind',
        'placebo-controlled',
        'multicentre',
        'non-inferiority',
        'phase 3',
        'post hoc',
        'subgroup',
        'crossover',
        'prospective',
      ]),
    );
    expect(g.design_evidence['phase 3']).toBe('phase III');
    expect(g.design_evidence['double-blind']).toBe('double-blind');
    for (const words of Object.values(g.design_evidence)) expect(abstract).toContain(words);
  });

  it('reads "phase I/II" as two phases and a cluster trial as cluster', () => {
    const g = glance({
      abstract:
        'We ran a phase I/II trial. Separately, a cluster randomised trial of 30 villages was done. Results were good.',
    });
    expect(g.design_signals).toEqual(expect.arrayContaining(['phase 1', 'phase 2', 'cluster']));
  });

  it('does not read the reviewed trials\u2019 design as the review\u2019s own', () => {
    const g = glance({
      abstract:
        'We performed a systematic review and meta-analysis of double-blind randomised trials of melatonin. Pooled estimates favoured melatonin.',
    });
    expect(g.study_type).toBe('meta-analysis');
    expect(g.design_signals).not.toContain('double-blind');
    expect(g.design_signals).not.toContain('randomised');
  });
});

describe('sample size', () => {
  it.each([
    ['In total, 1,204 participants were randomised to the two arms.', 1204],
    ['Forty-two adults with eczema were enrolled and treated.', 42],
    ['We enrolled one hundred and twenty patients at three clinics.', 120],
    ['Two hundred thirty-eight women were randomly assigned to yoga or stretching.', 238],
    ['METHODS 99 patients with severe pain after surgery received the drug.', 99],
  ])('%s → %d', (abstract, n) => {
    const g = glance({ abstract });
    expect(g.sample_size).toBe(n);
    expect(abstract).toContain(g.sample_size_evidence);
  });

  it('gives the total, not a subgroup or an arm', () => {
    const g = glance({
      abstract:
        'We randomised 400 patients with heart failure. Of these, 120 women were analysed separately. In the drug group, 30 patients died.',
    });
    expect(g.sample_size).toBe(400);
  });

  it('does not count per-arm numbers, percentages or doses', () => {
    expect(
      glance({ abstract: 'Thirty patients in each group received 50 mg of the drug daily. Pain fell.' })
        .sample_size,
    ).toBeNull();
    expect(
      glance({ abstract: 'About 45% of patients reported pain, and 20 mg doses were used. Pain fell.' })
        .sample_size,
    ).toBeNull();
  });

  it('is null when unsure', () => {
    const g = glance({ abstract: 'Pain is common after surgery. The drug reduced it. It may help.' });
    expect(g.sample_size).toBeNull();
    expect(g.sample_size_evidence).toBeNull();
  });

  it('parses number words', () => {
    expect(numberValue('Forty-two')).toBe(42);
    expect(numberValue('one hundred and twenty')).toBe(120);
    expect(numberValue('Two hundred thirty-eight')).toBe(238);
    expect(numberValue('1,204')).toBe(1204);
    expect(numberValue('many')).toBeNull();
  });
});

describe('follow-up and conclusion', () => {
  it('quotes the follow-up as written', () => {
    const g = glance({
      abstract:
        'We randomised 500 adults. After a median follow-up of 4.2 years, strokes were fewer. The drug prevents strokes.',
    });
    expect(g.follow_up).toBe('median follow-up of 4.2 years');
    expect(g.caveats.map((c) => c.id)).not.toContain('short-follow-up');
  });

  it('takes the Conclusions section without its registration trailer', () => {
    const abstract =
      'BACKGROUND: Knee pain is common. METHODS: We randomised 200 adults. RESULTS: Pain fell (P=0.01). CONCLUSIONS: Exercise relieves knee pain. TRIAL REGISTRATION: NCT00000001.';
    expect(glance({ abstract }).conclusion).toBe('Exercise relieves knee pain.');
  });

  it('takes the closing conclusion of a plain abstract, verbatim', () => {
    const abstract =
      'Knee pain limits walking in older adults. We randomised 200 adults to exercise or advice. Pain fell by 2 points with exercise (95% CI 1 to 3). In conclusion, exercise relieves knee pain in older adults.';
    expect(glance({ abstract }).conclusion).toBe(
      'In conclusion, exercise relieves knee pain in older adults.',
    );
  });

  it('uses the sections passed in', () => {
    const g = glance({
      abstract: 'Findings: Mortality was lower. Interpretation: The drug saves lives. Funding: None.',
      sections: [
        { label: 'Findings', role: 'results', text: 'Mortality was lower.' },
        { label: 'Interpretation', role: 'conclusions', text: 'The drug saves lives.' },
        { label: 'Funding', role: 'funding', text: 'None.' },
      ],
    });
    expect(g.conclusion).toBe('The drug saves lives.');
  });
});

describe('caveats', () => {
  it.each([
    [
      'observational',
      'In this retrospective cohort study of 900 adults, coffee was associated with longer life. Coffee may be good for you.',
    ],
    [
      'small-sample',
      'Twelve patients were randomised to the device or sham. Pain fell. The device may help.',
    ],
    [
      'single-centre',
      'This single-centre trial randomised 300 patients. Infections fell. The dressing helps.',
    ],
    [
      'open-label',
      'In this open-label trial, 300 patients were randomised. Infections fell. The dressing helps.',
    ],
    [
      'short-follow-up',
      'We randomised 300 patients and followed them for 4 weeks. Infections fell. The dressing helps.',
    ],
    ['pilot', 'This pilot trial randomised 60 patients. Recruitment was good. A full trial is feasible.'],
    [
      'subgroup',
      'This secondary analysis of a trial of 3,000 patients looked at women. Benefits were similar. The drug helps women.',
    ],
    [
      'post-hoc',
      'In a post hoc analysis of 3,000 randomised patients, older adults benefited. The drug helps older adults.',
    ],
    [
      'surrogate-outcome',
      'We randomised 400 adults with diabetes. The primary outcome was HbA1c at 6 months. HbA1c fell. The drug lowers glucose.',
    ],
    [
      'composite-outcome',
      'We randomised 9,000 adults. The primary outcome was a composite end point of stroke, infarction or death. It fell. The drug helps.',
    ],
    [
      'animal-only',
      'Rats were given the compound for 10 days and their blood pressure was measured. It fell. The compound lowers pressure.',
    ],
    [
      'in-vitro-only',
      'Cultured cells were exposed to the compound in vitro and their growth was measured. Growth slowed. The compound is promising.',
    ],
  ])('%s', (id, abstract) => {
    const g = glance({ abstract });
    const c = g.caveats.find((x) => x.id === id);
    expect(c, JSON.stringify(g.caveats)).toBeDefined();
    expect(abstract).toContain(c!.evidence);
    expect(c!.text).toBe(CAVEATS[id as keyof typeof CAVEATS].text);
  });

  it('flags a preprint by the address host, and retraction, erratum and concern by publication type', () => {
    const abstract = 'We randomised 300 adults. Colds were fewer. Zinc may help.';
    const pre = glance({ abstract, url: 'https://www.medrxiv.org/content/10.1101/2025.01.01.25000001v1' });
    expect(pre.caveats.find((c) => c.id === 'preprint')?.evidence).toBe('medrxiv.org');
    expect(pre.design_signals).toContain('preprint');
    const types = [
      'Randomized Controlled Trial',
      'Retracted Publication',
      'Published Erratum',
      'Expression of Concern',
    ];
    const g = glance({ abstract, publicationTypes: types });
    expect(
      g.caveats
        .filter((c) => ['retracted', 'erratum', 'expression-of-concern'].includes(c.id))
        .map((c) => c.evidence),
    ).toEqual(['Retracted Publication', 'Expression of Concern', 'Published Erratum']);
  });

  it('gives no caveat the text does not support', () => {
    expect(
      ids(
        'In this multicentre, double-blind trial, 2,400 adults were randomised and followed for 3 years. Strokes fell. The drug prevents strokes.',
      ),
    ).toEqual([]);
  });
});

describe('concepts', () => {
  it('joins MeSH terms and keywords, de-duplicated case-insensitively, in input order', () => {
    const g = glance({ abstract: 'x', meshTerms: ['Asthma', 'Child'], keywords: ['asthma', 'air filters'] });
    expect(g.concepts).toEqual(['Asthma', 'Child', 'air filters']);
  });
});
