/**
 * Nobody gets in and nothing typed by a visitor turns into code: SQL-injection payloads in every
 * string field and query parameter are stored and returned verbatim, script payloads come back
 * as JSON strings under a CSP that runs nothing, and the admin API sends no CORS headers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, beacon, collect, event, ORIGIN, testCollector, type TestCollector } from './test-support.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const SQLI = ["' OR '1'='1", "x'); DROP TABLE leads; --", '" OR ""="', '1; DELETE FROM events', "\\'; --"];
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const auth = { authorization: `Bearer ${API_KEY}` };
const tables = () => t.store.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();

describe('injection and escaping', () => {
  it('stores SQL-injection payloads in every string field verbatim, harming nothing', async () => {
    const before = tables();
    for (const [i, payload] of SQLI.entries()) {
      const res = await collect(
        t.app,
        beacon(
          [
            event({
              type: 'form_submit',
              url: `${ORIGIN}/demo?q=${encodeURIComponent(payload)}`,
              title: payload,
              props: { form: payload, email: `p${i}@corp.example`, firstName: payload, company: payload, jobTitle: payload },
            }),
          ],
          { vid: `v${i}`, ft: { utm_source: payload, referrer: payload } },
        ),
      );
      expect(res.status).toBe(202);
    }
    expect(tables()).toEqual(before);
    const { data } = (await (await t.app.request('/api/leads?limit=50', { headers: auth })).json()) as { data: { firstName: string; company: string; firstTouch: { utm_source: string } }[] };
    expect(data.map((l) => l.firstName).sort()).toEqual([...SQLI].sort());
    expect(data.every((l) => l.company === l.firstName && l.firstTouch.utm_source === l.firstName)).toBe(true);
  });

  it.each(SQLI)('answers SQL in query parameters with 400 or an empty page, never a 500: %s', async (payload) => {
    for (const param of ['cursor', 'status', 'grade', 'site', 'minFit', 'since']) {
      const res = await t.app.request(`/api/mqls?${param}=${encodeURIComponent(payload)}`, { headers: auth });
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expect(((await res.json()) as { data: unknown[] }).data).toEqual([]);
    }
    expect((await t.app.request(`/api/leads/${encodeURIComponent(payload)}`, { headers: auth })).status).toBe(400);
  });

  it('returns script payloads as JSON strings, under a CSP that runs nothing', async () => {
    await collect(t.app, beacon([event({ type: 'identify', props: { email: 'x@corp.example', firstName: XSS, company: XSS } })]));
    const res = await t.app.request('/api/leads', { headers: auth });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as { data: { firstName: string }[] };
    expect(body.data[0]!.firstName).toBe(XSS);
  });

  it('sends no CORS headers on the admin API, even to a configured origin', async () => {
    const res = await t.app.request('/api/mqls', { headers: { ...auth, origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.app.request('/api/mqls', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
