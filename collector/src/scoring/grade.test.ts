import { describe, expect, it } from 'vitest';
import { scoreLead } from './evaluate.ts';
import { fitLetter, gradeOf, intentNumber } from './grade.ts';
import { defaultScoring } from './default-scoring.ts';
import { compile, submit, T0, view } from './test-helpers.ts';

const { grade } = defaultScoring; // A ≥ 75, B ≥ 50, C ≥ 25; 1 ≥ 60, 2 ≥ 40, 3 ≥ 15

describe('grade', () => {
  it.each([
    [100, 'A'], [75, 'A'], [74.9, 'B'], [50, 'B'], [49.9, 'C'], [25, 'C'], [24.9, 'D'], [0, 'D'],
  ])('fit %d → %s', (fit, letter) => expect(fitLetter(fit, grade.fit)).toBe(letter));

  it.each([
    [200, 1], [60, 1], [59.9, 2], [40, 2], [39.9, 3], [15, 3], [14.9, 4], [0, 4],
  ])('intent %d → %d', (intent, number) => expect(intentNumber(intent, grade.intent)).toBe(number));

  it('combines letter and number', () => {
    expect([gradeOf(80, 65, grade), gradeOf(30, 20, grade), gradeOf(0, 0, grade)]).toEqual(['A1', 'C3', 'D4']);
  });
});

describe('the MQL bar and the distance to it', () => {
  // Fit 50 from one rule; pricing (high intent) 20 a visit; blog (content) 20 a visit.
  const rules = compile({
    fit: [{ id: 'tier', points: 50, when: { tier: ['tier1'] } }],
    intent: [
      { id: 'pricing', points: 20, cap: 100, highIntent: true, match: { kind: 'page', path: '/pricing' } },
      { id: 'blog', points: 20, cap: 100, match: { kind: 'page', path: '/blog/*' } },
      { id: 'careers', points: -5, cap: 5, match: { kind: 'page', path: '/careers' } },
    ],
    mql: { minFit: 50, minIntent: 40 },
  });
  const target = { email: 'a@acme.com', account: { domain: 'acme.com', tier: 'tier1' } };
  const visits = (...paths: string[]) => paths.map((p, i) => view(p, T0 + i));
  const now = T0 + 10;

  it.each([
    ['fit and intent at the bar, with a buying action', target, ['/pricing', '/blog/a'], true, { fit: 0, intent: 0, highIntent: false }],
    ['intent just short', target, ['/pricing', '/blog/a', '/careers'], false, { fit: 0, intent: 5, highIntent: false }],
    ['no fit', {}, ['/pricing', '/pricing'], false, { fit: 50, intent: 0, highIntent: false }],
    ['content only', target, ['/blog/a', '/blog/b', '/blog/c'], false, { fit: 0, intent: 0, highIntent: true }],
    ['nothing yet', target, [], false, { fit: 0, intent: 40, highIntent: true }],
  ])('%s', (_, profile, paths, qualifies, distance) => {
    const score = scoreLead(visits(...paths), profile, rules, now);
    expect(score.qualifies).toBe(qualifies);
    expect(score.distance).toEqual(distance);
  });

  it('orders reasons by |points|, fit and intent together', () => {
    const score = scoreLead([...visits('/careers', '/blog/a'), submit('x', T0)], target, rules, now);
    expect(score.reasons.map((r) => [r.rule, r.points])).toEqual([['tier', 50], ['blog', 20], ['careers', -5]]);
  });
});
