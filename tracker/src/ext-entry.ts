/**
 * Entry of `dist/ext.js`, the second stage of the tracker, which the core loads once the page
 * has loaded (sooner when a form field gets focus, or `track` or `identify` is called):
 * single-page-app routes, engagement, back-forward cache views, first-touch attribution, form
 * fields, `track` and `identify`, and web vitals (it loads `vitals.js`, which reports through
 * it). They live here to keep the core small and its start cheap; none of them is needed in the
 * first moments of a page view. Until it arrives the core still sends pageviews, clicks and
 * form submissions (without fields), holds `track` and `identify` calls, keeps the landing page
 * for first touch, and an SPA route change made meanwhile is counted on arrival.
 *
 * It plugs into the core through `window.tells.x`, which hands it what it needs (the core's
 * error guard included: an error here turns the whole tracker off, quietly).
 */
import type { EventType } from '../../shared/wire.ts';
import { attribution } from './attribution.ts';
import { takeEngagement, watchEngagement } from './engagement.ts';
import { formFields } from './forms.ts';
import { watchRoutes } from './pageviews.ts';
import { profile } from './profile.ts';
import { flat } from './props.ts';
import type { Queued } from './queue.ts';

/**
 * How `vitals.js` reports a final value. Our own vitals.js rounds and types them; a bad value
 * is rejected by the collector alone.
 */
export type VitalsReport = (name: string, value: number, rating: string) => void;

/** What the core hands this file. */
export interface Core {
  guard: <A extends unknown[]>(f: (...a: A) => unknown) => (...a: A) => void;
  emit: (type: EventType, e: Partial<Queued>) => void;
  /** The current URL as sent (privacy mode strips click ids). */
  url: () => string;
  /** Sends a pageview of `at` (default: the current URL). */
  pageview: (ref?: string, at?: string) => void;
  /** The URL of the latest pageview; empty before the first (a prerendered page). */
  page: () => string;
  /** When the core started: the page counts as engaged from then. */
  start: number;
  /** `data-hash`: the hash is part of the route. */
  hash: boolean;
  /** Privacy mode (see privacy.ts): `identify` is ignored. */
  priv: boolean;
  /** Loads a file from beside the core, once. */
  load: (file: string) => void;
}

/** What this file gives the core back. */
export interface Ext {
  /** First-touch attribution of a landing page and its referrer. */
  ft: typeof attribution;
  /** The allow-listed fields of a form being submitted. */
  fields: typeof formFields;
  /** The page API's `track` and `identify`. */
  call: (cmd: string, a?: unknown, b?: unknown) => void;
  /** Reports engagement with the page being left. */
  leave: () => void;
}

/** Starts this file's features in the page of `c`. */
export function install(c: Core): Ext {
  const w = window;
  /** Reports engagement with the current page; `newPage` on an SPA route change. */
  const engaged = (newPage?: boolean) => {
    const props = takeEngagement(newPage);
    if (props && c.page()) c.emit('engagement', { url: c.page(), props });
  };
  watchEngagement(w, c.start);
  const onRoute = c.guard(() => {
    engaged(true);
    // The route's title is usually set just after the history call: read it a tick later.
    const at = c.url();
    setTimeout(c.guard(() => c.pageview('', at)));
  });
  watchRoutes(w, c.hash, onRoute, c.page());
  // Back from the back-forward cache: a new view of the page that fires nothing else.
  w.addEventListener('pageshow', c.guard((e: PageTransitionEvent) => e.persisted && c.pageview()));
  // vitals.js reports by `tells.v`, looked up at report time: it loads once that is set.
  (w as unknown as { tells: { v: VitalsReport } }).tells.v = c.guard((name: string, value: number, rating: string) => c.emit('vitals', { props: { name, value, rating } }));
  c.load(TELLS_VITALS_JS);
  return {
    ft: attribution,
    fields: formFields,
    call: (cmd, a, b) => {
      if (cmd == 'track') {
        if (typeof a == 'string' && (a = a.trim())) c.emit('track', { name: (a as string).slice(0, 100), props: flat(b) });
      } else if (cmd == 'identify' && !c.priv) {
        const props = profile(Object(a));
        if (Object.keys(props).length) c.emit('identify', { props });
      }
    },
    leave: () => engaged(),
  };
}

try {
  const t = (window as unknown as { tells?: { x?: (i: typeof install) => void } }).tells;
  if (t && typeof t.x == 'function') t.x(install);
} catch {}
