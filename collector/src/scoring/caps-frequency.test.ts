import { describe, expect, it } from 'vitest';
import { scoreLead } from './evaluate.ts';
import { MAX_WINDOW_HITS } from './decay.ts';
import { applyEvent, emptyIntentState, MAX_FREQUENCY_KEYS } from './intent-state.ts';
import type { z } from 'zod';
import type { frequencySchema } from './schema-intent.ts';
import { DAY, onlyIntent, rule, T0, view } from './test-helpers.ts';
import type { ScoringEvent } from './types.ts';

const HOUR = 3_600_000;
const pricing = { kind: 'page', path: '/pricing/**' } as const;
const pointsOf = (events: ScoringEvent[], compiled: ReturnType<typeof onlyIntent>, now: number) =>
  scoreLead(events, {}, compiled, now).reasons[0]?.points ?? 0;

describe('caps', () => {
  const reloads = (n: number, from = T0) => Array.from({ length: n }, (_, i) => view('/pricing', from + i * 1000));

  it('40 reloads of pricing hold no more than the cap', () => {
    const compiled = onlyIntent(rule({ points: 15, cap: 30, match: pricing }));
    expect(pointsOf(reloads(40), compiled, T0 + 40_000)).toBe(30);
  });

  it('a negative rule never goes below −cap', () => {
    const compiled = onlyIntent(rule({ id: 'careers', points: -10, cap: 20, decay: undefined, match: { kind: 'page', path: '/careers' } }));
    const visits = Array.from({ length: 6 }, (_, i) => view('/careers', T0 + i));
    expect(pointsOf(visits, compiled, T0 + DAY * 365)).toBe(-20);
  });

  it('a decayed rule refills up to the cap, never past it', () => {
    const compiled = onlyIntent(rule({ points: 15, cap: 30, decay: { halfLifeDays: 14 }, match: pricing }));
    const events = [...reloads(40), ...reloads(40, T0 + 14 * DAY)];
    expect(pointsOf(events.slice(0, 40), compiled, T0 + 14 * DAY)).toBe(15);
    expect(pointsOf(events, compiled, T0 + 14 * DAY + 40_000)).toBe(30);
  });

  it('a window rule makes room as hits expire', () => {
    const compiled = onlyIntent(rule({ points: 10, cap: 20, decay: { windowDays: 7 }, match: pricing }));
    const events = [view('/pricing', T0), view('/pricing', T0 + DAY), view('/pricing', T0 + 2 * DAY), view('/pricing', T0 + 7.5 * DAY)];
    expect(pointsOf(events.slice(0, 3), compiled, T0 + 2 * DAY)).toBe(20);
    expect(pointsOf(events, compiled, T0 + 7.5 * DAY)).toBe(20); // day 0 expired, day 1 live, day 7.5 fits
    expect(pointsOf(events, compiled, T0 + 8.5 * DAY)).toBe(10);
  });
});

describe('window rules under a flood', () => {
  it(`keep ${MAX_WINDOW_HITS} hits, merging the oldest so they expire early, never late`, () => {
    const compiled = onlyIntent(rule({ points: 1, cap: 100, decay: { windowDays: 10 }, match: pricing }));
    const events = Array.from({ length: 40 }, (_, i) => view('/pricing', T0 + i * HOUR));
    const state = events.reduce((s, e) => applyEvent(s, e, compiled), emptyIntentState());
    expect(state.rules.r?.hits).toHaveLength(MAX_WINDOW_HITS);
    // Hits 0–8 were merged at hit 0's time: half an hour after it expires, all nine are gone.
    expect(pointsOf(events, compiled, T0 + 10 * DAY + HOUR / 2)).toBe(31);
  });
});

describe('frequency limits', () => {
  type Frequency = z.input<typeof frequencySchema>;
  const limited = (frequency: Frequency) => onlyIntent(rule({ points: 1, cap: 100, decay: { halfLifeDays: 3650 }, frequency, match: { kind: 'page', path: '/**' } }));
  const perPageDaily = { max: 1, perDays: 1, by: 'page' } as const;

  it.each<[string, Frequency, ScoringEvent[], number]>([
    ['a page once a day', perPageDaily, [view('/a', T0), view('/a/', T0 + HOUR), view('/a?x=1', T0 + 23 * HOUR)], 1],
    ['the same page the next day', perPageDaily, [view('/a', T0), view('/a', T0 + 25 * HOUR)], 2],
    ['another page the same day', perPageDaily, [view('/a', T0), view('/b', T0 + HOUR)], 2],
    ['once per session', { max: 1, perDays: 1, by: 'session' }, [view('/a', T0, 's1'), view('/b', T0 + 1, 's1'), view('/a', T0 + 2, 's2')], 2],
    ['twice a week for the rule', { max: 2, perDays: 7, by: 'rule' }, [0, 1, 2, 3, 8].map((d) => view(`/p${d}`, T0 + d * DAY)), 3],
    ['a late event inside the period', perPageDaily, [view('/a', T0 + 2 * HOUR), view('/a', T0)], 1],
    ['a late event from an earlier day', perPageDaily, [view('/a', T0 + 3 * DAY), view('/a', T0)], 2],
  ])('%s', (_, frequency, events, expected) => {
    expect(pointsOf(events, limited(frequency), T0 + 9 * DAY)).toBeCloseTo(expected, 1);
  });

  it(`remembers at most ${MAX_FREQUENCY_KEYS} keys per period, so a page flood buys nothing more`, () => {
    const pages = Array.from({ length: MAX_FREQUENCY_KEYS + 10 }, (_, i) => view(`/p${i}`, T0 + i));
    expect(pointsOf(pages, limited(perPageDaily), T0 + DAY / 2)).toBe(MAX_FREQUENCY_KEYS);
  });
});
