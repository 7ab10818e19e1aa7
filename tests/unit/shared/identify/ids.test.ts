import { describe, expect, it } from 'vitest';
import {
  findLabelledPmcid,
  findLabelledPmid,
  parsePmcid,
  parsePmid,
} from '../../../../lib/shared/identify/ids';

describe('PMIDs', () => {
  it.each([
    ['bare digits', '23825705', '23825705'],
    ['PMID label', 'PMID: 15940349', '15940349'],
    ['pmid: prefix', 'pmid:23825705', '23825705'],
    ['info:pmid/ URI from dc.identifier', 'info:pmid/24690312', '24690312'],
    ['surrounding space', ' 25817406 ', '25817406'],
  ])('%s', (_why, input, expected) => {
    expect(parsePmid(input)).toBe(expected);
  });

  it.each([
    ['a PMCID is not a PMID', 'PMC3531190'],
    ['leading zero', '0123456'],
    ['ten digits', '1234567890'],
    ['a list of ids', '27838723,26865212'],
    ['empty', ''],
    ['letters', 'abc'],
  ])('rejects %s', (_why, input) => {
    expect(parsePmid(input)).toBeNull();
  });

  it('reads the legacy PubMed label', () => {
    expect(findLabelledPmid('PMID: 15940349 [PubMed - indexed for MEDLINE]')).toBe('15940349');
  });

  it('does not read a PMCID as a PMID', () => {
    expect(findLabelledPmid('PMCID: PMC3531190')).toBeNull();
  });
});

describe('PMCIDs', () => {
  it.each([
    ['canonical form', 'PMC3531190', 'PMC3531190'],
    ['lower case from a URL', 'pmc3691982', 'PMC3691982'],
    ['label', 'PMCID: PMC6494974', 'PMC6494974'],
  ])('%s', (_why, input, expected) => {
    expect(parsePmcid(input)).toBe(expected);
  });

  it.each([
    ['bare digits are never taken for a PMCID', '3531190'],
    ['a PMID label', 'PMID: 23193287'],
    ['PMC with nothing after it', 'PMC'],
  ])('rejects %s', (_why, input) => {
    expect(parsePmcid(input)).toBeNull();
  });

  it('finds the label in a PMC citation block', () => {
    expect(findLabelledPmcid('PMCID: PMC3531190  PMID: 23193287')).toBe('PMC3531190');
  });
});
