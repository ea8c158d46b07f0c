/**
 * The Tells tracker core, composed. Goals, in order: never break or slow the host page; send
 * what the scorer needs and nothing a visitor would not expect (see privacy.ts); stay small
 * (the build fails over 3,000 bytes gzipped). This is the only file that touches globals at
 * load; each concern lives in its own module. Two more files load from beside this one:
 * `ext.js` at once (attribution, engagement, form fields, identify; see ext-entry.ts) and
 * `vitals.js` after the page has loaded.
 *
 * Page API: `tells('track', name, props)`, `tells('identify', {email, ...})`,
 * `tells('consent', true | false)`; calls made through the one-line stub before we load are
 * replayed in order.
 */
import type { EventType } from '../../shared/wire.ts';
import type { Attribution } from './attribution.ts';
import { readConfig } from './config.ts';
import type { Ext } from './ext-entry.ts';
import { formProps } from './forms.ts';
import { eventId, sessionId, visitorId } from './ids.ts';
import { linkClick } from './links.ts';
import { loadScript } from './loader.ts';
import { watchRoutes } from './pageviews.ts';
import { isPrivate, stripClickIds } from './privacy.ts';
import { flat } from './props.ts';
import { add, flush, startQueue, wake, type Queued } from './queue.ts';
import { get, persist, set, wipe } from './store.ts';
import { send } from './transport.ts';

/** `window.tells`: the page API, plus what the stub, `ext.js` and `vitals.js` need. */
type Api = ((cmd: string, a?: unknown, b?: unknown) => void) & {
  /** Calls the stub queued before we loaded. */
  q?: IArguments[];
  /** Set once loaded: a second copy of the script stays inert. */
  l?: 1;
  /** Where `ext.js` registers. */
  x?: (e: Ext) => void;
  /** Where `vitals.js` reports. */
  v?: (name: string, value: number, rating: string) => void;
};

try {
  const w = window as Window & { tells?: Api };
  const d = document;
  const n = navigator;
  const l = location;
  const cfg = readConfig(d);
  if (!cfg) console.warn('Tells: data-site missing');
  else if (!(w.tells && w.tells.l)) {
    const start = Date.now();
    const href = l.href;
    let off = false;
    let ext: Ext | undefined;
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
    // Capture phase, so a page's stopPropagation hides nothing. No listener ever prevents a
    // default: navigation and submission go on untouched.
    const on = (t: EventTarget, type: string, f: (e: any) => unknown) => t.addEventListener(type, guard(f), true);

    const priv = isPrivate(n);
    // Consent granted (1), revoked (0) or never given. A revocation holds even where consent
    // is not required, so `tells('consent', false)` is a lasting opt-out.
    const given = get('c');
    let consented = cfg.consent ? given === 1 : given !== 0;
    if (priv || !consented) persist(false);

    const url = () => (priv ? stripClickIds(l.href) : l.href).slice(0, 2048);
    let ft = get<Attribution>('ft');
    let sid = '';
    startQueue(
      () => consented && !off && { v: 1, site: cfg.site, vid: visitorId(), sid, ft, wd: n.webdriver || undefined, gpc: priv || undefined },
      (body, beacon) => send(cfg.api, body, beacon),
    );
    /** Queues an event; `now` (high-value, or the page is hidden and may not come back) sends it at once. */
    const emit = (type: EventType, e: Partial<Queued>, now?: boolean) => {
      const ts = Date.now();
      e.s = sid = sessionId(ts);
      e.id = eventId(ts);
      e.type = type;
      e.ts = ts;
      e.url = e.url || url();
      add(e as Queued, now || d.visibilityState == 'hidden');
    };

    let page = '';
    /** Reports engagement with the page being left; `newPage` on an SPA route change. */
    const engaged = (newPage?: boolean) => {
      const props = ext && ext.take(newPage);
      if (props && page) emit('engagement', { url: page, props });
    };
    const pageview = (ref?: string, at = url()) => emit('pageview', { url: (page = at), ref: ref || undefined, title: d.title.slice(0, 300) });
    const leave = () => {
      engaged();
      flush(true);
    };

    const held: unknown[] = [];
    const identify = (a: unknown) => {
      const props = ext!.profile(Object(a));
      if (Object.keys(props).length) emit('identify', { props });
    };
    const api: Api = guard((cmd: string, a?: unknown, b?: unknown) => {
      if (cmd == 'track') {
        if (typeof a == 'string' && (a = a.trim())) emit('track', { name: (a as string).slice(0, 100), props: flat(b) });
      } else if (cmd == 'identify') {
        // Field rules live in ext.js: calls made before it arrives wait for it.
        if (!priv) ext ? identify(a) : held.push(a);
      } else if (cmd == 'consent')
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
    });
    api.x = guard((e: Ext) => {
      if (ext) return;
      ext = e;
      ft = ft || set('ft', e.ft(href, d.referrer, priv));
      e.watch(w, start);
      held.map(identify);
    });
    // Our own vitals.js rounds and types these; a bad value is rejected by the collector alone.
    api.v = guard((name: string, value: number, rating: string) => emit('vitals', { props: { name, value, rating } }));
    const queued = w.tells && w.tells.q;
    api.l = 1;
    w.tells = api;

    watchRoutes(
      w,
      cfg.hash,
      guard(() => {
        engaged(true);
        // The route's title is usually set just after the history call: read it a tick later.
        const at = (page = url());
        setTimeout(guard(() => pageview('', at)));
      }),
    );
    const click = (e: MouseEvent) => {
      const link = linkClick(e, l.host);
      if (link) emit(link[0], { props: { href: link[1].slice(0, 1000) } }, true);
    };
    on(d, 'click', click);
    on(d, 'auxclick', click);
    on(d, 'submit', (e: Event) => {
      const f = e.target;
      if (f instanceof HTMLFormElement)
        emit('form_submit', { props: Object.assign(formProps(f, l.href), !priv && ext ? ext.fields(f, cfg.phone) : {}) }, true);
    });
    on(d, 'visibilitychange', () => d.visibilityState == 'hidden' && leave());
    on(w, 'pagehide', leave);
    // Back from the back-forward cache: a new view of the page that fires nothing else.
    on(w, 'pageshow', (e: PageTransitionEvent) => e.persisted && pageview());
    on(w, 'online', wake);

    // A prerendered page is not a view until the visitor actually goes to it.
    if ((d as Document & { prerendering?: boolean }).prerendering) on(d, 'prerenderingchange', () => pageview(d.referrer));
    else pageview(d.referrer);
    if (queued) for (const args of queued) api.apply(0, args as unknown as [string]);
    loadScript(d, 'ext.js', cfg.src);
    const vitals = () => loadScript(d, 'vitals.js', cfg.src);
    d.readyState == 'complete' ? vitals() : on(w, 'load', vitals);
  }
} catch {}
