/**
 * Refuses a body over `maxBytes` before it is read. A declared Content-Length is judged from the
 * header alone (the HTTP parser holds the body to it), which keeps the runtime's fast body read:
 * Hono's bodyLimit takes the body as a stream, and on Node that builds a full WHATWG Request per
 * beacon. A chunked body, whose size is unknown up front, is counted as it streams.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBody(maxBytes: number, tooLarge: () => never): MiddlewareHandler {
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function limitBody(c, next) {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number(declared) > maxBytes) tooLarge();
    await next();
  };
}
