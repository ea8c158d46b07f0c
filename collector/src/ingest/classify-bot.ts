/**
 * Is this traffic a bot? Server-side: the `isbot` user-agent list; from the tracker: the
 * `navigator.webdriver` flag; from behaviour: more pages in a beacon than a person can read.
 * Bots are stored and counted, never scored into an MQL. Test environments that drive a real
 * browser switch this off with `allowAutomation`. What one beacon cannot show (many pages over
 * many beacons, never engaged) is judged by scoring: collector/src/scoring/bot-behaviour.ts.
 */
import { isbot } from 'isbot';
import type { Envelope } from '../../../shared/wire.ts';

/** A person does not read more than this many pages in ten seconds. */
const MAX_PAGEVIEWS_PER_10S = 10;

export function isBotTraffic(userAgent: string | undefined, envelope: Envelope, allowAutomation: boolean): boolean {
  if (allowAutomation) return false;
  if (envelope.wd === true || !userAgent || isbot(userAgent)) return true;
  const pageviews = envelope.events.filter((e) => e.type === 'pageview').map((e) => e.ts);
  if (pageviews.length <= MAX_PAGEVIEWS_PER_10S) return false;
  return Math.max(...pageviews) - Math.min(...pageviews) < 10_000;
}
