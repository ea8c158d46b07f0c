/**
 * The database as the core sees it: drizzle over SQLite, the same on better-sqlite3 and D1.
 * Queries are written once and always awaited. D1 has no interactive transactions, so every
 * multi-statement write goes through `batch`: a transaction on better-sqlite3, `db.batch` on D1.
 */
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.ts';

export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** A statement built with `db` or a statement template, not yet run. */
export interface Statement {
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * A row as SQLite answers it: its values in select order, not yet decoded by drizzle. Arrays, not
 * objects: better-sqlite3 builds an object per row with every column name as a key, which costs
 * more than the read itself for a wide row.
 */
export type Row = unknown[];

export interface Store {
  db: Db;
  /** Runs the statements atomically, in order: all or nothing. Answers the rows each changed. */
  batch(statements: Statement[]): Promise<number[]>;
  /**
   * `batch`, then the reads in the same transaction, so they see its writes: one round trip on
   * D1. Answers the rows each write changed and each read's rows (values in select order).
   */
  batchThenRead(statements: Statement[], reads: Statement[]): Promise<{ changes: number[]; rows: Row[][] }>;
  /** Most bound parameters one statement may carry (D1 allows 100). */
  maxParams: number;
}

/** Splits rows so that each chunk's statement stays under the bound-parameter limit. */
export function chunkRows<T>(rows: T[], columnsPerRow: number, maxParams: number): T[][] {
  const size = Math.max(1, Math.floor(maxParams / columnsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
