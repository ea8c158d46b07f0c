/** Invariants of the engine over random histories (fast-check), under the default rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, scoreLead } from './evaluate.ts';
import { applyEvent, emptyIntentState } from './intent-state.ts';
import { compile, DAY, T0 } from './test-helpers.ts';
import type { IntentState, Profile, ScoringEvent } from './types.ts';

const rules = compile();
const profile: Profile = { email: 'dana@acme.com', jobTitle: 'VP Marketing', account: { domain: 'acme.com', tier: 'tier1' } };
const HOUR = 3_600_000;

const stepArb = fc.record({
  type: fc.constantFrom('pageview', 'pageview', 'engagement', 'download', 'form_submit', 'track'),
  path: fc.oneof(
    fc.constantFrom('/', '/pricing', '/demo', '/contact', '/careers', '/docs/api', '/integrations/slack'),
    fc.stringMatching(/^\/blog\/[a-z]{1,8}$/),
  ),
  form: fc.constantFrom('demo-request', 'contact-sales', 'newsletter', 'other'),
  file: fc.stringMatching(/^\/resources\/[a-z]{1,6}\.pdf$/),
  // Often none at all: a page that was never in focus, the evidence for the bot signal.
  engagedMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600_000 })),
  scrollPct: fc.integer({ min: 0, max: 100 }),
  sid: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'),
  gap: fc.integer({ min: 0, max: 2 * DAY }),
  // Arrival order is storage order; the event's own time may lag a little behind.
  lag: fc.integer({ min: 0, max: HOUR }),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** Turns random steps into a time-ordered (with jitter) history with unique ids. */
function history(steps: Step[], prefix = 'e', start = T0): ScoringEvent[] {
  let clock = start;
  return steps.map((s, i) => {
    clock += s.gap;
    const props: ScoringEvent['props'] =
      s.type === 'engagement' ? { engagedMs: s.engagedMs, scrollPct: s.scrollPct }
      : s.type === 'download' ? { href: s.file }
      : s.type === 'form_submit' ? { form: s.form }
      : {};
    const type = s.type as ScoringEvent['type'];
    return { id: `${prefix}${i}`, type, ts: clock - s.lag, url: `https://demo.example${s.path}`, path: s.path, sid: s.sid, props, ...(type === 'track' ? { name: 'roi_calculated' } : {}) };
  });
}

const historyArb = fc.array(stepArb, { maxLength: 200 }).map((steps) => history(steps));
const fold = (events: ScoringEvent[], from = emptyIntentState()) => events.reduce((s, e) => applyEvent(s, e, rules), from);
const lastTs = (events: ScoringEvent[]) => events.reduce((max, e) => Math.max(max, e.ts), T0);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') for (const inner of Object.values(Object.freeze(value))) deepFreeze(inner);
  return value;
}

describe('scoring invariants', () => {
  it('never lets a rule hold, or show, more than its cap', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 90 * DAY }), (events, later) => {
        let state = emptyIntentState();
        for (const e of events) {
          state = applyEvent(state, e, rules);
          for (const rule of rules.intent) expect(Math.abs(state.rules[rule.id]?.held ?? 0)).toBeLessThanOrEqual(rule.cap + 1e-9);
        }
        const caps = new Map(rules.intent.map((r) => [r.id, r.cap]));
        for (const r of evaluate(state, profile, rules, lastTs(events) + later).reasons) {
          if (r.kind === 'intent') expect(Math.abs(r.points)).toBeLessThanOrEqual(caps.get(r.rule) as number);
        }
      }),
    );
  });

  it('never raises a score by waiting', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: -DAY, max: 60 * DAY }), fc.integer({ min: 0, max: 60 * DAY }), (events, offset, wait) => {
        const state = fold(events);
        const earlier = evaluate(state, profile, rules, lastTs(events) + offset);
        const later = evaluate(state, profile, rules, lastTs(events) + offset + wait);
        expect(later.intent).toBeLessThanOrEqual(earlier.intent);
        // Not even a read before the latest hit (a skewed clock) shows more than was earned.
        for (const r of earlier.reasons) expect(r.points).toBeLessThanOrEqual(r.pointsAtTime);
        expect(later.highIntent && !earlier.highIntent).toBe(false);
        expect(later.qualifies && !earlier.qualifies).toBe(false);
      }),
    );
  });

  it('scores the same live (one event at a time, stored as JSON between) as in one replay', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        let stored = JSON.stringify(emptyIntentState());
        for (const e of events) stored = JSON.stringify(applyEvent(JSON.parse(stored) as IntentState, e, rules));
        const now = lastTs(events) + DAY;
        expect(JSON.parse(stored)).toEqual(fold(events));
        expect(evaluate(JSON.parse(stored) as IntentState, profile, rules, now)).toEqual(scoreLead(events, profile, rules, now));
      }),
    );
  });

  it('scores two leads merged (A, then B, replayed in storage order) as applying A then B', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), fc.array(stepArb, { maxLength: 80 }), (stepsA, stepsB) => {
        const a = history(stepsA, 'a');
        const b = history(stepsB, 'b', lastTs(a));
        const afterA = JSON.parse(JSON.stringify(fold(a))) as IntentState;
        const now = lastTs(b) + HOUR;
        expect(evaluate(fold(b, afterA), profile, rules, now)).toEqual(scoreLead([...a, ...b], profile, rules, now));
      }),
    );
  });

  it('flags a bot exactly when enough pages came with no engaged time, in any order', () => {
    const threshold = rules.config.exclusions.botPagesWithoutEngagement;
    // `quiet`: every engagement reading is 0 ms, as from a browser nobody looks at.
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.boolean(), (steps, quiet) => {
        const events = history(quiet ? steps.map((s) => ({ ...s, engagedMs: 0 })) : steps);
        const pageviews = events.filter((e) => e.type === 'pageview').length;
        const engaged = events.some((e) => e.type === 'engagement' && (e.props.engagedMs as number) > 0);
        const isBot = (order: ScoringEvent[]) => evaluate(fold(order), profile, rules, lastTs(events) + DAY).exclusions.some((x) => x.code === 'bot');
        expect(isBot(events)).toBe(pageviews >= threshold && !engaged);
        expect(isBot([...events].reverse())).toBe(isBot(events));
      }),
    );
  });

  it('never mutates the state it is given', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        let state = deepFreeze(emptyIntentState());
        for (const e of events) state = deepFreeze(applyEvent(state, e, rules)); // a write to a frozen state throws
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the state small after 10,000 events', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10_000, maxLength: 10_000 }), (steps) => {
        expect(JSON.stringify(fold(history(steps))).length).toBeLessThan(STATE_SIZE_LIMIT);
      }),
      { numRuns: 3 },
    );
  }, 60_000); // 30,000 events in all: slow on a loaded CI machine, never hanging
});

/** Characters of JSON; the default rules with long-lived keys stay far below it (see intent-state.ts). */
const STATE_SIZE_LIMIT = 20_000;
