/** The admin surface: auth, health, MQL paging, the uniform errors, and the served tracker. */
import { beforeEach, describe, expect, it } from 'vitest';
import { assetVersion } from '../../shared/asset-version.ts';
import { API_KEY } from '../src/test-support.ts';
import { api, type Target } from './target.ts';
import { TRACKER_FILES } from './tracker-dist.ts';

export function defineAdminContract(target: () => Target): void {
  let t: Target;
  beforeEach(async () => {
    t = target();
    await t.reset();
  });

  describe('admin auth', () => {
    it('lets the right key in', async () => {
      expect(await api(t, '/api/mqls')).toEqual({ status: 200, body: { data: [], nextCursor: null } });
    });

    it.each([
      ['missing', null],
      ['wrong', 'not-the-key'],
      ['a prefix of the key', API_KEY.slice(0, -1)],
    ])('answers 401 for a %s key', async (_, key) => {
      const { status, body } = await api(t, '/api/mqls', { key });
      expect(status).toBe(401);
      expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    });

    it('refuses a key in the query string even when right', async () => {
      expect((await api(t, `/api/mqls?key=${API_KEY}`)).status).toBe(401);
    });

    it('leaves /health open', async () => {
      expect(await api(t, '/health', { key: null })).toEqual({ status: 200, body: { ok: true } });
    });
  });

  describe('GET /api/mqls', () => {
    it('pages through MQLs newest first with a cursor', async () => {
      const insert = 'insert into leads (id, site, status, created_at, updated_at, qualified_at) values (?, ?, ?, 1, 1, ?)';
      await t.sql(insert, 'ld_a', 'demo', 'mql', 100);
      await t.sql(insert, 'ld_b', 'demo', 'mql', 300);
      await t.sql(insert, 'ld_c', 'demo', 'mql', 200);
      await t.sql(insert, 'ld_d', 'demo', 'known', 200);
      const first = (await api(t, '/api/mqls?limit=2')).body as { data: { id: string }[]; nextCursor: string };
      expect(first.data.map((l) => l.id)).toEqual(['ld_b', 'ld_c']);
      const second = (await api(t, `/api/mqls?limit=2&cursor=${first.nextCursor}`)).body as { data: { id: string }[]; nextCursor: null };
      expect(second.data.map((l) => l.id)).toEqual(['ld_a']);
      expect(second.nextCursor).toBeNull();
    });

    it('breaks ties on the qualification time by id, across pages', async () => {
      for (const id of ['ld_a', 'ld_b', 'ld_c']) await t.sql('insert into leads (id, site, status, created_at, updated_at, qualified_at) values (?, ?, ?, 1, 1, 500)', id, 'demo', 'mql');
      const first = (await api(t, '/api/mqls?limit=2')).body as { data: { id: string }[]; nextCursor: string };
      expect(first.data.map((l) => l.id)).toEqual(['ld_c', 'ld_b']);
      const second = (await api(t, `/api/mqls?limit=2&cursor=${first.nextCursor}`)).body as { data: { id: string }[]; nextCursor: null };
      expect(second).toMatchObject({ data: [{ id: 'ld_a' }], nextCursor: null });
    });

    it('lists every lead that ever qualified with status=any, whatever its status now', async () => {
      const insert = 'insert into leads (id, site, status, created_at, updated_at, qualified_at) values (?, ?, ?, 1, 1, ?)';
      await t.sql(insert, 'ld_a', 'demo', 'accepted', 100);
      await t.sql(insert, 'ld_b', 'demo', 'recycled', 300);
      await t.sql(insert, 'ld_c', 'demo', 'mql', 200);
      await t.sql(insert, 'ld_d', 'demo', 'known', null);
      const first = (await api(t, '/api/mqls?status=any&limit=2')).body as { data: { id: string }[]; nextCursor: string };
      expect(first.data.map((l) => l.id)).toEqual(['ld_b', 'ld_c']);
      const second = (await api(t, `/api/mqls?status=any&limit=2&cursor=${first.nextCursor}`)).body as { data: { id: string }[] };
      expect(second.data.map((l) => l.id)).toEqual(['ld_a']);
    });

    it("gives each item its own account: by email domain, else by company name, as the lead's detail does", async () => {
      const account = 'insert into accounts (domain, name, industry, country, tier, updated_at) values (?, ?, ?, ?, ?, 1)';
      await t.sql(account, 'alpha.example', 'Alpha', 'Software', 'DE', 'tier1');
      await t.sql(account, 'beta.example', 'Beta', 'Retail', 'FR', 'tier2');
      // Two accounts share a name: the first imported wins, as in scoring (not the first by domain).
      await t.sql(account, 'gamma2.example', 'Gamma', 'Healthcare', 'US', 'tier3');
      await t.sql(account, 'gamma1.example', 'Gamma', 'Logistics', 'NL', 'tier1');
      const lead = 'insert into leads (id, site, status, domain, company, created_at, updated_at, qualified_at) values (?, ?, ?, ?, ?, 1, 1, ?)';
      await t.sql(lead, 'ld_1', 'demo', 'mql', 'alpha.example', null, 500);
      await t.sql(lead, 'ld_2', 'demo', 'mql', 'beta.example', null, 400);
      await t.sql(lead, 'ld_3', 'demo', 'mql', 'unlisted.example', 'gAMMA', 300);
      await t.sql(lead, 'ld_4', 'demo', 'mql', 'beta.example', 'Alpha', 200);
      await t.sql(lead, 'ld_5', 'demo', 'mql', null, null, 100);
      const { body } = await api(t, '/api/mqls');
      const shown = (item: Record<string, unknown>) => [item.id, item.company, item.industry, item.country];
      expect(body.data.map(shown)).toEqual([
        ['ld_1', 'Alpha', 'Software', 'DE'],
        ['ld_2', 'Beta', 'Retail', 'FR'],
        ['ld_3', 'gAMMA', 'Healthcare', 'US'],
        ['ld_4', 'Alpha', 'Retail', 'FR'],
        ['ld_5', null, null, null],
      ]);
      for (const item of body.data) {
        const detail = (await api(t, `/api/leads/${item.id}`)).body;
        expect({ ...item, reasons: undefined }).toEqual({ ...pick(detail, Object.keys(item)), reasons: undefined });
        expect(item.reasons).toEqual(detail.reasons.slice(0, 3));
      }
      // The tier came through too: fit differs between the tier-1, tier-2 and tier-3 accounts.
      expect(new Set(body.data.slice(0, 3).map((item: { fit: number }) => item.fit)).size).toBe(3);
    });

    it.each(['limit=0', 'limit=abc', 'cursor=%%%', 'bogus=1'])('answers 400 for %s', async (query) => {
      expect((await api(t, `/api/mqls?${query}`)).status).toBe(400);
    });
  });

  describe('GET /api/leads/:id', () => {
    it("tells the story newest first across the lead's browsers, the newest 200 events only", async () => {
      await t.sql('insert into leads (id, site, status, created_at, updated_at) values (?, ?, ?, 1, 1)', 'ld_5', 'demo', 'known');
      await t.sql('insert into leads (id, site, status, created_at, updated_at) values (?, ?, ?, 1, 1)', 'ld_e', 'demo', 'known');
      const visitor = 'insert into visitors (site, vid, lead_id, first_seen, last_seen) values (?, ?, ?, 1, 1)';
      await t.sql(visitor, 'demo', 'v1', 'ld_5');
      await t.sql(visitor, 'demo', 'v2', 'ld_5');
      await t.sql(visitor, 'demo', 'v3', 'ld_e');
      // 330 events in arrival order, round-robin over the three browsers: 220 of them the lead's.
      await t.sql(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 330)
         insert into events (site, id, vid, sid, type, ts, received_at, url, path, title)
         select 'demo', 'e' || i, 'v' || (1 + i % 3), 's', 'pageview', 1000 * i, 1000 * i, 'https://www.example.com/p' || i, '/p' || i, 'Page ' || i from n`,
      );
      const { body } = await api(t, '/api/leads/ld_5');
      const pages = (body.story as { at: number; url: string }[]).map((item) => Number(item.url.slice('https://www.example.com/p'.length)));
      const expected = Array.from({ length: 330 }, (_, k) => 330 - k).filter((i) => i % 3 !== 2).slice(0, 200);
      expect(pages).toEqual(expected);
      expect(body.story[0]).toEqual({ at: 330_000, type: 'pageview', url: 'https://www.example.com/p330', title: 'Page 330', detail: null });
    });
  });

  describe('errors', () => {
    it('answers unknown routes with the uniform 404', async () => {
      expect(await api(t, '/nope', { key: null })).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'No such endpoint' } } });
    });

    it('answers an unexpected failure with a generic 500 that leaks nothing, and logs it', async () => {
      await t.sql('drop table leads');
      let res: Response | undefined;
      const logged = await t.errorsLoggedDuring(async () => {
        res = await t.fetch('/api/mqls', { headers: { authorization: `Bearer ${API_KEY}` } });
      });
      expect(res!.status).toBe(500);
      const text = await res!.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
      expect(text).not.toMatch(/leads|sqlite|at /i);
      expect(logged.join('\n')).toMatch(/unexpected error/);
    });

    it('sets security headers on every response', async () => {
      const res = await t.fetch('/health');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    });
  });

  describe('the tracker files', () => {
    it.each(TRACKER_FILES.map((file) => `/${file}`))('serves %s with an ETag and answers 304 when unchanged', async (path) => {
      const res = await t.fetch(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('javascript');
      expect(res.headers.get('cache-control')).toContain('max-age');
      expect((await res.text()).length).toBeGreaterThan(100);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]+"$/);
      const again = await t.fetch(path, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    });

    it.each(TRACKER_FILES.map((file) => `/${file}`))('lets browsers keep %s a year when asked for by its version, an hour otherwise', async (path) => {
      const res = await t.fetch(path);
      const version = await assetVersion(await res.text());
      expect(res.headers.get('etag')).toBe(`"${version}"`);
      expect((await t.fetch(`${path}?v=${version}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      for (const other of ['?v=00000000', ''])
        expect((await t.fetch(`${path}${other}`)).headers.get('cache-control')).toBe('public, max-age=3600, stale-while-revalidate=86400');
    });
  });
}

function pick(object: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}
