/** Small builders for scoring tests: events at chosen times, configs from partial input. */
import { compileScoring, type CompiledScoring } from './compile.ts';
import { scoringSchema, type ScoringConfigInput } from './rules.ts';
import type { z } from 'zod';
import type { intentRuleSchema } from './schema-intent.ts';
import type { ScoringEvent } from './types.ts';

export const DAY = 86_400_000;
/** A Monday morning; every test time is relative to it. */
export const T0 = Date.UTC(2026, 0, 5, 9);
export const FREE_MAIL = ['gmail.com', 'yahoo.com', 'outlook.com'];

let counter = 0;

/** One event; `path` also builds the URL. */
export function event(type: ScoringEvent['type'], path: string, ts: number, extra: Partial<ScoringEvent> = {}): ScoringEvent {
  counter += 1;
  return { id: `e${counter}`, type, ts, url: `https://demo.example${path}`, path, sid: 's1', props: {}, ...extra };
}

export const view = (path: string, ts: number, sid = 's1') => event('pageview', path, ts, { sid });
export const submit = (form: string, ts: number, fields: Record<string, string> = {}) =>
  event('form_submit', '/contact', ts, { props: { form, action: '/submit', ...fields } });
export const download = (href: string, ts: number) => event('download', '/resources', ts, { props: { href } });
export const engagement = (path: string, ts: number, engagedMs: number, scrollPct: number) =>
  event('engagement', path, ts, { props: { engagedMs, scrollPct } });

/** Compiles a config written as in tells.config.json (defaults filled in). */
export function compile(config: ScoringConfigInput = {}, freeMailDomains = FREE_MAIL): CompiledScoring {
  return compileScoring(scoringSchema.parse(config), { freeMailDomains });
}

type IntentRuleInput = z.input<typeof intentRuleSchema>;

/** A config with only the given intent rules, no fit rules, and an easy MQL bar. */
export function onlyIntent(...rules: IntentRuleInput[]): CompiledScoring {
  return compile({ fit: [], intent: rules, mql: { minFit: 0, minIntent: 1 } });
}

/** An intent rule with sensible test defaults: 10 points, cap 100, 10-day half-life. */
export function rule(overrides: Partial<IntentRuleInput> & Pick<IntentRuleInput, 'match'>): IntentRuleInput {
  return { id: 'r', points: 10, cap: 100, decay: { halfLifeDays: 10 }, ...overrides };
}
