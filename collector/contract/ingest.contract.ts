/** `POST /collect`: answers, dedupe, validation, limits, CORS, and what lands in storage. */
import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/wire.ts';
import { beacon, event, ORIGIN } from '../src/test-support.ts';
import { collect, type Target } from './target.ts';

export function defineIngestContract(target: () => Target): void {
  describe('POST /collect', () => {
    let t: Target;
    beforeEach(async () => {
      t = target();
      await t.reset();
    });
    const storedIds = async () => (await t.sql<{ id: string }>('select id from events order by seq')).map((row) => row.id);

    it('stores a batch and answers 202 with counts', async () => {
      const res = await collect(t, beacon([event(), event({ type: 'engagement', props: { engagedMs: 1200, scrollPct: 80 } })]));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: 0 });
      expect(await storedIds()).toHaveLength(2);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it('accepts application/json too', async () => {
      const res = await collect(t, beacon([event()]), { 'content-type': 'application/json' });
      expect(res.status).toBe(202);
    });

    it('stores a retried batch once and counts duplicates', async () => {
      const batch = beacon([event(), event()]);
      await collect(t, batch);
      const retry = await collect(t, batch);
      expect(await retry.json()).toEqual({ accepted: 0, duplicates: 2, rejected: 0 });
      expect(await storedIds()).toHaveLength(2);
    });

    it('counts an id repeated inside one batch as a duplicate', async () => {
      const e = event();
      const res = await collect(t, beacon([e, e]));
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 1, rejected: 0 });
    });

    it(`stores a full beacon of ${LIMITS.maxEventsPerBatch} events in one atomic write (D1: at most 100 bound parameters a statement)`, async () => {
      const events = Array.from({ length: LIMITS.maxEventsPerBatch }, (_, i) => event({ url: `https://www.example.com/docs/${i}`, props: { i } }));
      const res = await collect(t, beacon(events));
      expect(await res.json()).toEqual({ accepted: 50, duplicates: 0, rejected: 0 });
      expect(await storedIds()).toEqual(events.map((e) => e.id));
      expect(await (await collect(t, beacon(events))).json()).toEqual({ accepted: 0, duplicates: 50, rejected: 0 });
    });

    it('keeps good events and rejects bad ones in a valid envelope', async () => {
      const res = await collect(t, beacon([event(), { id: 'x', type: 'nope' }, event({ ts: -1 })]));
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: 2 });
      expect(await storedIds()).toHaveLength(1);
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
      const res = await collect(t, beacon([event()], override));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_body');
      expect(body.error.message).toContain(field === 'extra' ? 'Unrecognized key' : field);
      expect(await storedIds()).toHaveLength(0);
    });

    it('rejects a body that is not JSON', async () => {
      const res = await collect(t, '{"v":1,');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_body', message: 'Body is not valid JSON' } });
    });

    it('rejects an unknown site with 400', async () => {
      const res = await collect(t, beacon([event()], { site: 'elsewhere' }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_site');
    });

    it('answers 413 over the size limit, before parsing', async () => {
      const res = await collect(t, 'x'.repeat(LIMITS.maxBodyBytes + 1));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    });

    it('refuses other content types with 415', async () => {
      const res = await collect(t, beacon([event()]), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(res.status).toBe(415);
    });

    it('never echoes input in an error', async () => {
      const res = await collect(t, beacon([event()], { site: '<script>alert(1)</script>' }));
      expect(await res.text()).not.toContain('<script>');
    });

    it('refuses a beacon from an origin the site does not allow', async () => {
      const res = await collect(t, beacon([event()]), { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await storedIds()).toHaveLength(0);
    });

    it('answers a CORS preflight for an allowed origin only', async () => {
      const preflight = (origin: string) =>
        t.fetch('/collect', {
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

    it('scores a long backlog of large events in chunks, every event once', async () => {
      await collect(t, beacon([event()]));
      // 250 stored events of 16 KB each that the lead has not applied (as after a merge): 4 MB, three reads.
      await t.sql(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 250)
         insert into events (site, id, vid, sid, type, ts, received_at, url, path, props)
         select 'demo', 'backlog-' || i, 'visitor-1', 'session-1', 'pageview', ?, ?, 'https://www.example.com/p' || i, '/p' || i,
           json_object('note', hex(zeroblob(8000))) from n`,
        t.now,
        t.now,
      );
      expect((await collect(t, beacon([event()]))).status).toBe(202);
      const [lead] = await t.sql<{ applied: number; stored: number; state: string }>(
        'select last_seq as applied, (select max(seq) from events) as stored, state from leads',
      );
      expect(lead!.applied).toBe(lead!.stored);
      expect(JSON.parse(lead!.state).activity.pageviews).toBe(252);
    });

    it('keeps props as sent and derives the path', async () => {
      await collect(t, beacon([event({ url: 'https://www.example.com/blog/post?utm_source=x', props: { a: 1, b: 'two' } })]));
      const [row] = await t.sql<{ path: string; props: string; vid: string }>('select path, props, vid from events');
      expect({ ...row, props: JSON.parse(row!.props) }).toEqual({ path: '/blog/post', props: { a: 1, b: 'two' }, vid: 'visitor-1' });
    });

    it('drops contact fields when Global Privacy Control is on', async () => {
      await collect(t, beacon([event({ type: 'form_submit', props: { form: 'demo-request', email: 'a@b.example', company: 'Acme' } })], { gpc: true, ft: { gclid: 'abc', utm_source: 'x' } }));
      const [row] = await t.sql<{ props: string }>('select props from events');
      expect(JSON.parse(row!.props)).toEqual({ form: 'demo-request' });
      const [visitor] = await t.sql<{ first_touch: string }>('select first_touch from visitors');
      expect(JSON.parse(visitor!.first_touch)).toEqual({ utm_source: 'x' });
    });
  });
}
