/**
 * A LIMIT written into the SQL text rather than bound. drizzle binds a number given to `.limit()`,
 * and SQLite re-prepares a statement whose LIMIT is a bound parameter every time it runs (it plans
 * with the value): on a lead row that costs three times the lookup itself. Queries whose key is
 * unique need no LIMIT at all.
 */
import { sql } from 'drizzle-orm';

export function inlineLimit(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a limit must be a whole number ≥ 0, not ${n}`);
  // drizzle writes an SQL object given as the limit into the statement as it is.
  return sql.raw(String(n)) as unknown as number;
}
