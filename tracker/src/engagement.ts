/**
 * Engaged time and scroll depth. The page counts as engaged while it is visible and focused,
 * until {@link IDLE_MS} pass without input. Measured as a heartbeat rather than with timers:
 * each input, focus change or reading adds the time since the previous one, at most
 * IDLE_MS — exactly the engaged time, with nothing running while the visitor is away.
 * Listeners are passive; layout is read on scroll and when taking a reading, never at start.
 */

/** Without input for this long, a visible page is no longer being read. */
export const IDLE_MS = 30_000;

/** Props of an `engagement` event. */
export type Engagement = {
  /** Engaged milliseconds on this page so far: the latest event of a page holds its total. */
  engagedMs: number;
  /** Deepest point of the page seen so far, 0–100. */
  scrollPct: number;
};

let w: Window;
let total = 0;
let reported = 0; // total at the last reading
let last = 0; // last heartbeat while engaged; 0 while not
let depth = 0;
let sent = 0; // depth at the last reading

const beat = (e?: Event) => {
  const d = w.document;
  const t = Date.now();
  if (last) total += Math.min(t - last, IDLE_MS);
  last = (!e || e.type != 'blur') && d.visibilityState != 'hidden' && d.hasFocus() ? t : 0;
};
const measure = () => {
  const h = w.document.documentElement.scrollHeight;
  depth = Math.max(depth, h ? Math.min(100, Math.round(((w.scrollY + w.innerHeight) / h) * 100)) : 100);
};

/**
 * Starts measuring in `win`. `since`: when the core started; this file loads a little later,
 * and the page counts as engaged from then if it is visible and focused now.
 */
export function watchEngagement(win: Window, since: number): void {
  const o = { passive: true };
  w = win;
  // Not capture: a capturing window listener would also get every form field's focus and blur.
  for (const type of 'pointerdown keydown mousemove scroll focus blur'.split(' ')) w.addEventListener(type, beat, o);
  w.addEventListener('scroll', measure, o);
  w.document.addEventListener('visibilitychange', beat, o);
  beat();
  if (last) last = since;
}

/**
 * The page's engagement so far, or `undefined` if nothing changed since the last reading.
 * Totals, not increments, so a rule like "engaged 60 s on a page" holds even when the tab was
 * hidden and shown in between. `newPage` (an SPA route change) starts both afresh.
 */
export function takeEngagement(newPage?: boolean): Engagement | undefined {
  beat();
  measure();
  const r = total > reported || depth > sent ? { engagedMs: total, scrollPct: depth } : undefined;
  if (newPage) total = reported = depth = sent = 0;
  else (reported = total), (sent = depth);
  return r;
}
