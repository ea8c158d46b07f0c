/**
 * The Workers store: drizzle over a D1 binding. D1 has no interactive transactions, so `batch`
 * is the binding's `batch`, which D1 runs as one SQL transaction (all or nothing, in order).
 */
import type { D1Database, D1Result } from '@cloudflare/workers-types/latest';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';
import type { Db, Row, Store } from './store.ts';

/**
 * D1's limit of bound parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/); the core chunks its writes to fit.
 */
export const D1_MAX_PARAMS = 100;

/** A store over the D1 database bound to the Worker (migrated by `wrangler d1 migrations apply`). */
export function createD1Store(d1: D1Database): Store {
  const db = drizzle(d1, { schema });
  const batchThenRead: Store['batchThenRead'] = async (statements, reads) => {
    if (!statements.length && !reads.length) return { changes: [], rows: [] };
    const prepared = [...statements, ...reads].map((statement) => {
      const { sql, params } = statement.toSQL();
      return d1.prepare(sql).bind(...params);
    });
    const results: D1Result<Record<string, unknown>>[] = await d1.batch(prepared);
    return {
      changes: results.slice(0, statements.length).map((result) => result.meta.changes),
      // A batch answers objects, whose keys keep the select's column order (no column is named like an integer).
      rows: results.slice(statements.length).map((result) => result.results.map((row): Row => Object.values(row))),
    };
  };
  return {
    db: db as unknown as Db,
    maxParams: D1_MAX_PARAMS,
    batch: async (statements) => (await batchThenRead(statements, [])).changes,
    batchThenRead,
  };
}
