import { describe, expect, it } from 'vitest';
import { excludedNames } from '../../../../lib/shared/identify/dom';

describe('excluded containers by class or id', () => {
  it.each([
    'references',
    'c-article-references',
    'ref-list font-sm',
    'references-list',
    'similar-articles',
    'citedby-articles',
    'citedByList',
    'cited-by',
    'RelatedContentPanel',
    'related-articles',
    'articleRecommendations',
    'recommended-articles',
    'figure-wrap',
    'fig',
    'supplementary-material',
    'site-footer',
    'article-sidebar',
    'c-ad c-ad--728x90',
    'leaderboard-ad',
    'more-like-this',
    'bibliography',
  ])('%s', (names) => {
    expect(excludedNames(names)).toBe(true);
  });

  it.each([
    'pkp_structure_content has_sidebar',
    'layout with-sidebar',
    'article-body',
    'c-article-header',
    'heading',
    'download-pdf',
    'shadow-box',
    'readable-text',
    'highwire-cite-metadata',
    'abstract',
    'is-open js-references-toggle',
    'page clearfix page-box-shadows footer-borders panels-page',
    'ad-free-layout',
    '',
  ])('not %s', (names) => {
    expect(excludedNames(names)).toBe(false);
  });
});
