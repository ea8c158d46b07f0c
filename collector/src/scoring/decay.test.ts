import { describe, expect, it } from 'vitest';
import { DEFAULT_HALF_LIFE_DAYS } from './compile-intent.ts';
import { scoreLead } from './evaluate.ts';
import { DAY, onlyIntent, rule, T0, view } from './test-helpers.ts';

const pricing = { kind: 'page', path: '/pricing' } as const;
const halfLife10 = onlyIntent(rule({ points: 20, decay: { halfLifeDays: 10 }, match: pricing }));
const window7 = onlyIntent(rule({ points: 20, decay: { windowDays: 7 }, match: pricing }));

describe('decay at read time', () => {
  it.each([
    ['half-life, at the hit', halfLife10, 0, 20],
    ['half-life, one half-life later', halfLife10, 10, 10],
    ['half-life, two half-lives later', halfLife10, 20, 5],
    ['window, just inside', window7, 6.99, 20],
    ['window, at the edge', window7, 7, 0],
    ['read before the hit (skewed clock): undecayed, not more', halfLife10, -3, 20],
  ])('%s', (_, compiled, days, expected) => {
    expect(scoreLead([view('/pricing', T0)], {}, compiled, T0 + days * DAY).intent).toBe(expected);
  });

  it('shows points now next to points when earned', () => {
    const reason = scoreLead([view('/pricing', T0)], {}, halfLife10, T0 + 10 * DAY).reasons[0];
    expect(reason).toMatchObject({ points: 10, pointsAtTime: 20 });
  });

  it(`uses a ${DEFAULT_HALF_LIFE_DAYS}-day half-life when a positive rule gives none`, () => {
    const compiled = onlyIntent(rule({ points: 20, decay: undefined, match: pricing }));
    expect(scoreLead([view('/pricing', T0)], {}, compiled, T0 + DEFAULT_HALF_LIFE_DAYS * DAY).intent).toBe(10);
  });

  it('never fades a negative rule (waiting must not raise a score)', () => {
    const compiled = onlyIntent(
      rule({ id: 'pricing', points: 30, match: pricing }),
      rule({ id: 'careers', points: -10, cap: 10, decay: undefined, match: { kind: 'page', path: '/careers' } }),
    );
    const events = [view('/pricing', T0), view('/careers', T0)];
    const reasons = scoreLead(events, {}, compiled, T0 + 100 * DAY).reasons;
    expect(reasons.find((r) => r.rule === 'careers')?.points).toBe(-10);
  });

  it('a high-intent action that has faded to 0 no longer counts as one', () => {
    const compiled = onlyIntent(rule({ points: 20, highIntent: true, decay: { windowDays: 7 }, match: pricing }));
    const later = scoreLead([view('/pricing', T0)], {}, compiled, T0 + 8 * DAY);
    expect([later.highIntent, later.distance.highIntent, later.reasons[0]?.points]).toEqual([false, true, 0]);
  });
});

describe('events that arrive out of order', () => {
  const early = () => view('/pricing', T0);
  const late = () => view('/pricing', T0 + 10 * DAY);

  it('weighs a late-arriving old event as old, exactly as in time order', () => {
    const now = T0 + 10 * DAY;
    const outOfOrder = scoreLead([late(), early()], {}, halfLife10, now).intent;
    expect(outOfOrder).toBe(30); // 20 now + 20 halved once
    expect(outOfOrder).toBe(scoreLead([early(), late()], {}, halfLife10, now).intent);
  });

  it('ignores a late event whose window has already passed, in the points and the story', () => {
    const score = scoreLead([late(), early()], {}, window7, T0 + 10 * DAY);
    expect(score.intent).toBe(20);
    expect(score.reasons[0]).toMatchObject({ pointsAtTime: 20, events: [{ ts: T0 + 10 * DAY }] });
  });

  it('keeps the explanation newest first whatever the arrival order', () => {
    const [first, second] = [late(), early()];
    const reason = scoreLead([first, second], {}, halfLife10, T0 + 10 * DAY).reasons[0];
    expect(reason?.events.map((e) => e.id)).toEqual([first.id, second.id]);
  });
});
