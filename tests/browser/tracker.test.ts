/**
 * The built tracker in real Chromium: fixture pages served from one origin, the real collector
 * (collector-harness.ts) on another, as on a customer's site. Every case checks that each event
 * arrives, and arrives exactly once: once on the wire, and stored once.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTracker } from '../../tracker/build.ts';
import { haveChromium, launchChromium } from './chromium.ts';
import { startTestCollector, type Received, type TestCollector } from './collector-harness.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface Fixtures {
  url: string;
  /** Bodies of the form POSTs the site received. */
  posts: string[];
  close(): Promise<void>;
}

/** The customer's site: the fixture pages, a PDF, a form endpoint and a strict-CSP page. */
async function startFixtureServer(collectorUrl: () => string): Promise<Fixtures> {
  const posts: string[] = [];
  let port = 0;
  const page = async (name: string) =>
    (await readFile(join(FIXTURES, name), 'utf8')).replaceAll('{{COLLECTOR}}', collectorUrl()).replaceAll('{{OTHER_ORIGIN}}', `http://localhost:${port}`);
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (req.method === 'POST' && path === '/thanks.html') {
        let body = '';
        for await (const chunk of req) body += chunk;
        posts.push(body);
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(await page('thanks.html'));
      } else if (path.startsWith('/files/')) {
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment' }).end('%PDF-1.4\n%%EOF\n');
      } else if (path === '/partner') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Partner</title>');
      } else if (path === '/favicon.ico') {
        res.writeHead(204).end();
      } else {
        const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
        if (path === '/csp.html') headers['Content-Security-Policy'] = `script-src 'self' ${collectorUrl()}`;
        res.writeHead(200, headers).end(await page(path.slice(1)));
      }
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

describe.skipIf(!haveChromium('the real-browser tracker tests'))('tracker in Chromium', () => {
  let browser: Browser;
  let collector: TestCollector;
  let site: Fixtures;
  let context: BrowserContext;

  /** The visitor of the current case (each case is a new one); other cases' late events are theirs. */
  let visitor: string | undefined;
  /** Events stored for the current visitor. */
  const mine = () => collector.events().filter((e) => !visitor || e.vid === visitor);
  /** Polls the collector until `pick` finds what it wants, then gives it. */
  async function arrived(pick: (events: Received[]) => Received[], count = 1, timeoutMs = 10_000): Promise<Received[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = pick(mine());
      if (found.length >= count || Date.now() > until) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const ofType = (type: string, urlEnd?: string) => (es: Received[]) => es.filter((e) => e.type === type && (!urlEnd || e.url.endsWith(urlEnd)));
  /** Waits for the pageview of `path` from a new visitor, and makes that visitor the current one. */
  async function firstPageview(path: string): Promise<Received> {
    const seen = new Set(collector.events().map((e) => e.id));
    visitor = undefined;
    const [pv] = await arrived((es) => ofType('pageview', path)(es).filter((e) => !seen.has(e.id)));
    expect(pv).toBeDefined();
    visitor = pv!.vid;
    return pv!;
  }
  /** Gives a moment for any late duplicate, then checks none arrived at all. */
  async function noDuplicates() {
    await new Promise((r) => setTimeout(r, 1500));
    const ids = collector.received().map((e) => e.id);
    expect(ids.length).toBe(new Set(ids).size);
  }
  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(site.url + path);
    await firstPageview(path);
    return page;
  }

  beforeAll(async () => {
    await buildTracker();
    // The site first: the collector must know the origins it may accept beacons from.
    site = await startFixtureServer(() => collector.url);
    const port = new URL(site.url).port;
    collector = await startTestCollector([site.url, `http://localhost:${port}`]);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await collector?.close();
  });
  // Each case is a new visitor: its own cookies and localStorage.
  afterEach(async () => {
    await context?.close();
  });
  const fresh = async () => {
    context = await browser.newContext();
  };

  it('sends one pageview with the visitor, session and first touch', async () => {
    await fresh();
    await open('/index.html?utm_source=newsletter');
    const [pv] = ofType('pageview', '/index.html?utm_source=newsletter')(mine());
    expect(pv).toMatchObject({ title: 'Home', ft: { utm_source: 'newsletter' } });
    expect(pv!.vid).toMatch(/^[a-z0-9]+$/);
    expect(pv!.sid).toMatch(/^[a-z0-9]+$/);
    await noDuplicates();
    expect(ofType('pageview', '/index.html?utm_source=newsletter')(mine())).toHaveLength(1);
  });

  it("leaves the page's loading alone: storage first touched by the first send, ext.js after the load event", async () => {
    await fresh();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const times: number[] = ((window as unknown as { storageAt: number[] }).storageAt = []);
      for (const m of ['getItem', 'setItem', 'removeItem'] as const) {
        const orig = Storage.prototype[m] as (...a: unknown[]) => unknown;
        (Storage.prototype as unknown as Record<string, unknown>)[m] = function (this: Storage, ...a: unknown[]) {
          times.push(performance.now());
          return orig.apply(this, a);
        };
      }
    });
    await page.goto(`${site.url}/index.html`);
    await firstPageview('/index.html');
    const t = await page.evaluate(() => {
      const resource = (path: string) => performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname == path) as PerformanceResourceTiming;
      return {
        storage: (window as unknown as { storageAt: number[] }).storageAt[0]!,
        load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
        core: resource('/t.js').responseEnd,
        ext: resource('/ext.js').startTime,
      };
    });
    // Events wait a second for the batch; nothing reads storage before it goes.
    expect(t.storage).toBeGreaterThan(t.core + 900);
    expect(t.ext).toBeGreaterThanOrEqual(t.load);
    await noDuplicates();
  });

  it('counts an SPA route change once, with engagement for the page left', async () => {
    await fresh();
    const page = await open('/spa.html');
    await page.click('#to-features');
    const [next] = await arrived(ofType('pageview', '/app/features'));
    expect(next!.title).toBe('Features');
    const [left] = await arrived(ofType('engagement', '/spa.html'));
    expect(left!.props).toMatchObject({ scrollPct: expect.any(Number), engagedMs: expect.any(Number) });
    // A replaceState that only rewrites the query is the same page.
    await page.click('#same-path');
    await noDuplicates();
    expect(mine().filter((e) => e.type === 'pageview' && e.url.includes('/app/features'))).toHaveLength(1);
  });

  it('reports a PDF download click once', async () => {
    await fresh();
    const page = await open('/downloads.html');
    const download = page.waitForEvent('download');
    await page.click('#guide');
    await download;
    const [dl] = await arrived(ofType('download'));
    expect(dl!.props).toEqual({ href: `${site.url}/files/buyers-guide.pdf` });
    await noDuplicates();
    expect(ofType('download')(mine())).toHaveLength(1);
  });

  it('reports a full-page form POST once, with allow-listed fields, and lets it submit', async () => {
    await fresh();
    const page = await open('/form.html');
    await Promise.all([page.waitForURL('**/thanks.html'), page.click('button[type=submit]')]);
    expect(site.posts.at(-1)).toContain('password=hunter2');
    const [submit] = await arrived(ofType('form_submit'));
    expect(submit!.url).toBe(`${site.url}/form.html`);
    expect(submit!.props).toEqual({ form: 'demo-request', action: '/thanks.html', email: 'ada@acme.io', firstName: 'Ada', company: 'Acme' });
    await arrived(ofType('pageview', '/thanks.html'));
    await noDuplicates();
    expect(ofType('form_submit')(mine())).toHaveLength(1);
    expect(ofType('pageview', '/thanks.html')(mine())).toHaveLength(1);
  });

  it('delivers a click when the tab is closed right after it', async () => {
    await fresh();
    const page = await open('/downloads.html');
    const popup = context.waitForEvent('page');
    await page.click('#partner');
    await page.close({ runBeforeUnload: true });
    await popup;
    const [out] = await arrived(ofType('outbound'));
    expect(out!.props).toEqual({ href: expect.stringMatching(/^http:\/\/localhost:\d+\/partner$/) });
    // The popup hides the tab, closing may show it again: engagement comes as deltas, one per
    // hide, and the time adds up.
    await arrived(ofType('engagement', '/downloads.html'));
    await noDuplicates();
    expect(ofType('outbound')(mine())).toHaveLength(1);
    const engaged = ofType('engagement', '/downloads.html')(mine()).reduce((ms, e) => ms + (e.props!.engagedMs as number), 0);
    expect(engaged).toBeGreaterThan(0);
  });

  it('runs under a strict CSP without a single violation, vitals included', async () => {
    await fresh();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${site.url}/csp.html`);
    await firstPageview('/csp.html');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    // By version, from beside t.js (see shared/asset-version.ts).
    expect(loaded).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${collector.url}/ext\\.js\\?v=[0-9a-f]{8}$`))]));
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/vitals\.js\?v=[0-9a-f]{8}$/.test(r.name)));
    const download = page.waitForEvent('download');
    await page.click('#guide');
    await download;
    await arrived(ofType('download'));
    await page.close({ runBeforeUnload: true });
    const vitals = await arrived(ofType('vitals'), 2);
    const names = vitals.map((v) => v.props!.name);
    expect(names).toEqual(expect.arrayContaining(['TTFB', 'FCP']));
    for (const v of vitals) expect(v.props).toMatchObject({ value: expect.any(Number), rating: expect.stringMatching(/^(good|needs-improvement|poor)$/) });
    expect(problems).toEqual([]);
    await noDuplicates();
  });

  it('keeps working on a page whose own scripts throw', async () => {
    await fresh();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${site.url}/broken.html`);
    await firstPageview('/broken.html');
    const download = page.waitForEvent('download');
    await page.click('#guide');
    await download;
    const [dl] = await arrived(ofType('download'));
    expect(dl!.url).toBe(`${site.url}/broken.html`);
    // The page's errors are its own: three of them, none from the tracker.
    expect(pageErrors.length).toBeGreaterThanOrEqual(2);
    for (const m of pageErrors) expect(m).not.toMatch(/tells/i);
    await noDuplicates();
  });
});
