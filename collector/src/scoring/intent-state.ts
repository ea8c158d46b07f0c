/**
 * The live path: fold one event into a lead's intent state. Pure and O(1) in history — the
 * state stays bounded however many events arrive:
 * - caps bound the points, and window rules keep ≤ MAX_WINDOW_HITS hits;
 * - frequency keys older than their period are pruned, and at most MAX_FREQUENCY_KEYS are kept;
 * - each rule keeps its 5 newest events for the explanation;
 * - sessions are a count plus the last few ids;
 * - activity (for the bot signal) is a pageview count and the longest engaged time.
 * The collector applies each event once, in storage order; a merge of two leads replays the
 * union of their events, so nothing needs merging here.
 */
import { countActivity } from './bot-behaviour.ts';
import type { CompiledIntentRule, MatchHit } from './compile-intent.ts';
import type { CompiledScoring } from './compile.ts';
import { addHit } from './decay.ts';
import type { EventRef, IntentState, RuleState, ScoringEvent } from './types.ts';

/**
 * The state layout. Part of the compiled fingerprint, so bumping it makes the collector replay
 * every stored state once (2: `activity` added; a v1 state lacks it).
 */
export const STATE_VERSION = 2;
/** Events kept per rule to explain its points. */
export const MAX_EVENT_REFS = 5;
/** Distinct keys a frequency-limited rule remembers; past that, new keys are not counted. */
export const MAX_FREQUENCY_KEYS = 32;
/** Session ids remembered, so interleaved tabs or merged devices are not counted as new visits. */
export const RECENT_SESSIONS = 8;
const MAX_KEY_LENGTH = 200;
const MAX_REF_URL_LENGTH = 500;

/** The state of a lead nobody has seen yet. */
export function emptyIntentState(): IntentState {
  return { v: STATE_VERSION, latestTs: 0, sessions: { count: 0, recent: [] }, rules: {}, activity: { pageviews: 0, engagedMs: 0 } };
}

const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

// Prefixed keys can never be `__proto__` or collide across kinds.
function frequencyKey(by: 'page' | 'rule' | 'session', event: ScoringEvent, hit: MatchHit): string {
  const key = by === 'page' ? `p:${hit.page}` : by === 'session' ? `s:${event.sid}` : 'r';
  return key.slice(0, MAX_KEY_LENGTH);
}

/** One rule matched by one event, with what the rule held before it. */
interface Hit {
  rule: CompiledIntentRule;
  before: RuleState | undefined;
  event: ScoringEvent;
  match: MatchHit;
  latestTs: number;
}

/** The frequency table with this hit counted, or null when the limit says it does not count. */
function countHit({ rule, before, event, match, latestTs }: Hit) {
  const limit = rule.frequency;
  if (!limit) return undefined;
  const table: Record<string, number[]> = {};
  for (const [key, times] of Object.entries(before?.freq ?? {})) {
    if (times.some((t) => t > latestTs - limit.ms)) table[key] = times;
  }
  const key = frequencyKey(limit.by, event, match);
  const times = own(table, key) ?? [];
  if (times.filter((t) => Math.abs(event.ts - t) < limit.ms).length >= limit.max) return null;
  if (times.length === 0 && Object.keys(table).length >= MAX_FREQUENCY_KEYS) return null;
  table[key] = [event.ts, ...times].sort((a, b) => b - a).slice(0, limit.max);
  return table;
}

function eventRef(event: ScoringEvent, hit: MatchHit): EventRef {
  return {
    id: event.id,
    type: event.type,
    ts: event.ts,
    url: event.url.slice(0, MAX_REF_URL_LENGTH),
    ...(event.title !== undefined ? { title: event.title } : {}),
    ...(hit.detail !== undefined ? { detail: hit.detail } : {}),
  };
}

function applyHit(hit: Hit): RuleState | undefined {
  const { rule, before, event, match, latestTs } = hit;
  const freq = countHit(hit);
  if (freq === null) return before;
  const held = addHit(before, rule, event.ts, latestTs);
  if (held === null) return before; // at the cap: the hit neither counts nor uses up a frequency slot
  const events = [eventRef(event, match), ...(before?.events ?? [])]
    .sort((a, b) => b.ts - a.ts)
    .slice(0, MAX_EVENT_REFS);
  const next: RuleState = { held: held.held, at: held.at, events };
  if (held.hits) next.hits = held.hits;
  if (freq) next.freq = freq;
  return next;
}

/** Folds one event into the state. Never mutates `state`; unchanged parts are shared. */
export function applyEvent(state: IntentState, event: ScoringEvent, compiled: CompiledScoring): IntentState {
  const latestTs = Math.max(state.latestTs, event.ts);
  const newSession = !state.sessions.recent.includes(event.sid);
  const sessions = {
    count: state.sessions.count + (newSession ? 1 : 0),
    recent: [event.sid, ...state.sessions.recent.filter((sid) => sid !== event.sid)].slice(0, RECENT_SESSIONS),
  };
  let rules = state.rules;
  for (const rule of compiled.intent) {
    const match = rule.match(event, { newSession, sessionCount: sessions.count });
    if (!match) continue;
    const before = own(state.rules, rule.id);
    const after = applyHit({ rule, before, event, match, latestTs });
    if (after !== undefined && after !== before) rules = { ...rules, [rule.id]: after };
  }
  return { v: STATE_VERSION, latestTs, sessions, rules, activity: countActivity(state.activity, event) };
}
