/**
 * Hostile input: tens of thousands of generated bodies against POST /collect and the admin API.
 * Only 2xx/4xx answers, nothing polluted, memory bounded, and the stored events change only by
 * the events the collector acknowledged.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { API_KEY, ORIGIN, testCollector } from './test-support.ts';

const t = testCollector();
afterAll(() => t.close());

const storedEvents = () => t.store.sqlite.prepare('select count(*) from events').pluck().get() as number;
const NAUGHTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const naughtyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('\uD800', 'a\uDFFFb', "'; DROP TABLE events; --", '<script>alert(1)</script>', '=HYPERLINK("x")', '\u0000', 'x'.repeat(5000)),
  fc.constantFrom(...NAUGHTY_KEYS),
);
const anyValue = fc.oneof(
  naughtyString,
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0, -1),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 6 }),
);
const eventLike = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...'abc123-_') }), anyValue),
    type: fc.oneof(fc.constantFrom('pageview', 'form_submit', 'identify', 'download'), anyValue),
    ts: fc.oneof(fc.constant(Date.UTC(2026, 10, 2, 8)), anyValue),
    url: fc.oneof(fc.constant(`${ORIGIN}/pricing`), fc.webUrl(), anyValue),
    title: anyValue,
    props: fc.oneof(fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...NAUGHTY_KEYS)), anyValue, { maxKeys: 40 }), anyValue),
  },
  { requiredKeys: [] },
);
const envelopeLike = fc.record(
  {
    v: fc.oneof(fc.constant(1), anyValue),
    site: fc.oneof(fc.constant('demo'), anyValue),
    vid: fc.oneof(fc.constant('fuzz-visitor'), anyValue),
    sid: fc.oneof(fc.constant('fuzz-session'), anyValue),
    gpc: anyValue,
    events: fc.oneof(fc.array(eventLike, { maxLength: 60 }), anyValue),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 6, arbitrary: envelopeLike.map((e) => JSON.stringify(e)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 40 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"polluted":1},"v":1}', '[[[[[[[[[[[[[[[[[[[[', '{"v":1,"constructor":{"prototype":{"polluted":1}}}') },
);
const bytes = fc.uint8Array({ maxLength: 300 });

describe('hostile input', () => {
  it('POST /collect answers only 2xx/4xx and stores exactly what it acknowledged', async () => {
    let acknowledged = 0;
    const before = storedEvents();
    const heapBefore = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: bytes }), fc.constantFrom('text/plain', 'application/json'), async (payload, type) => {
        const res = await t.app.request('/collect', { method: 'POST', headers: { 'content-type': type, origin: ORIGIN }, body: payload });
        expect([202, 400, 413]).toContain(res.status);
        const answer = (await res.json()) as { accepted?: number; error?: { code: string } };
        if (res.status === 202) acknowledged += answer.accepted!;
        else expect(answer.error?.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 20_000 },
    );
    expect(storedEvents() - before).toBe(acknowledged);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
    expect(t.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 300_000);

  it('the admin API answers only 2xx/4xx to generated queries and bodies', async () => {
    const auth = { authorization: `Bearer ${API_KEY}` };
    const leadsBefore = t.store.sqlite.prepare('select count(*) from leads').pluck().get();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/mqls', '/api/leads', '/api/stats', '/api/leads/ld_00', '/api/leads/%00', "/api/leads/1'or'1'='1"),
        fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'grade', 'minFit', 'since', 'site', '__proto__'), naughtyString, { maxKeys: 4 }),
        async (path, query) => {
          const res = await t.app.request(`${path}?${new URLSearchParams(query)}`, { headers: auth });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 3_000 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/leads/ld_00/feedback', '/api/accounts'), body, fc.constantFrom('application/json', 'text/csv'), async (path, payload, type) => {
        const res = await t.app.request(path, { method: path.endsWith('accounts') ? 'PUT' : 'POST', headers: { ...auth, 'content-type': type }, body: payload });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 3_000 },
    );
    expect(t.store.sqlite.prepare('select count(*) from leads').pluck().get()).toBe(leadsBefore);
  }, 300_000);
});
