/**
 * Sites where the content script runs out of the box: the article hosts readers use most. Any
 * other site is opt-in, from the popup (optional host permission) or once per tab (activeTab).
 */
export const ARTICLE_HOSTS = [
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://pmc.ncbi.nlm.nih.gov/*',
  'https://www.ncbi.nlm.nih.gov/*',
  'https://europepmc.org/*',
  'https://www.biorxiv.org/*',
  'https://www.medrxiv.org/*',
  'https://doi.org/*',
  'https://www.sciencedirect.com/*',
  'https://link.springer.com/*',
  'https://www.nature.com/*',
  'https://*.biomedcentral.com/*',
  'https://onlinelibrary.wiley.com/*',
  'https://www.tandfonline.com/*',
  'https://journals.sagepub.com/*',
  'https://academic.oup.com/*',
  'https://jamanetwork.com/*',
  'https://www.nejm.org/*',
  'https://www.thelancet.com/*',
  'https://www.bmj.com/*',
  'https://journals.plos.org/*',
  'https://www.frontiersin.org/*',
  'https://www.mdpi.com/*',
  'https://www.cell.com/*',
  'https://pubs.acs.org/*',
  'https://ieeexplore.ieee.org/*',
  'https://arxiv.org/*',
];
