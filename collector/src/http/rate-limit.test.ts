import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { renderError } from './errors.ts';
import { memoryLimiter, rateLimit } from './rate-limit.ts';

describe('memoryLimiter', () => {
  it('allows a burst, then refuses until tokens refill', async () => {
    const clock = { now: 0 };
    const take = memoryLimiter({ burst: 3, perSecond: 1 }, () => clock.now);
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await take('ip')).ok);
    expect(verdicts).toEqual([true, true, true, false]);
    expect(await take('ip')).toEqual({ ok: false, retryAfter: 1 });
    expect((await take('other-ip')).ok).toBe(true);
    clock.now += 1000;
    expect((await take('ip')).ok).toBe(true);
    expect((await take('ip')).ok).toBe(false);
  });

  it('keeps memory bounded by forgetting full buckets', async () => {
    const clock = { now: 0 };
    const take = memoryLimiter({ burst: 1, perSecond: 1 }, () => clock.now, 10);
    for (let i = 0; i < 50; i++) await take(`k${i}`);
    clock.now += 5000;
    for (let i = 50; i < 100; i++) expect((await take(`k${i}`)).ok).toBe(true);
  });
});

describe('rateLimit middleware', () => {
  it('answers 429 with Retry-After in the uniform error shape', async () => {
    const app = new Hono();
    app.onError(renderError);
    app.use(rateLimit(memoryLimiter({ burst: 1, perSecond: 0.5 }, () => 0), () => 'k', 'from this address'));
    app.get('/', (c) => c.text('ok'));
    expect((await app.request('/')).status).toBe(200);
    const res = await app.request('/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: 'Too many requests from this address; retry after 2 s' } });
  });
});
