import type { MiddlewareHandler } from 'hono';
import { fail } from './errors.ts';

/** Compares two strings in time that depends only on their lengths, never on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * Requires `Authorization: Bearer <key>`. A key in the query string is refused outright:
 * it would end up in proxy and access logs.
 */
export function bearerAuth(apiKey: string): MiddlewareHandler {
  return async function requireAdminKey(c, next) {
    const url = new URL(c.req.url);
    if (url.searchParams.has('key') || url.searchParams.has('api_key') || url.searchParams.has('token')) {
      fail(401, 'unauthorized', 'Send the admin key in the Authorization header, never in the URL');
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !constantTimeEqual(match[1].trim(), apiKey)) {
      fail(401, 'unauthorized', 'Missing or wrong admin key (Authorization: Bearer <TELLS_API_KEY>)', {
        'WWW-Authenticate': 'Bearer realm="tells"',
      });
    }
    await next();
  };
}
