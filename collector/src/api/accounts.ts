/** `PUT /api/accounts`: import target accounts as JSON (`{accounts: [...]}` or an array) or CSV. */
import type { Context } from 'hono';
import { parseCsv } from '../accounts/csv.ts';
import { upsertAccounts, validateAccountRows, type ImportResult } from '../accounts/import-accounts.ts';
import type { Store } from '../db/store.ts';
import { fail } from '../http/errors.ts';

export const MAX_ACCOUNT_ROWS = 50_000;

/** Reads the rows of the request body with their line (CSV) or index (JSON) numbers. */
async function rowsOf(c: Context): Promise<{ line: number; values: unknown }[]> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await c.req.text();
  if (type === 'text/csv') {
    try {
      return parseCsv(text);
    } catch (err) {
      fail(400, 'invalid_body', `CSV ${(err as Error).message}`);
    }
  }
  if (type !== 'application/json') fail(415, 'unsupported_media_type', 'Send the accounts as application/json or text/csv');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail(400, 'invalid_body', 'Body is not valid JSON');
  }
  const list = Array.isArray(json) ? json : (json as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(list)) fail(400, 'invalid_body', 'accounts: expected an array of accounts');
  // JSON rows are numbered from 1, like lines.
  return list.map((values, i) => ({ line: i + 1, values }));
}

/** Validates and writes the import; bad rows are reported, good rows are kept. */
export async function importAccounts(c: Context, store: Store, now: number): Promise<ImportResult> {
  const rows = await rowsOf(c);
  if (rows.length > MAX_ACCOUNT_ROWS) fail(413, 'payload_too_large', `At most ${MAX_ACCOUNT_ROWS} accounts per request; use npm run accounts:import for more`);
  const { good, errors } = validateAccountRows(rows);
  const written = good.length ? await upsertAccounts(store, good, now) : { created: 0, updated: 0 };
  return { ...written, errors };
}
