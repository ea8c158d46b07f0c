/** Validation at the HTTP boundary: one 400 shape naming the field, for queries and bodies. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { jsonPath } from '../config.ts';
import { fail } from './errors.ts';

/** Parses with the schema or answers 400 `bad_request` naming the first bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  fail(400, 'bad_request', `${what} ${jsonPath(issue.path)}: ${issue.message}`);
}

/** The query string as a plain object (the last value wins for repeated keys). */
export function queryOf(c: Context): Record<string, string> {
  return Object.fromEntries(new URL(c.req.url).searchParams);
}

/** The JSON body, or a 400 when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    fail(400, 'invalid_body', 'Body is not valid JSON');
  }
}
