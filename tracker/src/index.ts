/**
 * The Tells tracker, composed. Goals, in order: never break or slow the host page; send what
 * the scorer needs and nothing a visitor would not expect (see privacy.ts); stay small (the
 * build fails over 3,000 bytes gzipped). This is the only file that touches globals at load;
 * each concern lives in its own module.
 *
 * Page API: `tells('track', name, props)`, `tells('identify', {email, ...})`,
 * `tells('consent', true | false)`; calls made through the one-line stub before we load are
 * replayed in order.
 */
import type { EventType, WireEvent } from '../../shared/wire.ts';
import { firstTouch } from './attribution.ts';
import { findScript, readConfig } from './config.ts';
import { takeEngagement, watchEngagement } from './engagement.ts';
import { formProps } from './forms.ts';
import { eventId, sessionId, visitorId } from './ids.ts';
import { classify, clickedLink } from './links.ts';
import { watchRoutes } from './pageviews.ts';
import { isPrivate, stripClickIds } from './privacy.ts';
import { profile } from './profile.ts';
import { flat } from './props.ts';
import { add, flush, startQueue, wake } from './queue.ts';
import { get, persist, set, wipe } from './store.ts';
import { send } from './transport.ts';
import { loadVitals } from './vitals.ts';

/** `window.tells`: the page API, plus what the stub and `vitals.js` need. */
type Api = ((cmd: string, a?: unknown, b?: unknown) => void) & {
  /** Calls the stub queued before we loaded. */
  q?: ArrayLike<unknown>[];
  /** Set once loaded: a second copy of the script stays inert. */
  l?: 1;
  /** Where `vitals.js` reports. */
  v?: (name: string, value: number, rating: string) => void;
};

try {
  const w = window as Window & { tells?: Api };
  const d = document;
  const n = navigator;
  const l = location;
  const script = findScript(d);
  const cfg = script && readConfig(script);
  if (!cfg) console.warn('Tells: no data-site on the script tag; not tracking.');
  else if (!(w.tells && w.tells.l)) {
    let off = false;
    /** Every entry point runs through this: the first error turns the tracker off, quietly. */
    const guard =
      <A extends unknown[]>(f: (...a: A) => unknown) =>
      (...a: A) => {
        if (!off)
          try {
            f(...a);
          } catch {
            off = true;
          }
      };
    const on = (t: EventTarget, type: string, f: (e: any) => unknown) => t.addEventListener(type, guard(f), true);

    const priv = isPrivate(n);
    // Consent granted (1), revoked (0) or never given. A revocation holds even where consent
    // is not required, so `tells('consent', false)` is a lasting opt-out.
    const given = get('c');
    let consented = cfg.consent ? given === 1 : given !== 0;
    if (priv || !consented) persist(false);

    const url = () => (priv ? stripClickIds(l.href) : l.href).slice(0, 2048);
    const ft = firstTouch(l.href, d.referrer, priv);
    let sid = '';
    startQueue(
      () => consented && !off && { v: 1, site: cfg.site, vid: visitorId(), sid, ft, wd: n.webdriver || undefined, gpc: priv || undefined },
      (body, beacon) => send(cfg.api, body, beacon),
    );
    /** Queues an event; `now` (high-value, or the page is hidden and may not come back) sends it at once. */
    const emit = (type: EventType, e: Partial<WireEvent> = {}, now?: boolean) => {
      const ts = Date.now();
      sid = sessionId(ts);
      e.id = eventId(ts);
      e.type = type;
      e.ts = ts;
      e.url = e.url || url();
      add(e as WireEvent, now || d.visibilityState == 'hidden');
    };

    let page = '';
    /** Reports engagement with the page being left; `newPage` on an SPA route change. */
    const engaged = (newPage?: boolean) => {
      const props = takeEngagement(newPage);
      if (props && page) emit('engagement', { url: page, props });
    };
    const pageview = (ref?: string) => emit('pageview', { url: (page = url()), ref: ref || undefined, title: d.title.slice(0, 300) });
    const leave = () => {
      engaged();
      flush(true);
    };

    const api = guard((cmd: string, a?: unknown, b?: unknown) => {
      if (cmd == 'track') {
        const name = typeof a == 'string' && a.trim().slice(0, 100);
        if (name) emit('track', { name, props: flat(b) });
      } else if (cmd == 'identify') {
        const props = profile(Object(a));
        if (!priv && Object.keys(props).length) emit('identify', { props });
      } else if (cmd == 'consent') {
        if (a) {
          if (!priv) persist(true);
          set('c', 1);
          consented = true;
          flush();
        } else {
          // Keep only the opt-out itself, then nothing more, and stop.
          wipe();
          set('c', 0);
          persist(false);
          off = true;
        }
      }
    }) as Api;
    api.v = guard((name: string, value: number, rating: string) => emit('vitals', { props: flat({ name, value, rating }) }));
    const queued = w.tells && w.tells.q;
    api.l = 1;
    w.tells = api;

    watchEngagement(w);
    watchRoutes(
      w,
      cfg.hash,
      guard(() => {
        engaged(true);
        pageview();
      }),
    );
    // Listeners capture, so a page's stopPropagation cannot hide anything from us; none of
    // them ever prevents a default: navigation and submission go on untouched.
    const click = (e: MouseEvent) => {
      const a = clickedLink(e) as HTMLAnchorElement | null;
      const type = a && classify(a, l.host);
      if (type) emit(type, { props: { href: a.href.slice(0, 1000) } }, true);
    };
    on(d, 'click', click);
    on(d, 'auxclick', click);
    on(d, 'submit', (e: Event) => {
      const f = e.target;
      if (f instanceof HTMLFormElement) emit('form_submit', { props: formProps(f, l.href, !priv, cfg.phone) }, true);
    });
    on(d, 'visibilitychange', () => d.visibilityState == 'hidden' && leave());
    on(w, 'pagehide', leave);
    // Back from the back-forward cache: a new view of the page that fires nothing else.
    on(w, 'pageshow', (e: PageTransitionEvent) => e.persisted && pageview());
    on(w, 'online', wake);

    // A prerendered page is not a view until the visitor actually goes to it.
    if ((d as Document & { prerendering?: boolean }).prerendering) on(d, 'prerenderingchange', () => pageview(d.referrer));
    else pageview(d.referrer);
    if (queued) for (const args of queued) api(...(Array.prototype.slice.call(args) as [string]));
    d.readyState == 'complete' ? loadVitals(d, cfg.src) : on(w, 'load', () => loadVitals(d, cfg.src));
  }
} catch {}
