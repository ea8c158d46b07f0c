import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultScoring } from './default-scoring.ts';
import { scoringSchema, type ScoringConfig } from './rules.ts';

const intentRule = { id: 'r', points: 10, cap: 20, match: { kind: 'page', path: '/pricing' } };
const fitRule = { id: 'f', points: 10, when: { tier: ['tier1'] } };

describe('scoringSchema', () => {
  it('parses {} into the default config', () => {
    const typed: ScoringConfig = defaultScoring; // the hand-written shape agrees with the schema's
    expect(scoringSchema.parse({})).toEqual(typed);
  });

  it('accepts the defaults as written (their refinements hold)', () => {
    expect(scoringSchema.parse(defaultScoring)).toEqual(defaultScoring);
  });

  it('fills a partial section with defaults, and hands out copies', () => {
    const a = scoringSchema.parse({ exclusions: { competitors: ['rival.io'] }, mql: { minFit: 70 } });
    expect(a.exclusions.students).toEqual(defaultScoring.exclusions.students);
    expect(a.mql).toEqual({ minFit: 70, minIntent: defaultScoring.mql.minIntent });
    a.intent.pop();
    expect(scoringSchema.parse({}).intent).toHaveLength(defaultScoring.intent.length);
  });

  it('accepts the minimal rules the rejections below start from', () => {
    expect(scoringSchema.safeParse({ fit: [fitRule], intent: [intentRule] }).success).toBe(true);
  });

  it.each([
    ['an unknown key', { colour: 'red' }],
    ['a duplicate rule id', { fit: [fitRule], intent: [{ ...intentRule, id: 'f' }] }],
    ['zero points', { intent: [{ ...intentRule, points: 0 }] }],
    ['a cap below |points|', { intent: [{ ...intentRule, cap: 5 }] }],
    ['a negative rule that decays', { intent: [{ ...intentRule, points: -5, decay: { halfLifeDays: 7 } }] }],
    ['a negative high-intent rule', { intent: [{ ...intentRule, points: -5, highIntent: true }] }],
    ['both decay kinds at once', { intent: [{ ...intentRule, decay: { halfLifeDays: 7, windowDays: 7 } }] }],
    ['an unknown match kind', { intent: [{ ...intentRule, match: { kind: 'tweet' } }] }],
    ['a fit rule without conditions', { fit: [{ ...fitRule, when: {} }] }],
    ['a bad title regex', { fit: [{ ...fitRule, when: { title: ['(unclosed'] } }] }],
    ['an unbounded title regex', { fit: [{ ...fitRule, when: { title: ['x'.repeat(201)] } }] }],
    ['a range with min > max', { fit: [{ ...fitRule, when: { employees: { min: 500, max: 50 } } }] }],
    ['an empty range', { fit: [{ ...fitRule, when: { employees: {} } }] }],
    ['fit points over 100', { fit: [{ ...fitRule, points: 101 }] }],
    ['a domain with a space', { exclusions: { competitors: ['rival .io'] } }],
    ['grade letters out of order', { grade: { fit: { A: 40, B: 50, C: 25 } } }],
    ['grade numbers out of order', { grade: { intent: { 1: 10, 2: 40, 3: 5 } } }],
    ['minFit over 100', { mql: { minFit: 101 } }],
    ['a frequency of 0', { intent: [{ ...intentRule, frequency: { max: 0, perDays: 1, by: 'page' } }] }],
    ['a rule id with spaces', { intent: [{ ...intentRule, id: 'my rule' }] }],
  ])('rejects %s', (_, config) => {
    expect(scoringSchema.safeParse(config).success).toBe(false);
  });

  it('rejects more than 100 intent rules', () => {
    const intent = Array.from({ length: 101 }, (_, i) => ({ ...intentRule, id: `r${i}` }));
    expect(scoringSchema.safeParse({ intent }).success).toBe(false);
  });

  it('generates a described JSON Schema for tells.config.json', () => {
    const schema = z.toJSONSchema(scoringSchema, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    expect(Object.keys(schema.properties)).toEqual(['fit', 'intent', 'exclusions', 'mql', 'grade', 'recycle']);
    for (const section of Object.values(schema.properties)) expect(section.description).toBeTruthy();
    expect(JSON.stringify(schema)).toContain('halfLifeDays');
  });
});
