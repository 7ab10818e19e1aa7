/**
 * The finer rules of the glance, each on abstracts written for these tests: a trial proposed is not
 * the study's design, randomisation said in other words, cues that mean little alone, the
 * sentences that make up a plain abstract's conclusion, and the abstract reader's selector checks.
 */
import { describe, expect, it } from 'vitest';
import { glance, readAbstract } from '../../../../lib/shared/glance';
import { parsePage } from '../../../support/glance-score';

const typeOf = (abstract: string, title = '') => glance({ title, abstract }).study_type;

describe('a design proposed is not the design used', () => {
  it.each([
    'Twelve adults with tinnitus used a sound app for six weeks in this pilot study. Adherence was high and no harms occurred. A randomised controlled trial is feasible.',
    'Twenty clinics joined this feasibility study of text reminders. Most patients read the reminders. Future randomized trials should test whether reminders improve attendance.',
    'We piloted a home exercise booklet with 18 older adults. Recruitment was slow. These findings will inform a definitive randomised controlled trial.',
  ])('a pilot that calls for a trial is not a randomised trial: %s', (abstract) => {
    const g = glance({ abstract });
    expect(g.study_type).not.toBe('randomized controlled trial');
    expect(g.design_signals).not.toContain('randomised');
  });

  it('still reads the trial the authors ran', () => {
    const abstract =
      'We conducted a randomised controlled trial to evaluate a sleep app in 140 students. Sleep improved. Larger trials are needed.';
    const g = glance({ abstract });
    expect(g.study_type).toBe('randomized controlled trial');
    expect(g.study_type_evidence).toBe('randomised controlled trial');
  });
});

describe('randomisation in other words', () => {
  it.each([
    [
      'Ninety children with warts were divided into two groups randomly and treated with cryotherapy or duct tape. Clearance was similar.',
      'divided into two groups randomly',
    ],
    [
      'A randomized, blinded trial in 120 women compared two creams for eczema of the hands. Itch fell with both creams.',
      'randomized, blinded trial',
    ],
    [
      'Sixteen sleepers wore a nasal strip and a sham strip on two nights in random order. Snoring was quieter with the strip.',
      'in random order',
    ],
  ])('%s', (abstract, words) => {
    const g = glance({ abstract });
    expect(g.study_type).toBe('randomized controlled trial');
    expect(g.study_type_evidence).toBe(words);
  });

  it('keeps a pooled analysis of a group\u2019s own randomised trials a trial reading', () => {
    const title = 'A pooled analysis of two cooperative group trials of adjuvant therapy';
    const abstract =
      'Patients took part in two multicentre randomized trials of adjuvant therapy. Data of 640 patients randomized to therapy or observation were pooled. Relapse-free survival was longer with therapy.';
    expect(typeOf(abstract, title)).toBe('randomized controlled trial');
  });

  it('reads rats randomised to diets as an experiment, not a trial', () => {
    const title = 'A fish-oil diet lowers liver fat in rats';
    const abstract =
      'Obesity in patients is linked to fatty liver. Forty male rats were randomly assigned to a fish-oil or a lard diet for eight weeks. Liver fat was lower with fish oil.';
    expect(typeOf(abstract, title)).toBe('preclinical');
  });
});

describe('cues that mean little alone', () => {
  it('reads "grade 3 toxicity" as a trial result, not a review\u2019s GRADE rating', () => {
    const abstract =
      'Thirty patients with advanced sarcoma received weekly infusions of a new drug. Grade 3 toxicity occurred in four patients and the response rate was 20%.';
    const g = glance({ abstract });
    expect(g.study_type).toBe('non-randomized controlled trial');
    expect(g.study_type).not.toBe('systematic review');
  });

  it('reads "we report the feasibility" as a report of results, not a case report', () => {
    const abstract =
      'We report the feasibility and efficacy of a weekly swim programme. Twenty-four adults with back pain received 10 sessions of swimming. Pain fell by a third.';
    expect(typeOf(abstract)).toBe('non-randomized controlled trial');
  });

  it('still reads "we describe a female neonate" as a case report', () => {
    const abstract =
      'Teratomas of the neck are rare. We describe a female neonate with a large neck mass that blocked the airway. The mass was removed on day two.';
    const g = glance({ abstract });
    expect(g.study_type).toBe('case report');
    expect(g.study_type_evidence).toBe('We describe a female neonate');
  });

  it('reads a review that calls itself one', () => {
    const abstract =
      'Sleep and memory are closely linked. This review summarizes recent advances in how sleep spindles shape recall, and future directions for treating insomnia.';
    expect(typeOf(abstract)).toBe('narrative review');
  });
});

describe('closing sentences of a plain abstract', () => {
  it('takes the sentence a closing "However, …" leans on', () => {
    const abstract =
      'Adults with migraine were randomised to a nasal spray or placebo. Pain freedom at two hours was 31% with the spray and 12% with placebo (P < 0.001). The spray relieves migraine pain within two hours. However, taste disturbance was common with the spray.';
    expect(glance({ abstract }).conclusion).toBe(
      'The spray relieves migraine pain within two hours. However, taste disturbance was common with the spray.',
    );
  });

  it('leaves out a result sentence about the groups before the conclusion', () => {
    const abstract =
      'Ninety pupils were randomised to a reading game or usual lessons. Reading scores rose by 8 points with the game (P = 0.01). Results showed that pupils in the intervention group read more books at home. A reading game can improve reading in primary school.';
    expect(glance({ abstract }).conclusion).toBe('A reading game can improve reading in primary school.');
  });

  it('does not read a drug concentration as a statistic', () => {
    const abstract =
      'Sixty adults having knee surgery were randomised to two nerve blocks. Pain scores at six hours were lower with the adductor block (P = 0.02). An adductor canal block with ropivacaine 0.2% gives better early analgesia than a femoral block. It also spares the quadriceps.';
    expect(glance({ abstract }).conclusion).toBe(
      'An adductor canal block with ropivacaine 0.2% gives better early analgesia than a femoral block. It also spares the quadriceps.',
    );
  });
});

describe('readAbstract selector checks', () => {
  it('matches a simple selector by its class words and ignores a longer class that only contains it', () => {
    const text =
      'Objective: To test a thing in people who need it. Methods: We tested it well. Conclusions: It works in these people.';
    const doc = parsePage(
      `<html><body><div class="abstract-contentish">Not the abstract, only a longer class name that contains the word.</div><div class="abstract-content extra">${text}</div></body></html>`,
    );
    const a = readAbstract(doc, 'https://pubmed.ncbi.nlm.nih.gov/12345/');
    expect(a?.via).toBe('pubmed');
    expect(a?.text).toContain('It works in these people.');
    expect(a?.text).not.toContain('longer class name');
  });

  it('reads each candidate once even when several selectors match it', () => {
    const doc = parsePage(
      '<html><body><section id="abstract" class="abstract"><p>Background: Hand washing matters in schools. Results: Absences fell in the washing schools. Conclusion: Schools should teach hand washing.</p></section></body></html>',
    );
    const a = readAbstract(doc, 'https://example.org/paper');
    expect(a?.via).toBe('generic #abstract');
    expect(a?.sections.find((s) => s.role === 'conclusions')?.text).toBe(
      'Schools should teach hand washing.',
    );
  });
});
