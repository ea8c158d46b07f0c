import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/wire.ts';
import { events } from '../db/schema.ts';
import { beacon, collect, event, ORIGIN, testCollector, type TestCollector } from '../test-support.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const storedIds = () => t.store.sqlite.prepare('select id from events order by seq').pluck().all();

describe('POST /collect', () => {
  it('stores a batch and answers 202 with counts', async () => {
    const res = await collect(t.app, beacon([event(), event({ type: 'engagement', props: { engagedMs: 1200, scrollPct: 80 } })]));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: 0 });
    expect(storedIds()).toHaveLength(2);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('accepts application/json too', async () => {
    const res = await collect(t.app, beacon([event()]), { 'content-type': 'application/json' });
    expect(res.status).toBe(202);
  });

  it('stores a retried batch once and counts duplicates', async () => {
    const batch = beacon([event(), event()]);
    await collect(t.app, batch);
    const retry = await collect(t.app, batch);
    expect(await retry.json()).toEqual({ accepted: 0, duplicates: 2, rejected: 0 });
    expect(storedIds()).toHaveLength(2);
  });

  it('counts an id repeated inside one batch as a duplicate', async () => {
    const e = event();
    const res = await collect(t.app, beacon([e, e]));
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 1, rejected: 0 });
  });

  it('keeps good events and rejects bad ones in a valid envelope', async () => {
    const res = await collect(t.app, beacon([event(), { id: 'x', type: 'nope' }, event({ ts: -1 })]));
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: 2 });
    expect(storedIds()).toHaveLength(1);
  });

  it.each([
    ['v', { v: 2 }],
    ['site', { site: '' }],
    ['vid', { vid: 'x'.repeat(65) }],
    ['sid', { sid: 'has space' }],
    ['events', { events: [] }],
    ['events', { events: 'nope' }],
    ['wd', { wd: 'yes' }],
    ['extra', { extra: 1 }],
  ])('rejects an envelope with a bad %s with 400 naming it, storing nothing', async (field, override) => {
    const res = await collect(t.app, beacon([event()], override));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.message).toContain(field === 'extra' ? 'Unrecognized key' : field);
    expect(storedIds()).toHaveLength(0);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await collect(t.app, '{"v":1,');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_body', message: 'Body is not valid JSON' } });
  });

  it('rejects an unknown site with 400', async () => {
    const res = await collect(t.app, beacon([event()], { site: 'elsewhere' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_site');
  });

  it('answers 413 over the size limit, before parsing', async () => {
    const res = await collect(t.app, 'x'.repeat(LIMITS.maxBodyBytes + 1));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('refuses other content types with 415', async () => {
    const res = await collect(t.app, beacon([event()]), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });

  it('never echoes input in an error', async () => {
    const res = await collect(t.app, beacon([event()], { site: '<script>alert(1)</script>' }));
    expect(await res.text()).not.toContain('<script>');
  });

  it('refuses a beacon from an origin the site does not allow', async () => {
    const res = await collect(t.app, beacon([event()]), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(storedIds()).toHaveLength(0);
  });

  it('answers a CORS preflight for an allowed origin only', async () => {
    const preflight = (origin: string) =>
      t.app.request('/collect', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps props as sent and derives the path', async () => {
    await collect(t.app, beacon([event({ url: 'https://www.example.com/blog/post?utm_source=x', props: { a: 1, b: 'two' } })]));
    const [row] = await t.store.db.select().from(events);
    expect(row).toMatchObject({ path: '/blog/post', props: { a: 1, b: 'two' }, vid: 'visitor-1' });
  });

  it('drops contact fields when Global Privacy Control is on', async () => {
    await collect(t.app, beacon([event({ type: 'form_submit', props: { form: 'demo-request', email: 'a@b.example', company: 'Acme' } })], { gpc: true, ft: { gclid: 'abc', utm_source: 'x' } }));
    const [row] = await t.store.db.select().from(events);
    expect(row?.props).toEqual({ form: 'demo-request' });
    const visitor = t.store.sqlite.prepare('select first_touch from visitors').pluck().get();
    expect(JSON.parse(visitor as string)).toEqual({ utm_source: 'x' });
  });
});
