/**
 * One error path: every known failure is an HTTPException carrying a code; `renderError`
 * turns it into `{ error: { code, message } }`. Anything else is logged and answered with a
 * generic 500 that leaks no stack, SQL or input.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'bad_request'
  | 'invalid_body'
  | 'unknown_site'
  | 'origin_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal';

/** An HTTPException whose body follows the uniform error shape. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }
}

/** Throw a uniform API error. */
export function fail(status: ContentfulStatusCode, code: ErrorCode, message: string, headers?: Record<string, string>): never {
  throw new ApiError(status, code, message, headers);
}

/** Hono `onError` handler: known errors keep their status, the rest become a silent 500. */
export function renderError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json({ error: { code: err.code, message: err.message } }, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.status === 413 ? 'payload_too_large' : err.status === 401 ? 'unauthorized' : 'bad_request';
    return c.json({ error: { code, message: err.message || 'Bad request' } }, err.status);
  }
  console.error('[tells] unexpected error', c.req.method, c.req.path, err);
  return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500);
}

/** Hono `notFound` handler in the same shape. */
export function renderNotFound(c: Context): Response {
  return c.json({ error: { code: 'not_found', message: 'No such endpoint' } }, 404);
}
