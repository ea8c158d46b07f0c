/**
 * Statements on the hot path, built once: drizzle turns a query written with placeholders into SQL
 * text a single time, and each use only binds values (through the columns' own encoders, so JSON
 * and boolean columns map exactly as in any drizzle query). Building a drizzle query costs more
 * than SQLite takes to run it.
 */
import { is, Param, Placeholder } from 'drizzle-orm';
import type { Statement } from './store.ts';

/** A statement (a write, or a read for `Store.batchThenRead`) with its placeholders named by `Values`' keys. */
export type StatementTemplate<Values> = (values: Values) => Statement;

export function statementTemplate<Values extends object>(query: Statement): StatementTemplate<Values> {
  const { sql, params } = query.toSQL();
  const binders = params.map(binder);
  return (values) => {
    const bound = binders.map((bind) => bind(values as Record<string, unknown>));
    return { toSQL: () => ({ sql, params: bound }) };
  };
}

/**
 * How a parameter gets its value: a constant as drizzle built it, or a placeholder's value
 * encoded as drizzle encodes a value written in the query — null stays null (drizzle's own
 * `fillPlaceholders` would store a JSON column's null as the text 'null').
 */
function binder(param: unknown): (values: Record<string, unknown>) => unknown {
  const placeholder = is(param, Param) ? param.value : param;
  if (!is(placeholder, Placeholder)) return () => param;
  const { name } = placeholder;
  const encoder = is(param, Param) ? param.encoder : undefined;
  return (values) => {
    if (!(name in values)) throw new Error(`No value for placeholder "${name}"`);
    const value = values[name];
    return value === null || !encoder ? value : encoder.mapToDriverValue(value);
  };
}
