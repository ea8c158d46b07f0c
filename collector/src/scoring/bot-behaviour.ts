/**
 * The behavioural bot signal: a lead that views many pages but is never engaged for a moment
 * is automation. A person who reads N pages has the page visible and focused for some seconds,
 * and the tracker reports that time when each page is left (tracker/src/engagement.ts); a
 * crawler or a script that loads pages in a headless or background browser reports none. One
 * engagement event with engaged time above zero clears the signal for good.
 * Complements the per-beacon checks in collector/src/ingest/classify-bot.ts (user agent,
 * webdriver, impossible speed), which cannot see a slow bot spread over many beacons.
 */
import type { ScoringConfig } from './rules.ts';
import type { Activity, IntentState, ScoringEvent } from './types.ts';

/** Folds one event into the activity counts. Order-free (a count and a max), so replay = live. */
export function countActivity(before: Activity | undefined, event: ScoringEvent): Activity {
  const pageviews = (before?.pageviews ?? 0) + (event.type === 'pageview' ? 1 : 0);
  const reported = event.type === 'engagement' ? event.props.engagedMs : undefined;
  const engagedMs = Math.max(before?.engagedMs ?? 0, typeof reported === 'number' && reported > 0 ? reported : 0);
  return { pageviews, engagedMs };
}

/**
 * Why the lead's behaviour reads as a bot ("12 pages viewed with no engaged time"), or null.
 * Off when `exclusions.bots` is false or `botPagesWithoutEngagement` is 0. A state stored
 * before activity was tracked counts as no activity.
 */
export function unengagedBotReason(state: IntentState, exclusions: ScoringConfig['exclusions']): string | null {
  const threshold = exclusions.botPagesWithoutEngagement;
  const { pageviews, engagedMs } = state.activity ?? { pageviews: 0, engagedMs: 0 };
  if (!exclusions.bots || threshold === 0 || engagedMs > 0 || pageviews < threshold) return null;
  return `${pageviews} pages viewed with no engaged time`;
}
