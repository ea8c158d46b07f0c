import { describe, expect, it } from 'vitest';
import { evaluate, scoreLead } from './evaluate.ts';
import { emptyIntentState } from './intent-state.ts';
import type { ScoringConfigInput } from './rules.ts';
import { compile, submit, T0 } from './test-helpers.ts';
import type { ExclusionCode, Profile } from './types.ts';

const rules = compile({ exclusions: { competitors: ['rival.io'], customers: { domains: ['happy-customer.com'] } } });
const codesFor = (profile: Profile, compiled = rules) =>
  evaluate(emptyIntentState(), profile, compiled, T0).exclusions.map((e) => e.code);

describe('exclusions', () => {
  it.each<[string, Profile, ExclusionCode[]]>([
    ['a clean business lead', { email: 'ada@acme.com', jobTitle: 'VP Sales' }, []],
    ['free mail', { email: 'ada@gmail.com' }, ['free_mail']],
    ['free mail, any case', { email: 'Ada@GMail.com' }, ['free_mail']],
    ['a competitor by email', { email: 'spy@eu.rival.io' }, ['competitor']],
    ['a competitor by account', { email: 'x@gmail.com', account: { domain: 'rival.io' } }, ['competitor', 'free_mail']],
    ['a student by title', { email: 'a@acme.com', jobTitle: 'MBA Student' }, ['student']],
    ['an intern', { email: 'a@acme.com', jobTitle: 'Marketing Intern' }, ['student']],
    ['a job seeker', { jobTitle: 'Looking for a new role' }, ['student']],
    ['a .edu address', { email: 'a@cs.mit.edu' }, ['student']],
    ['an .ac.* address', { email: 'a@ox.ac.uk' }, ['student']],
    ['"Internal Comms" is no intern', { email: 'a@acme.com', jobTitle: 'Internal Comms Lead' }, []],
    ['a customer by tier', { email: 'a@acme.com', account: { domain: 'acme.com', tier: 'Customer' } }, ['customer']],
    ['a customer by domain', { email: 'a@happy-customer.com' }, ['customer']],
    ['a bot', { bot: true }, ['bot']],
    ['a gmail student bot', { email: 'a@gmail.com', jobTitle: 'student', bot: true }, ['bot', 'student', 'free_mail']],
  ])('%s', (_, profile, expected) => {
    expect(codesFor(profile)).toEqual(expected);
  });

  it('says why, in words', () => {
    const exclusions = evaluate(emptyIntentState(), { email: 'a@gmail.com', jobTitle: 'Student' }, rules, T0).exclusions;
    expect(exclusions).toEqual([
      { code: 'student', reason: 'Job title "Student" reads as a student or job seeker' },
      { code: 'free_mail', reason: 'gmail.com is a free-mail provider, not a company' },
    ]);
  });

  it.each<[string, ScoringConfigInput['exclusions'], Profile]>([
    ['free mail', { freeMail: false }, { email: 'a@gmail.com' }],
    ['bots', { bots: false }, { bot: true }],
    ['students', { students: { titles: [], domains: [] } }, { email: 'a@mit.edu', jobTitle: 'Student' }],
    ['customers', { customers: { tiers: [] } }, { account: { domain: 'acme.com', tier: 'customer' } }],
  ])('can be switched off: %s', (_, exclusions, profile) => {
    expect(codesFor(profile)).not.toEqual([]);
    expect(codesFor(profile, compile({ exclusions }))).toEqual([]);
  });

  it('an excluded lead is never an MQL, however strong', () => {
    const strong = compile({ fit: [{ id: 'f', points: 100, when: { tier: ['tier1'] } }], mql: { minFit: 10, minIntent: 10 } });
    const profile: Profile = { email: 'a@rival.io', account: { domain: 'rival.io', tier: 'tier1' } };
    const events = [submit('demo-request', T0)];
    expect(scoreLead(events, profile, strong, T0).qualifies).toBe(true);
    const withCompetitor = compile({ ...strong.config, exclusions: { competitors: ['rival.io'] } });
    expect(scoreLead(events, profile, withCompetitor, T0)).toMatchObject({ qualifies: false, fit: 100, highIntent: true });
  });
});
