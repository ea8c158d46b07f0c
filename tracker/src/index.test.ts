// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://site.example/pricing?utm_source=news&gclid=G1", "settings": { "handleDisabledFileLoadingAsSuccess": true } }
/**
 * The composed tracker in a simulated page: the script tag, the stub, the page API, privacy
 * and consent, and what reaches the network. Real-browser behaviour (navigation, unload,
 * CSP) is covered by tests/browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { envelopeSchema, eventSchema, type Envelope, type WireEvent } from '../../shared/wire.ts';

type Tells = ((...a: unknown[]) => void) & { q?: unknown[] };
const w = window as unknown as Window & { tells?: Tells };
const HOME = 'https://site.example/pricing?utm_source=news&gclid=G1';

/** Every envelope that left the page, in order, with how. */
let out: { how: 'fetch' | 'beacon'; url: string; env: Envelope }[];
const events = () => out.flatMap((o) => o.env.events);
const types = () => events().map((e) => e.type);

/** Loads the tracker as a page would: the tag, then t.js, then (unless told not to) ext.js. */
async function boot(attrs = 'data-site="demo"', ext = true) {
  document.head.innerHTML = `<title>Pricing</title><script async src="https://c.example/t.js" ${attrs}></script>`;
  vi.resetModules();
  await import('./index.ts');
  if (ext) await loadExt();
}
const loadExt = () => import('./ext-entry.ts');
/** Turns the loaded tracker off (as a page unload would), keeping what it stored. */
function retire() {
  const keep = Object.entries(localStorage);
  w.tells?.('consent', false);
  localStorage.clear();
  for (const [k, v] of keep) localStorage.setItem(k, v);
  delete w.tells;
}
const settle = (ms = 1000) => vi.advanceTimersByTimeAsync(ms);
/** What the tracker keeps in localStorage under `key`. */
const stored = (key: string) => JSON.parse(localStorage.getItem('tells_' + key)!);
const defineNav = (k: string, value: unknown) => Object.defineProperty(navigator, k, { value, configurable: true });

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 2, 1, 12), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  localStorage.clear();
  history.replaceState(null, '', HOME);
  Object.defineProperty(document, 'referrer', { value: '', configurable: true });
  document.body.innerHTML = '';
  out = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      out.push({ how: 'fetch', url, env: JSON.parse(init.body as string) });
      return new Response('{"accepted":1,"duplicates":0,"rejected":0}', { status: 202 });
    }),
  );
  vi.spyOn(navigator, 'sendBeacon').mockImplementation((url, body) => {
    out.push({ how: 'beacon', url: String(url), env: JSON.parse(body as string) });
    return true;
  });
  defineNav('webdriver', false);
});
afterEach(() => {
  retire();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const k of ['globalPrivacyControl', 'doNotTrack', 'webdriver']) delete (navigator as unknown as Record<string, unknown>)[k];
});

describe('setup', () => {
  it('warns once and does nothing else without data-site', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await boot('', false);
    await settle(5000);
    expect(warn).toHaveBeenCalledOnce();
    expect(w.tells).toBeUndefined();
    expect(out).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('sends a valid pageview envelope to /collect beside the script', async () => {
    Object.defineProperty(document, 'referrer', { value: 'https://www.google.com/', configurable: true });
    await boot();
    await settle();
    expect(out).toHaveLength(1);
    const { how, url, env } = out[0]!;
    expect([how, url]).toEqual(['fetch', 'https://c.example/collect']);
    expect(envelopeSchema.safeParse(env).success).toBe(true);
    for (const e of env.events) expect(eventSchema.safeParse(e).success).toBe(true);
    expect(env).toMatchObject({ v: 1, site: 'demo', ft: { utm_source: 'news', gclid: 'G1', referrer: 'https://www.google.com/', landing: HOME } });
    expect(env).not.toHaveProperty('gpc');
    expect(env).not.toHaveProperty('wd');
    expect(env.events[0]).toMatchObject({ type: 'pageview', url: HOME, ref: 'https://www.google.com/', title: 'Pricing' });
    expect(stored('v')).toBe(env.vid);
  });

  it('posts to data-api and loads ext.js and vitals.js from beside t.js', async () => {
    await boot('data-site="demo" data-api="https://in.example/c"');
    await settle();
    expect(out[0]!.url).toBe('https://in.example/c');
    const srcs = [...document.querySelectorAll('script')].map((s) => s.src);
    expect(srcs).toEqual(expect.arrayContaining(['https://c.example/ext.js', 'https://c.example/vitals.js']));
  });

  it('flags an automated browser without going silent', async () => {
    defineNav('webdriver', true);
    await boot();
    await settle();
    expect(out[0]!.env.wd).toBe(true);
  });

  it('stays inert when loaded twice', async () => {
    await boot();
    const first = w.tells;
    vi.resetModules();
    await import('./index.ts');
    await settle();
    expect(w.tells).toBe(first);
    expect(types()).toEqual(['pageview']);
  });

  it('keeps working when an ext.js of another version plugs in', async () => {
    await boot('data-site="demo"', false);
    (w.tells as unknown as { x: (e: unknown) => void }).x({ ft: () => ({}), watch: () => {} });
    await settle();
    expect(types()).toEqual(['pageview']);
  });

  it('turns itself off quietly after an internal error', async () => {
    await boot();
    document.body.innerHTML = '<a href="/files/guide.pdf">Guide</a>';
    const rnd = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('broken');
    });
    // The click sends at once, and giving the events ids fails.
    expect(() => document.querySelector('a')!.click()).not.toThrow();
    rnd.mockRestore();
    w.tells!('track', 'after');
    document.querySelector('a')!.click();
    await settle(5000);
    expect(out).toEqual([]);
  });

  it('touches nothing stored, and sends nothing, before the batch is due', async () => {
    const get = vi.spyOn(localStorage, 'getItem');
    const set = vi.spyOn(localStorage, 'setItem');
    await boot();
    w.tells!('track', 'Early');
    await settle(999);
    expect([get.mock.calls, set.mock.calls, out]).toEqual([[], [], []]);
    await settle(1);
    expect(types()).toEqual(['pageview', 'track']);
    expect(get).toHaveBeenCalled();
  });
});

describe('page API', () => {
  it('replays calls queued by the stub, in order', async () => {
    const stub: Tells = function (...a: unknown[]) {
      (stub.q = stub.q || []).push(a);
    };
    w.tells = stub;
    stub('track', 'Signup', { plan: 'pro', nested: { no: 1 } });
    stub('identify', { email: 'ada@acme.io', company: 'Acme', plan: 'x' });
    await boot();
    await settle();
    const [pv, track, identify] = events();
    expect(pv!.type).toBe('pageview');
    expect(track).toMatchObject({ type: 'track', name: 'Signup', props: { plan: 'pro' } });
    expect(track!.props).not.toHaveProperty('nested');
    expect(identify).toMatchObject({ type: 'identify', props: { email: 'ada@acme.io', company: 'Acme' } });
    expect(identify!.props).not.toHaveProperty('plan');
  });

  it('holds identify until ext.js has the field rules', async () => {
    await boot('data-site="demo"', false);
    w.tells!('identify', { email: 'ada@acme.io' });
    await settle();
    expect(types()).toEqual(['pageview']);
    await loadExt();
    await settle();
    expect(types()).toEqual(['pageview', 'identify']);
  });

  it('holds track until ext.js arrives, and asks for it at once', async () => {
    // The page is still loading: ext.js would otherwise wait for the load event.
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    await boot('data-site="demo"', false);
    const asked = () => document.querySelectorAll('script[src="https://c.example/ext.js"]').length;
    const before = asked();
    await settle(0);
    expect(asked()).toBe(before);
    w.tells!('track', 'Early', { plan: 'pro' });
    expect(asked()).toBe(before + 1);
    await settle();
    expect(types()).toEqual(['pageview']);
    await loadExt();
    await settle();
    expect(events()[1]).toMatchObject({ type: 'track', name: 'Early', props: { plan: 'pro' } });
  });

  it('ignores a track without a name', async () => {
    await boot();
    w.tells!('track', '   ');
    w.tells!('track', 42);
    w.tells!('nonsense');
    await settle();
    expect(types()).toEqual(['pageview']);
  });
});

describe('captured behaviour', () => {
  it('beacons a download click at once and never blocks the click', async () => {
    await boot();
    document.body.innerHTML = '<a href="/files/guide.pdf">Guide</a>';
    const a = document.querySelector('a')!;
    let defaultPrevented: boolean | undefined;
    a.addEventListener('click', (e) => ((defaultPrevented = e.defaultPrevented), e.preventDefault()));
    a.click();
    await settle(0);
    expect(defaultPrevented).toBe(false);
    expect(out.map((o) => o.how)).toEqual(['beacon']);
    expect(types()).toEqual(['pageview', 'download']);
    expect(events()[1]!.props).toEqual({ href: 'https://site.example/files/guide.pdf' });
  });

  it('beacons a form submission with allow-listed fields only', async () => {
    await boot();
    document.body.innerHTML = `<form id="demo-request" action="/thanks" method="post">
      <input name="email" value="ada@acme.io"><input type="password" name="pw" value="secret">
      <input name="company" value="Acme"><input type="hidden" name="campaign" value="x"><input name="phone" value="+1 415 555 0100"></form>`;
    const f = document.querySelector('form')!;
    f.addEventListener('submit', (e) => e.preventDefault());
    f.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle(0);
    const submit = events().find((e) => e.type == 'form_submit')!;
    expect(out.at(-1)!.how).toBe('beacon');
    expect(submit.props).toEqual({ form: 'demo-request', action: '/thanks', email: 'ada@acme.io', company: 'Acme' });
  });

  it('sends the phone when data-collect-phone is on', async () => {
    await boot('data-site="demo" data-collect-phone');
    document.body.innerHTML = '<form><input name="phone" value="+1 415 555 0100"></form>';
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    await settle(0);
    expect(events().find((e) => e.type == 'form_submit')!.props).toMatchObject({ phone: '+1 415 555 0100' });
  });

  it('still reports a submission, without fields, before ext.js arrives', async () => {
    await boot('data-site="demo"', false);
    document.body.innerHTML = '<form name="newsletter"><input name="email" value="ada@acme.io"></form>';
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    await settle(0);
    expect(events().find((e) => e.type == 'form_submit')!.props).toEqual({ form: 'newsletter', action: '/pricing' });
  });

  it('reports engagement with the old page and a pageview on an SPA route change', async () => {
    await boot();
    await settle(5000);
    history.pushState({}, '', '/docs');
    await settle();
    const [, engagement, pageview] = events();
    expect(engagement).toMatchObject({ type: 'engagement', url: HOME, props: { engagedMs: 5000 } });
    expect(pageview).toMatchObject({ type: 'pageview', url: 'https://site.example/docs' });
    expect(pageview).not.toHaveProperty('ref');
  });

  it('beacons engagement when the page is hidden', async () => {
    await boot();
    await settle(3000);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await settle(0);
    expect(out.at(-1)!.how).toBe('beacon');
    expect(events().at(-1)).toMatchObject({ type: 'engagement', props: { engagedMs: 3000 } });
  });

  it('counts a prerendered page only once the visitor goes to it', async () => {
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    await boot();
    await settle(5000);
    expect(out).toEqual([]);
    Reflect.deleteProperty(document, 'prerendering');
    document.dispatchEvent(new Event('prerenderingchange'));
    await settle();
    expect(types()).toEqual(['pageview']);
  });

  it('counts a return from the back-forward cache as a view', async () => {
    await boot();
    await settle();
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    await settle();
    expect(types()).toEqual(['pageview', 'pageview']);
  });

  it('retries failed sends when the browser is back online', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await boot();
    await settle();
    expect(stored('q')).toHaveLength(1);
    vi.unstubAllGlobals();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        out.push({ how: 'fetch', url, env: JSON.parse(init.body as string) });
        return new Response(null, { status: 202 });
      }),
    );
    window.dispatchEvent(new Event('online'));
    await settle(0);
    expect(types()).toEqual(['pageview']);
    expect(stored('q')).toEqual([]);
  });

  it('keeps the first touch across later visits', async () => {
    await boot();
    await settle();
    retire();
    history.replaceState(null, '', 'https://site.example/blog?utm_source=later');
    await boot();
    await settle();
    expect(out.at(-1)!.env.ft).toMatchObject({ utm_source: 'news', landing: HOME });
    expect(out.at(-1)!.env.vid).toBe(out[0]!.env.vid);
  });
});

describe('privacy mode (GPC / DNT)', () => {
  it.each([
    ['globalPrivacyControl', true],
    ['doNotTrack', '1'],
  ])('with %s sends anonymous events only and stores nothing', async (k, v) => {
    defineNav(k, v);
    await boot();
    w.tells!('identify', { email: 'ada@acme.io' });
    document.body.innerHTML = '<form><input name="email" value="ada@acme.io"></form>';
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    await settle();
    expect(localStorage.length).toBe(0);
    const env = out[0]!.env;
    expect(env.gpc).toBe(true);
    expect(env.ft).toEqual({ utm_source: 'news', landing: 'https://site.example/pricing?utm_source=news' });
    expect(types()).toEqual(['pageview', 'form_submit']);
    expect(events()[0]!.url).toBe('https://site.example/pricing?utm_source=news');
    expect(events()[1]!.props).toEqual({ form: '/pricing', action: '/pricing' });
    const vid = env.vid;
    retire();
    await boot();
    await settle();
    expect(out.at(-1)!.env.vid).not.toBe(vid);
    expect(localStorage.length).toBe(0);
  });
});

describe('consent', () => {
  it('with data-consent="required", keeps and sends nothing until consent, then everything', async () => {
    await boot('data-site="demo" data-consent="required"');
    w.tells!('track', 'Clicked');
    await settle(10_000);
    expect(out).toEqual([]);
    expect(localStorage.length).toBe(0);
    w.tells!('consent', true);
    await settle();
    expect(types()).toEqual(['pageview', 'track']);
    expect([stored('c'), stored('v')]).toEqual([1, out[0]!.env.vid]);
  });

  it('remembers consent for the next page', async () => {
    localStorage.setItem('tells_c', '1');
    await boot('data-site="demo" data-consent="required"');
    await settle();
    expect(types()).toEqual(['pageview']);
  });

  it('on revocation clears its keys, stops, and stays off on later pages', async () => {
    localStorage.setItem('site_own', 'x');
    await boot();
    await settle();
    w.tells!('consent', false);
    w.tells!('track', 'after');
    await settle(5000);
    expect(types()).toEqual(['pageview']);
    expect(Object.keys(localStorage).sort()).toEqual(['site_own', 'tells_c']);
    expect(stored('c')).toBe(0);
    retire();
    out = [];
    await boot();
    await settle(5000);
    expect(out).toEqual([]);
  });
});

/** Keeps the type import used: events are wire events. */
export type _Check = WireEvent;
