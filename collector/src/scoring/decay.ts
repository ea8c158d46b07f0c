/**
 * How a rule holds points: adding a hit under the cap, and reading the points at a moment.
 * Closed-form, so a state needs no timer and no history: half-life rules keep one number and
 * its reference time; window rules keep their few live hits. Decay never raises a score:
 * a read before the reference time (a skewed clock) gets the undecayed points, not more.
 */
import type { CompiledIntentRule } from './compile-intent.ts';
import type { RuleState } from './types.ts';

/** Window rules keep at most this many hits; older ones merge (see `addHit`). */
export const MAX_WINDOW_HITS = 32;

type Held = Pick<RuleState, 'held' | 'at' | 'hits'>;

const halve = (dt: number, halfLifeMs: number) => (dt <= 0 ? 1 : 2 ** (-dt / halfLifeMs));

/** Points the rule holds at `now`: decayed, and for window rules only the hits still inside. */
export function pointsAt(state: Held, rule: CompiledIntentRule, now: number): number {
  const { decay } = rule;
  if (decay.kind === 'none') return state.held;
  if (decay.kind === 'halfLife') return state.held * halve(now - state.at, decay.ms);
  let sum = 0;
  for (const [ts, points] of state.hits ?? []) if (now - ts < decay.ms) sum += points;
  return sum;
}

/**
 * Adds one hit at `ts`, keeping |held| ≤ cap. `latestTs` is the newest event seen, so an event
 * that arrives late is weighed as old, never as fresh. Returns null when the hit adds nothing
 * (the rule is at its cap, or a window hit has already expired).
 */
export function addHit(state: Held | undefined, rule: CompiledIntentRule, ts: number, latestTs: number): Held | null {
  const { decay, points, cap } = rule;
  const clamp = (v: number) => (points > 0 ? Math.min(cap, v) : Math.max(-cap, v));
  const prev = state ?? { held: 0, at: ts };
  if (decay.kind === 'none') {
    const held = clamp(prev.held + points);
    return adds(held - prev.held) ? { held, at: Math.max(prev.at, ts) } : null;
  }
  if (decay.kind === 'halfLife') {
    // Bring both to the later of the two times, then add: the same sum of decayed hits either way.
    if (ts < prev.at) {
      const held = clamp(prev.held + points * halve(prev.at - ts, decay.ms));
      return adds(held - prev.held) ? { held, at: prev.at } : null;
    }
    const decayed = prev.held * halve(ts - prev.at, decay.ms);
    const held = clamp(decayed + points);
    return adds(held - decayed) ? { held, at: ts } : null;
  }
  const horizon = latestTs - decay.ms;
  if (ts <= horizon) return null;
  const live = (prev.hits ?? []).filter(([t]) => t > horizon);
  const sum = live.reduce((total, [, p]) => total + p, 0);
  const granted = clamp(sum + points) - sum;
  if (!adds(granted)) return null;
  const hits = [...live, [ts, granted] as [number, number]].sort((a, b) => a[0] - b[0]);
  // Merging the two oldest at the older time makes them expire early: bounded, and only ever lower.
  while (hits.length > MAX_WINDOW_HITS) {
    const [first, second] = hits.splice(0, 2) as [[number, number], [number, number]];
    hits.unshift([first[0], first[1] + second[1]]);
  }
  return { held: sum + granted, at: (hits[hits.length - 1] as [number, number])[0], hits };
}

/** Below this a "grant" is float noise from a rule sitting at its cap. */
const adds = (granted: number) => Math.abs(granted) > 1e-9;
