import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { emptyIntentState } from './intent-state.ts';
import { SENIORITY_PATTERNS, type FitCondition, type Seniority } from './schema-fit.ts';
import { compile, T0 } from './test-helpers.ts';
import type { Profile } from './types.ts';

/** Fit of a profile under one 10-point rule with the given conditions. */
function fitUnder(when: FitCondition, profile: Profile) {
  const compiled = compile({ fit: [{ id: 'f', points: 10, when }], intent: [] });
  return evaluate(emptyIntentState(), profile, compiled, T0);
}

const acme = { domain: 'acme.com', employees: 300, industry: 'Computer Software', country: 'DE', revenue: 5e7, tier: 'tier1' };

describe('fit rules, one condition at a time', () => {
  it.each<[string, FitCondition, Profile, boolean]>([
    ['seniority hit', { seniority: ['director'] }, { jobTitle: 'Director of Marketing' }, true],
    ['seniority miss', { seniority: ['director'] }, { jobTitle: 'Marketing Manager' }, false],
    ['seniority without a title', { seniority: ['director'] }, {}, false],
    ['title regex', { title: ['\\brev ?ops\\b'] }, { jobTitle: 'RevOps Lead' }, true],
    ['title regex miss', { title: ['\\brev ?ops\\b'] }, { jobTitle: 'Engineer' }, false],
    ['size from the lead', { employees: { min: 50, max: 5000 } }, { companySize: '51-200' }, true],
    ['size too small', { employees: { min: 50 } }, { companySize: '11-50' }, false],
    ['size open range', { employees: { max: 5000 } }, { companySize: '10000+' }, false],
    ['size from the account', { employees: { min: 50 } }, { account: acme }, true],
    ['lead answer beats account', { employees: { min: 50 } }, { companySize: '12', account: acme }, false],
    ['unknown size', { employees: { min: 0 } }, {}, false],
    ['industry word', { industry: ['software'] }, { industry: 'Computer Software' }, true],
    ['industry is a whole word', { industry: ['IT'] }, { industry: 'Hospitality' }, false],
    ['industry from the account', { industry: ['Software'] }, { account: acme }, true],
    ['country', { country: ['de', 'AT'] }, { country: 'DE' }, true],
    ['country miss', { country: ['AT'] }, { country: 'DE' }, false],
    ['revenue', { revenue: { min: 1e7 } }, { account: acme }, true],
    ['revenue unknown', { revenue: { min: 0 } }, {}, false],
    ['tier', { tier: ['Tier1'] }, { account: acme }, true],
    ['tier miss', { tier: ['tier2'] }, { account: acme }, false],
    ['email domain', { emailDomain: ['acme.com'] }, { email: 'ada@eu.acme.com' }, true],
    ['email domain miss', { emailDomain: ['acme.com'] }, { email: 'ada@gmail.com' }, false],
    ['business email', { businessEmail: true }, { email: 'ada@acme.com' }, true],
    ['business email, free mail', { businessEmail: true }, { email: 'ada@gmail.com' }, false],
    ['free-mail email', { businessEmail: false }, { email: 'ada@gmail.com' }, true],
    ['no email is neither', { businessEmail: false }, {}, false],
    ['all conditions must hold', { seniority: ['director'], tier: ['tier2'] }, { jobTitle: 'Director', account: acme }, false],
  ])('%s', (_, when, profile, fires) => {
    const score = fitUnder(when, profile);
    expect(score.fit).toBe(fires ? 10 : 0);
    expect(score.reasons.map((r) => r.rule)).toEqual(fires ? ['f'] : []);
  });

  it('explains what matched', () => {
    const score = fitUnder({ seniority: ['director'], employees: { min: 50 } }, { jobTitle: 'Director', companySize: '51-200' });
    expect(score.reasons[0]).toMatchObject({ kind: 'fit', label: 'Title: director · 50–∞ employees', detail: 'Director · 51-200 employees' });
  });
});

describe('seniority patterns', () => {
  it.each<[string, Seniority | null]>([
    ['CEO', 'c_level'],
    ['Chief Revenue Officer', 'c_level'],
    ['Co-Founder', 'c_level'],
    ['President', 'c_level'],
    ['Vice President, Sales', 'vp'],
    ['SVP Marketing', 'vp'],
    ['Head of Growth', 'head'],
    ['Managing Director', 'director'],
    ['Product Manager', 'manager'],
    ['Cargo Handler', null],
    ['Software Engineer', null],
    ['Internal Communications', null],
  ])('%s → %s', (title, expected) => {
    const found = (Object.keys(SENIORITY_PATTERNS) as Seniority[]).filter((s) => SENIORITY_PATTERNS[s].test(title));
    expect(found).toEqual(expected ? [expected] : []);
  });
});

describe('fit total', () => {
  const rules = (points: number[]) => points.map((p, i) => ({ id: `f${i}`, points: p, when: { businessEmail: true } }));
  it.each([
    [[60, 50, 20], 100],
    [[30, -50], 0],
    [[30, 12.5], 42.5],
  ])('sums %j and clamps to 0–100 → %d', (points, expected) => {
    const compiled = compile({ fit: rules(points), intent: [] });
    expect(evaluate(emptyIntentState(), { email: 'a@acme.com' }, compiled, T0).fit).toBe(expected);
  });
});
