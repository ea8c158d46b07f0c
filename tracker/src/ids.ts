import { get, set } from './store.ts';

/** A session ends after this long without an event (the usual web analytics convention). */
export const SESSION_IDLE_MS = 30 * 60_000;

/**
 * `n` random base-36 characters. These ids need to be unique, not secret (they travel in the
 * clear and the collector takes them as given), and every engine seeds `Math.random` from the
 * system's entropy; the platform CSPRNG would cost a `Crypto` object on first use, a few tenths
 * of a millisecond of the page's main thread at every load.
 */
export const rnd = (n: number) => {
  let s = '';
  while (s.length < n) s += Math.random().toString(36).slice(2);
  return s.slice(0, n);
};

let counter = 0;

/**
 * A unique, time-ordered event id: padded base-36 milliseconds, then a per-page counter
 * (order within one millisecond), then randomness (uniqueness across tabs and devices).
 * 19 characters of [0-9a-z], well within the wire's 64-character token.
 */
export const eventId = (ts: number) => ts.toString(36).padStart(9, '0') + (counter++).toString(36).padStart(4, '0') + rnd(6);

/** The visitor id, created on first use. */
export const visitorId = () => get<string>('v') || set('v', rnd(16));

/**
 * The session id of an event at time `ts`: rotated after {@link SESSION_IDLE_MS} without an
 * event. Stored with the time of the latest event, so every tab of the visitor shares one
 * session. Events are stored a little after they happen, so another tab may have stored a
 * later one meanwhile: the latest time is kept.
 */
export function sessionId(ts: number): string {
  let s = get<[string, number]>('s');
  // `!(a <= b)` also rotates a malformed stored value: NaN compares false.
  if (!s || !(ts - s[1] <= SESSION_IDLE_MS)) s = [rnd(12), ts];
  s[1] = Math.max(s[1], ts);
  return set('s', s)[0];
}
