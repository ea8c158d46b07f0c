/**
 * The Tells tracker core, composed. Goals, in order: never break or slow the host page; send
 * what the scorer needs and nothing a visitor would not expect (see privacy.ts); stay small
 * (see build.ts for the budget). This is the only file that touches globals at load; each
 * concern lives in its own module.
 *
 * At load it only reads its tag, installs its listeners and notes the pageview in page memory:
 * storage is first touched by the first send, a second later (see queue.ts). Two more files
 * load from beside this one once the page has loaded: `ext.js` (SPA routes, engagement, first
 * touch, form fields, `track` and `identify`; see ext-entry.ts), sooner when a form field gets
 * focus or the page calls `track` or `identify`; then ext.js loads `vitals.js`.
 *
 * Page API: `tells('track', name, props)`, `tells('identify', {email, ...})`,
 * `tells('consent', true | false)`; calls made through the one-line stub before we load are
 * replayed in order.
 */
import type { EventType } from '../../shared/wire.ts';
import type { Attribution } from './attribution.ts';
import { readConfig } from './config.ts';
import type { Ext, install as Install } from './ext-entry.ts';
import { formProps } from './forms.ts';
import { guard, stop } from './guard.ts';
import { visitorId } from './ids.ts';
import { linkClick } from './links.ts';
import { loadScript } from './loader.ts';
import { isPrivate, stripClickIds } from './privacy.ts';
import { add, flush, startQueue, wake, type Queued } from './queue.ts';
import { get, persist, set, wipe } from './store.ts';
import { send } from './transport.ts';

/** `window.tells`: the page API, plus what the stub, `ext.js` and `vitals.js` need. */
type Api = ((cmd: string, a?: unknown, b?: unknown) => void) & {
  /** Calls the stub queued before we loaded. */
  q?: IArguments[];
  /** Where `ext.js` plugs in; set once loaded, so a second copy of the script stays inert. */
  x?: (i: typeof Install) => void;
};

try {
  const w = window as Window & { tells?: Api };
  const d = document;
  const l = location;
  const cfg = readConfig(d);
  if (!cfg) console.warn('Tells: data-site missing');
  else if (!(w.tells && w.tells.x)) {
    const start = Date.now();
    /** Where and whence the visitor arrived: first touch is worked out from it (see firstTouch). */
    const landing = [l.href, d.referrer];
    const priv = isPrivate(navigator);
    let ext: Ext | undefined;
    let consented: boolean | undefined;
    let page = '';
    // Capture phase, so a page's stopPropagation hides nothing. No listener ever prevents a
    // default: navigation and submission go on untouched.
    const on = (t: EventTarget, type: string, f: (e: any) => unknown) => t.addEventListener(type, guard(f), true);
    const url = () => (priv ? stripClickIds(l.href) : l.href).slice(0, 2048);
    const loadFile = (file: string) => loadScript(d, file, cfg.src);
    const needExt = () => loadFile(TELLS_EXT_JS);

    /**
     * Whether events may be kept and sent, settled before anything else touches storage.
     * Consent granted (1), revoked (0) or never given; a revocation holds even where consent
     * is not required, so `tells('consent', false)` is a lasting opt-out. Privacy mode, or no
     * consent yet, keeps everything in page memory.
     */
    const allowed = () => {
      if (consented == null) {
        const given = get('c');
        consented = cfg.consent ? given === 1 : given !== 0;
        // Privacy mode uses nothing kept about the visitor.
        if (priv || !consented) persist(false, priv);
      }
      return consented;
    };
    /**
     * First-touch attribution, once known. ext.js works it out from the page the visitor
     * landed on, which is kept until then: the visitor may leave before ext.js arrives.
     */
    const firstTouch = () => {
      let ft = get<Attribution>('ft');
      if (!ft) {
        const [href, ref] = get<string[]>('l') || set('l', landing);
        if (ext) ft = set('ft', ext.ft(href!, ref!, priv));
      }
      return ft;
    };
    startQueue(
      allowed,
      () => ({ v: 1, site: cfg.site, vid: visitorId(), ft: firstTouch(), wd: navigator.webdriver || undefined, gpc: priv || undefined }),
      (body, beacon) => send(cfg.api, body, beacon),
    );
    /** Queues an event; `now` (high-value, or the page is hidden and may not come back) sends it at once. */
    const emit = (type: EventType, e: Partial<Queued>, now?: boolean) => {
      e.type = type;
      e.ts = Date.now();
      e.url = e.url || url();
      add(e as Queued, now || d.visibilityState == 'hidden');
    };
    const pageview = (ref?: string, at = url()) => emit('pageview', { url: (page = at), ref: ref || undefined, title: d.title.slice(0, 300) });
    const leave = () => {
      if (ext) ext.leave();
      flush(true);
    };

    /** Page API calls that wait for ext.js. */
    const held: [string, unknown, unknown][] = [];
    const api: Api = guard((cmd: string, a?: unknown, b?: unknown) => {
      if (cmd == 'consent') {
        allowed();
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
          stop();
        }
        // `track` and `identify` live in ext.js: calls made before it arrives wait for it, and
        // ask for it at once.
      } else ext ? ext.call(cmd, a, b) : (held.push([cmd, a, b]), needExt());
    });
    api.x = guard((install: typeof Install) => {
      // An ext.js of another version (one cached across a deploy) hands something else: the
      // page then goes without its features rather than without the tracker.
      if (!ext && typeof install == 'function') {
        ext = install({ guard, emit, url, pageview, page: () => page, start, hash: cfg.hash, priv, load: loadFile });
        for (const c of held) ext.call(...c);
      }
    });
    const queued = w.tells && w.tells.q;
    w.tells = api;

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
    // Someone starts on a form: its fields need ext.js by the time it is sent.
    on(d, 'focusin', (e: FocusEvent) => (e.target as HTMLInputElement).form && needExt());
    on(d, 'visibilitychange', () => d.visibilityState == 'hidden' && leave());
    on(w, 'pagehide', leave);
    on(w, 'online', wake);

    // A prerendered page is not a view until the visitor actually goes to it.
    if ((d as Document & { prerendering?: boolean }).prerendering) on(d, 'prerenderingchange', () => pageview(d.referrer));
    else pageview(d.referrer);
    if (queued) for (const args of queued) api.apply(0, args as unknown as [string]);
    // The rest waits for the page's own loading to finish.
    d.readyState == 'complete' ? needExt() : on(w, 'load', needExt);
  }
} catch {}
