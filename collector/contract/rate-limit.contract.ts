/**
 * Abuse is throttled: beacons per client IP and admin calls per key answer 429 with Retry-After
 * once over the limit (in-process buckets on Node, the Rate Limiting binding on Workers). The
 * target allows 3 requests of each kind.
 */
import { describe, expect, it } from 'vitest';
import { beacon, event } from '../src/test-support.ts';
import { api, collect, type Target } from './target.ts';

/** Cloudflare sets it on every request; Node reads the socket instead and ignores it. */
const CLIENT = { 'cf-connecting-ip': '203.0.113.9' };

export function defineRateLimitContract(target: () => Target) {
  describe('rate limits', () => {
    it('throttles beacons from one client with 429 and Retry-After, storing nothing more', async () => {
      const t = target();
      await t.reset();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await collect(t, beacon([event()], { vid: `v${i}` }), CLIENT)).status);
      expect(statuses).toEqual([202, 202, 202, 429]);
      const res = await collect(t, beacon([event()], { vid: 'late' }), CLIENT);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect(await t.sql('select count(*) as n from events')).toEqual([{ n: 3 }]);
    });

    it('throttles the admin API per key', async () => {
      const t = target();
      await t.reset();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await api(t, '/api/stats', { headers: CLIENT })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    });
  });
}
