import { describe, expect, it } from 'vitest';
import { anyGlob, globToRegExp, linkPath, normalizePath } from './glob.ts';

describe('globToRegExp', () => {
  it.each([
    ['/pricing', '/pricing', true],
    ['/pricing', '/pricing/teams', false],
    ['/pricing/**', '/pricing', true],
    ['/pricing/**', '/pricing/teams/annual', true],
    ['/pricing/**', '/pricing-old', false],
    ['/blog/*', '/blog/why-scoring', true],
    ['/blog/*', '/blog/2026/why-scoring', false],
    ['/blog/**', '/blog/2026/why-scoring', true],
    ['/resources/*.pdf', '/resources/ICP-Guide.PDF', true],
    ['/resources/*.pdf', '/resources/guide.pdfx', false],
    ['/careers*', '/careers-page', true],
    ['/a.b', '/aXb', false],
    ['/x(y)?', '/x(y)?', true],
    ['demo-*', 'DEMO-request', true],
  ])('%s vs %s → %s', (glob, text, expected) => {
    expect(globToRegExp(glob).test(text)).toBe(expected);
  });

  it('matches any of a list', () => {
    const isDocs = anyGlob(['/docs/**', '/integrations/**']);
    expect([isDocs('/integrations/slack'), isDocs('/docs'), isDocs('/pricing')]).toEqual([true, true, false]);
  });
});

describe('normalizePath and linkPath', () => {
  it.each([
    ['/pricing/', '/pricing'],
    ['/pricing?plan=pro#faq', '/pricing'],
    ['pricing', '/pricing'],
    ['/', '/'],
    ['//', '/'],
  ])('normalizePath(%s) = %s', (path, expected) => expect(normalizePath(path)).toBe(expected));

  it.each([
    ['https://cdn.example/resources/guide.pdf?x=1', '/resources/guide.pdf'],
    ['/resources/guide.pdf', '/resources/guide.pdf'],
    ['guide.pdf', '/resources/guide.pdf'],
  ])('linkPath(%s) = %s', (href, expected) => expect(linkPath(href, 'https://demo.example/resources/')).toBe(expected));
});
