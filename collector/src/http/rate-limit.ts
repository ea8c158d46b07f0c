/**
 * Throttling abuse: token buckets per key (client IP, site, admin key), held in memory. Each
 * bucket holds `burst` requests and refills at `perSecond`; an empty bucket answers 429 with the
 * seconds until the next token. Memory stays bounded: idle full buckets are forgotten.
 */
import type { MiddlewareHandler, Context } from 'hono';
import type { Deps, RateLimitRule } from '../deps.ts';
import { fail } from './errors.ts';

export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** Answers whether a request under `key` may proceed, and if not, when to retry (seconds). */
export type Limiter = (key: string) => Promise<{ ok: true } | { ok: false; retryAfter: number }>;

interface Bucket {
  tokens: number;
  at: number;
}

/** An in-process limiter (the Node runtime); `now` is injected so tests control time. */
export function memoryLimiter(limit: RateLimit, now: () => number, maxKeys = 100_000): Limiter {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, t: number) => Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
  return async (key) => {
    const t = now();
    if (buckets.size >= maxKeys) {
      for (const [k, b] of buckets) if (refill(b, t) >= limit.burst) buckets.delete(k);
      if (buckets.size >= maxKeys) buckets.clear();
    }
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
    bucket.tokens = refill(bucket, t);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)) };
  };
}

/** The runtime's shared limiter for a rule if it has one, else in-process buckets from the config. */
export function limiterFor(deps: Deps, rule: RateLimitRule): Limiter {
  return deps.limiter?.(rule) ?? memoryLimiter(deps.config.limits[rule], deps.now);
}

/** Middleware: 429 with `Retry-After` when the key's bucket is empty; no key, no limit. */
export function rateLimit(limiter: Limiter, keyOf: (c: Context) => string | undefined, what: string): MiddlewareHandler {
  return async function throttle(c, next) {
    const key = keyOf(c);
    if (key !== undefined) {
      const verdict = await limiter(key);
      if (!verdict.ok) fail(429, 'rate_limited', `Too many requests ${what}; retry after ${verdict.retryAfter} s`, { 'Retry-After': String(verdict.retryAfter) });
    }
    await next();
  };
}
