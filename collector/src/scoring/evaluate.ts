/**
 * The read path: a state, a profile and a moment in, a score with its story out. Decay is
 * applied here in closed form, so the same state gives the right answer at any later time.
 */
import { unengagedBotReason } from './bot-behaviour.ts';
import type { CompiledScoring } from './compile.ts';
import { pointsAt } from './decay.ts';
import { gradeOf, roundTenth } from './grade.ts';
import { applyEvent, emptyIntentState } from './intent-state.ts';
import { leadFacts } from './lead-facts.ts';
import type { IntentState, LeadScore, Profile, Reason, ScoringEvent } from './types.ts';

function fitReasons(facts: ReturnType<typeof leadFacts>, compiled: CompiledScoring): Reason[] {
  const reasons: Reason[] = [];
  for (const rule of compiled.fit) {
    const detail = rule.test(facts);
    if (detail === null) continue;
    const points = roundTenth(rule.points);
    reasons.push({ rule: rule.id, kind: 'fit', label: rule.label, detail, points, pointsAtTime: points, events: [] });
  }
  return reasons;
}

/** Intent reasons with their unrounded current points, for an exact sum. */
function intentReasons(state: IntentState, compiled: CompiledScoring, now: number) {
  const found: { reason: Reason; current: number }[] = [];
  for (const rule of compiled.intent) {
    // A state built under other rules may lack this rule or hold one without events: skip it.
    const held = Object.hasOwn(state.rules, rule.id) ? state.rules[rule.id] : undefined;
    if (!held || held.events.length === 0) continue;
    const current = pointsAt(held, rule, now);
    const reason: Reason = {
      rule: rule.id,
      kind: 'intent',
      label: rule.label,
      points: roundTenth(current),
      pointsAtTime: roundTenth(held.held),
      events: held.events,
    };
    if (rule.highIntent) reason.highIntent = true;
    found.push({ reason, current });
  }
  return found;
}

/** Scores a lead at `now` (ms). Pure: same inputs, same answer. */
export function evaluate(state: IntentState, profile: Profile, compiled: CompiledScoring, now: number): LeadScore {
  const { mql, grade } = compiled.config;
  const facts = leadFacts(profile, compiled.isFreeMail);
  const fitPart = fitReasons(facts, compiled);
  const intentPart = intentReasons(state, compiled, now);

  const fit = Math.min(100, Math.max(0, roundTenth(fitPart.reduce((sum, r) => sum + r.points, 0))));
  const intent = Math.max(0, roundTenth(intentPart.reduce((sum, r) => sum + r.current, 0)));
  // Judged on the shown points, so a rule listed at 0 never counts as a buying action.
  const highIntent = intentPart.some(({ reason }) => reason.highIntent === true && reason.points > 0);
  const exclusions = compiled.exclusions(facts, {
    flagged: profile.bot === true,
    behaviour: unengagedBotReason(state, compiled.config.exclusions),
  });
  const reasons = [...fitPart, ...intentPart.map((r) => r.reason)].sort(
    (a, b) => Math.abs(b.points) - Math.abs(a.points),
  );

  return {
    fit,
    intent,
    grade: gradeOf(fit, intent, grade),
    qualifies: exclusions.length === 0 && fit >= mql.minFit && intent >= mql.minIntent && highIntent,
    highIntent,
    exclusions,
    reasons,
    distance: {
      fit: roundTenth(Math.max(0, mql.minFit - fit)),
      intent: roundTenth(Math.max(0, mql.minIntent - intent)),
      highIntent: !highIntent,
    },
  };
}

/**
 * Scores a lead from its whole history: the single function behind both the live path (one
 * `applyEvent` per arriving event) and a full re-score, so the two cannot disagree.
 */
export function scoreLead(
  events: readonly ScoringEvent[],
  profile: Profile,
  compiled: CompiledScoring,
  now: number,
): LeadScore {
  const state = events.reduce((s, event) => applyEvent(s, event, compiled), emptyIntentState());
  return evaluate(state, profile, compiled, now);
}
