import { describe, expect, it } from 'vitest';
import { evaluate, scoreLead } from './evaluate.ts';
import { applyEvent, emptyIntentState } from './intent-state.ts';
import type { ScoringConfigInput } from './rules.ts';
import { scoringSchema } from './rules.ts';
import { compile, DAY, download, engagement, event, submit, T0, view } from './test-helpers.ts';
import type { Exclusion, IntentState, Profile, ScoringEvent } from './types.ts';

const rules = compile();
const pages = (n: number, from = T0) => Array.from({ length: n }, (_, i) => view(`/docs/page-${i}`, from + i * 20_000));
const botExclusion = (events: ScoringEvent[], config: ScoringConfigInput = {}, profile: Profile = {}) =>
  scoreLead(events, profile, compile(config), T0 + 3_600_000).exclusions.find((e) => e.code === 'bot');

describe('the behavioural bot signal: many pages, no engaged time', () => {
  it.each<[string, ScoringEvent[], ScoringConfigInput, Exclusion | undefined]>([
    ['7 pages, no engagement: below the default of 8', pages(7), {}, undefined],
    ['8 pages, no engagement', pages(8), {}, { code: 'bot', reason: '8 pages viewed with no engaged time' }],
    ['12 pages, no engagement', pages(12), {}, { code: 'bot', reason: '12 pages viewed with no engaged time' }],
    ['12 pages and engagement readings of 0 ms (scrolled, never engaged)',
      [...pages(12), engagement('/docs/page-0', T0 + 5000, 0, 60), engagement('/docs/page-1', T0 + 25_000, 0, 100)],
      {}, { code: 'bot', reason: '12 pages viewed with no engaged time' }],
    ['12 pages and one page read for 1.2 s', [...pages(12), engagement('/docs/page-3', T0 + 65_000, 1200, 40)], {}, undefined],
    ['engaged first, then 20 pages', [engagement('/', T0 - 1000, 800, 10), ...pages(20)], {}, undefined],
    ['downloads, forms and custom events are not pages', [...pages(7), download('/resources/a.pdf', T0 + 1), submit('newsletter', T0 + 2),
      event('track', '/', T0 + 3, { name: 'x' }), event('outbound', '/', T0 + 4)], {}, undefined],
    ['a lower threshold', pages(3), { exclusions: { botPagesWithoutEngagement: 3 } }, { code: 'bot', reason: '3 pages viewed with no engaged time' }],
    ['switched off with 0', pages(50), { exclusions: { botPagesWithoutEngagement: 0 } }, undefined],
    ['switched off with bots: false', pages(50), { exclusions: { bots: false } }, undefined],
  ])('%s', (_, events, config, expected) => {
    expect(botExclusion(events, config)).toEqual(expected);
  });

  it('adds one bot exclusion, the ingestion flag reading first', () => {
    const score = scoreLead(pages(10), { bot: true }, rules, T0 + 3_600_000);
    expect(score.exclusions).toEqual([{ code: 'bot', reason: 'Flagged as a bot (automated browser or crawler)' }]);
  });

  it('keeps a strong lead out of the MQLs until it shows engaged time', () => {
    const strong = compile({ fit: [{ id: 'f', points: 100, when: { tier: ['tier1'] } }], mql: { minFit: 10, minIntent: 10 } });
    const profile: Profile = { email: 'a@acme.com', account: { domain: 'acme.com', tier: 'tier1' } };
    const events = [...pages(8), submit('demo-request', T0 + 200_000)];
    expect(scoreLead(events, profile, strong, T0 + 300_000)).toMatchObject({ qualifies: false, fit: 100, highIntent: true });
    const read = [...events, engagement('/docs/page-7', T0 + 250_000, 45_000, 80)];
    expect(scoreLead(read, profile, strong, T0 + 300_000)).toMatchObject({ qualifies: true, exclusions: [] });
  });

  it('counts in the state: pageviews and the longest engaged time, not a sum of running totals', () => {
    const events = [view('/a', T0), engagement('/a', T0 + 1000, 4000, 10), engagement('/a', T0 + 2000, 9000, 20), view('/b', T0 + 3000)];
    const state = events.reduce((s, e) => applyEvent(s, e, rules), emptyIntentState());
    expect(state.activity).toEqual({ pageviews: 2, engagedMs: 9000 });
  });

  it('reads a state stored before activity was tracked as no activity, and counts on from there', () => {
    const { activity: _, ...rest } = pages(20).reduce((s, e) => applyEvent(s, e, rules), emptyIntentState());
    const stored = { ...rest, v: 1 } as unknown as IntentState;
    expect(evaluate(stored, {}, rules, T0 + 3_600_000).exclusions).toEqual([]);
    expect(applyEvent(stored, view('/x', T0 + DAY), rules).activity).toEqual({ pageviews: 1, engagedMs: 0 });
  });

  it('needs no replay when the threshold changes (it is read at evaluation)', () => {
    expect(compile({ exclusions: { botPagesWithoutEngagement: 3 } }).fingerprint).toBe(rules.fingerprint);
  });

  it.each([1, -1, 2.5, 10_001])('rejects a threshold of %s', (value) => {
    expect(scoringSchema.safeParse({ exclusions: { botPagesWithoutEngagement: value } }).success).toBe(false);
  });
});
