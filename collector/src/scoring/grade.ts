/** Grades are data-driven ratings, like web-vitals' thresholds: thresholds in, a label out. */
import type { ScoringConfig } from './rules.ts';

type Grading = ScoringConfig['grade'];

/** A for the best fit … D below the C threshold. */
export function fitLetter(fit: number, thresholds: Grading['fit']): 'A' | 'B' | 'C' | 'D' {
  if (fit >= thresholds.A) return 'A';
  if (fit >= thresholds.B) return 'B';
  if (fit >= thresholds.C) return 'C';
  return 'D';
}

/** 1 for the hottest intent … 4 below the 3 threshold. */
export function intentNumber(intent: number, thresholds: Grading['intent']): 1 | 2 | 3 | 4 {
  if (intent >= thresholds[1]) return 1;
  if (intent >= thresholds[2]) return 2;
  if (intent >= thresholds[3]) return 3;
  return 4;
}

/** Fit letter × intent number, e.g. "A1" or "C3". */
export function gradeOf(fit: number, intent: number, grading: Grading): string {
  return `${fitLetter(fit, grading.fit)}${intentNumber(intent, grading.intent)}`;
}

/** Rounds to 0.1 for display, without producing -0. */
export const roundTenth = (value: number) => Math.round(value * 10) / 10 || 0;
