import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { leads } from './db/schema.ts';
import { API_KEY, testCollector, type TestCollector } from './test-support.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const admin = (path: string, key: string | null = API_KEY) =>
  t.app.request(path, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });

describe('admin auth', () => {
  it('lets the right key in', async () => {
    const res = await admin('/api/mqls');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [], nextCursor: null });
  });

  it.each([
    ['missing', null],
    ['wrong', 'not-the-key'],
    ['a prefix of the key', API_KEY.slice(0, -1)],
  ])('answers 401 for a %s key', async (_, key) => {
    const res = await admin('/api/mqls', key);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('refuses a key in the query string even when right', async () => {
    const res = await t.app.request(`/api/mqls?key=${API_KEY}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(401);
  });

  it('leaves /health open', async () => {
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('GET /api/mqls', () => {
  it('pages through MQLs newest first with a cursor', async () => {
    const base = { site: 'demo', status: 'mql' as const, createdAt: 1, updatedAt: 1 };
    await t.store.db.insert(leads).values([
      { ...base, id: 'ld_a', qualifiedAt: 100 },
      { ...base, id: 'ld_b', qualifiedAt: 300 },
      { ...base, id: 'ld_c', qualifiedAt: 200 },
      { ...base, id: 'ld_d', qualifiedAt: 200, status: 'known' },
    ]);
    const first = (await (await admin('/api/mqls?limit=2')).json()) as { data: { id: string }[]; nextCursor: string };
    expect(first.data.map((l) => l.id)).toEqual(['ld_b', 'ld_c']);
    const second = (await (await admin(`/api/mqls?limit=2&cursor=${first.nextCursor}`)).json()) as { data: { id: string }[]; nextCursor: null };
    expect(second.data.map((l) => l.id)).toEqual(['ld_a']);
    expect(second.nextCursor).toBeNull();
  });

  it.each(['limit=0', 'limit=abc', 'cursor=%%%', 'bogus=1'])('answers 400 for %s', async (query) => {
    const res = await admin(`/api/mqls?${query}`);
    expect(res.status).toBe(400);
  });
});

describe('errors', () => {
  it('answers unknown routes with the uniform 404', async () => {
    const res = await t.app.request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such endpoint' } });
  });

  it('answers an unexpected failure with a generic 500 that leaks nothing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    t.store.sqlite.exec('drop table leads');
    const res = await admin('/api/mqls');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    expect(text).not.toMatch(/leads|sqlite|at /i);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('sets security headers on every response', async () => {
    const res = await t.app.request('/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('GET /t.js', () => {
  it('serves the tracker with an ETag and answers 304 when unchanged', async () => {
    const res = await t.app.request('/t.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('max-age');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await t.app.request('/t.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
