/**
 * Rules of the glance's reading of abstracts, each on an abstract written for these tests: how long
 * participants were followed (not how long they were treated), which closing sentences make up a
 * plain abstract's conclusion, and the cues that name a review or a case report.
 */
import { describe, expect, it } from 'vitest';
import { glance, readAbstract, readPageFacts } from '../../../../lib/shared/glance';
import { followUp } from '../../../../lib/shared/glance/sample';
import { parsePage } from '../../../support/glance-score';

const caveatIds = (abstract: string, title = ''): string[] =>
  glance({ title, abstract }).caveats.map((c) => c.id);

describe('follow-up, not the treatment period', () => {
  it('does not read a treatment period as the follow-up', () => {
    const abstract =
      'We randomised 240 adults with knee pain to turmeric 500 mg daily or placebo for 8 weeks. Pain scores fell more with turmeric. Turmeric may relieve knee pain.';
    const g = glance({ abstract });
    expect(g.follow_up).toBeNull();
    expect(caveatIds(abstract)).not.toContain('short-follow-up');
  });

  it('reads the time of the outcome assessment, not the treatment period before it', () => {
    const abstract =
      'We randomised 240 adults with knee pain to turmeric 500 mg daily or placebo for 8 weeks. Pain and function were assessed at baseline and at 12 months. Pain scores fell more with turmeric. Turmeric may relieve knee pain.';
    const g = glance({ abstract });
    expect(g.follow_up).toBe('12 months');
    expect(caveatIds(abstract)).not.toContain('short-follow-up');
  });

  it('reads a list of assessment times, up to the last', () => {
    const f = followUp(
      'Children received a reading programme for 10 weeks. Reading was tested at 3, 6 and 12 months after the programme.',
    );
    expect(f?.words).toBe('3, 6 and 12 months');
    expect(f?.days).toBeCloseTo(365, 0);
  });

  it('prefers the stated follow-up to assessment times', () => {
    const f = followUp(
      'Quality of life was measured at 6 months. After a median follow-up of 3.1 years, fewer patients in the surgery group had died.',
    );
    expect(f?.words).toBe('median follow-up of 3.1 years');
  });

  it('reads a result given at a time', () => {
    const f = followUp(
      'Ninety smokers were given a text-message programme or leaflets for 6 weeks. At 6 months, more smokers had quit with text messages.',
    );
    expect(f?.words).toBe('6 months');
  });

  it('reads the length of the trial itself', () => {
    const f = followUp('In this 16-week randomised trial, 120 adults took the drug daily for 2 weeks.');
    expect(f?.words).toBe('16-week randomised trial');
  });

  it.each([
    'Patients were treated with the cream twice daily for 4 weeks. Itch fell.',
    'Participants received 10 sessions of physiotherapy over 6 weeks. Pain fell.',
    'Drug X was given for 12 weeks in a 6-month intervention programme. Weight fell.',
  ])('leaves it null when only treatment is timed: %s', (text) => {
    expect(followUp(text)).toBeNull();
  });

  it('still gives the short-follow-up caveat for a short stated follow-up', () => {
    expect(
      caveatIds(
        'We randomised 300 patients to the new dressing or usual care. Wounds were examined at 2 weeks. Infections fell. The dressing helps.',
      ),
    ).toContain('short-follow-up');
  });
});

describe('the conclusion of a plain abstract', () => {
  it('takes the main finding restated before "We conclude"', () => {
    const abstract =
      'Breathing devices are sold to lower blood pressure. We randomised 90 adults with hypertension to the device or music. Systolic pressure fell by 3 mmHg with the device and 2 mmHg with music (P = 0.62). Quality of life did not change. We found no effect of the device on blood pressure or quality of life. We conclude that the device has no place in the treatment of hypertension.';
    expect(glance({ abstract }).conclusion).toBe(
      'We found no effect of the device on blood pressure or quality of life. We conclude that the device has no place in the treatment of hypertension.',
    );
  });

  it('takes the sentence a closing "Therefore" draws on', () => {
    const abstract =
      'Pain after hernia repair delays discharge. We randomised 120 adults to gabapentin or placebo before surgery. Pain scores at 24 hours were 2.1 and 3.9 (P < 0.01). Patients given gabapentin used less morphine and reported lower pain scores than those given placebo. Therefore, gabapentin before hernia repair is worth giving.';
    expect(glance({ abstract }).conclusion).toBe(
      'Patients given gabapentin used less morphine and reported lower pain scores than those given placebo. Therefore, gabapentin before hernia repair is worth giving.',
    );
  });

  it.each([
    ['p less than', 'Exercise improves balance and reduces falls (p less than .01).'],
    ['a hazard ratio', 'Exercise reduces falls in frail adults (hazard ratio, .62) and improves balance.'],
    ['a share in words', 'The balance test identifies 92 per cent of those who will fall and is quick.'],
    ['a mean with its SD', 'Exercise improves balance scores, 1.5 (SD 0.5) against 0.2, and reduces fear.'],
  ])('leaves out a result reported with %s', (_what, result) => {
    const abstract = `Older adults fall often. We randomised 300 adults to exercise classes or leaflets. Adherence was good. ${result} Exercise classes can prevent falls in older adults.`;
    expect(glance({ abstract }).conclusion).toBe('Exercise classes can prevent falls in older adults.');
  });

  it('takes a restatement of the question in the title, though it reads like a result', () => {
    const title = 'Intranasal ketamine for pain after tonsillectomy in children';
    const abstract =
      'Tonsillectomy is painful for children. We randomised 80 children to intranasal ketamine or saline at the end of surgery. Pain scores at 6 hours were 2.0 and 4.1 (P < 0.01). Rescue analgesia was needed by 5 and 17 children (P < 0.01). Intranasal ketamine at the end of tonsillectomy was associated with lower pain in children. Less rescue analgesia was needed and no child had hallucinations.';
    expect(glance({ title, abstract }).conclusion).toBe(
      'Intranasal ketamine at the end of tonsillectomy was associated with lower pain in children. Less rescue analgesia was needed and no child had hallucinations.',
    );
    // Without the title, the restatement reads as one more result.
    expect(glance({ abstract }).conclusion).toBe(
      'Less rescue analgesia was needed and no child had hallucinations.',
    );
  });

  it('leaves out a result sentence far from the title\u2019s words', () => {
    const title = 'Honey for cough in children with colds';
    const abstract =
      'Cough keeps children and parents awake. We randomised 150 children with colds to honey or no treatment at bedtime. Cough frequency scores fell by 1.9 and 1.1 points (P = 0.02). Parents in both arms rated their sleep as better on the second night. Honey at bedtime may relieve night-time cough in children with colds.';
    expect(glance({ title, abstract }).conclusion).toBe(
      'Honey at bedtime may relieve night-time cough in children with colds.',
    );
  });
});

describe('reviews and case reports named by their words', () => {
  it.each([
    'Air in the veins: diagnosis and management',
    'Gout: an update',
    'Sepsis: recognition and treatment',
  ])('a title promising management or an update names a review: %s', (title) => {
    const abstract =
      'Venous air is an uncommon but dangerous event. Most cases follow procedures. Management includes oxygen and positioning. Hyperbaric oxygen is the definitive treatment.';
    const g = glance({ title, abstract });
    expect(g.study_type).toBe('narrative review');
    expect(title).toContain(g.study_type_evidence!);
  });

  it('does not read those words as a review in the body', () => {
    const abstract =
      'This abstract mentions diagnosis and management: an update of nothing in particular. Readers are few.';
    expect(glance({ abstract }).study_type).not.toBe('narrative review');
  });

  it('reads "we saw two unusual cases" as a case report', () => {
    const abstract =
      'Sarcoma of the nose rarely reaches the eyes. We saw two unusual cases of children whose sight failed within days. Scans were first read as normal. We recommend early scans in any child losing sight quickly.';
    const g = glance({ abstract });
    expect(g.study_type).toBe('case report');
    expect(g.study_type_evidence).toBe('We saw two unusual cases');
  });

  it('reads a title about one person as a case report', () => {
    const title = 'A new mutation of a repair gene in a Moroccan man with familial breast cancer';
    const abstract =
      'Breast cancer in men is rare. Sequencing of the gene was done. A new nonsense mutation was found.';
    const g = glance({ title, abstract });
    expect(g.study_type).toBe('case report');
    expect(g.study_type_evidence).toBe('in a Moroccan man');
  });

  it('does not read "in a patient population" in a title as one person', () => {
    const title = 'Vitamin D in a patient population with chronic kidney disease';
    const abstract =
      'We measured vitamin D in 400 adults with chronic kidney disease in a cross-sectional survey. Deficiency was common.';
    expect(glance({ title, abstract }).study_type).toBe('cross-sectional study');
  });
});

describe('the page reader on fewer queries', () => {
  it('finds keyword blocks whatever the case of "keyword" in their class', () => {
    const doc = parsePage(
      '<html><body><div class="c-article-Keywords">Keywords: asthma; inhalers</div><p id="my-keyword-list">Keywords: spacers</p></body></html>',
    );
    expect(readPageFacts(doc).keywords).toEqual(['asthma', 'inhalers', 'spacers']);
  });

  it('reads a site block named by a descendant selector', () => {
    const text =
      'Exercise therapy for claudication was compared with advice in 120 adults. Walking distance improved with exercise. Exercise helps.';
    const doc = parsePage(
      `<html><body><div class="header abstract"><span>Journal of Walking</span></div><div id="abstract"><div class="abstract-content"><p>${text}</p></div></div></body></html>`,
    );
    const a = readAbstract(doc, 'https://pubmed.ncbi.nlm.nih.gov/1/');
    expect(a?.text).toBe(text);
    expect(a?.via).toBe('pubmed');
  });

  it('keeps at most sixty keywords from a page with thousands', () => {
    const metas = Array.from(
      { length: 50 },
      (_, i) =>
        `<meta name="keywords" content="${Array.from({ length: 100 }, (_, j) => `term${i}x${j}`).join('; ')}">`,
    ).join('');
    const doc = parsePage(`<html><head>${metas}</head><body></body></html>`);
    const { keywords } = readPageFacts(doc);
    expect(keywords.length).toBe(60);
    expect(keywords[0]).toBe('term0x0');
  });
});
