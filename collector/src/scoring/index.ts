/**
 * Tells lead scoring: a pure core. `(events, profile, rules, now) → scores + reasons`, with no
 * I/O, clock or randomness, so the collector's live path and a full re-score agree.
 */
export { unengagedBotReason } from './bot-behaviour.ts';
export { compileScoring, type CompiledScoring } from './compile.ts';
export { defaultScoring } from './default-scoring.ts';
export { evaluate, scoreLead } from './evaluate.ts';
export { fitLetter, gradeOf, intentNumber } from './grade.ts';
export { applyEvent, emptyIntentState, STATE_VERSION } from './intent-state.ts';
export { scoringSchema, type ScoringConfig, type ScoringConfigInput } from './rules.ts';
export { SENIORITIES, type FitRule, type Seniority } from './schema-fit.ts';
export type { IntentRule } from './schema-intent.ts';
export type * from './types.ts';
