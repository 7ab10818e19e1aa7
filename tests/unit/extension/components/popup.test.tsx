import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../lib/extension/components/Popup';

describe('the popup look-up box', () => {
  it.each([
    ['10.1056/NEJMoa2034577', { doi: '10.1056/NEJMoa2034577' }],
    ['doi: 10.1016/S0140-6736(20)30183-5.', { doi: '10.1016/S0140-6736(20)30183-5' }],
    ['https://doi.org/10.1001/jama.2020.1585', { doi: '10.1001/jama.2020.1585' }],
    ['https://doi.org/10.1002%2Fadvs.201500314', { doi: '10.1002/advs.201500314' }],
    ['42393435', { pmid: '42393435' }],
    ['PMID: 42393435', { pmid: '42393435' }],
    ['https://pubmed.ncbi.nlm.nih.gov/42393435/', { pmid: '42393435' }],
    ['pmc3531190', { pmcid: 'PMC3531190' }],
    [
      'Cytokine Networks Reprogram Bone Microenvironment',
      { title: 'Cytokine Networks Reprogram Bone Microenvironment' },
    ],
  ])('reads %s', (input, expected) => {
    expect(parseQuery(input)).toEqual(expected);
  });

  it.each(['', '   ', 'short'])('asks for more than %j', (input) => {
    expect(parseQuery(input)).toBeNull();
  });
});
