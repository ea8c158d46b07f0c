/** The admin surface: auth, health, MQL paging, the uniform errors, and the served tracker. */
import { beforeEach, describe, expect, it } from 'vitest';
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

    it.each(['limit=0', 'limit=abc', 'cursor=%%%', 'bogus=1'])('answers 400 for %s', async (query) => {
      expect((await api(t, `/api/mqls?${query}`)).status).toBe(400);
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
  });
}
