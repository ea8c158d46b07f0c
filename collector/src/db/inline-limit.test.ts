import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inlineLimit } from './inline-limit.ts';
import { leads } from './schema.ts';

describe('inlineLimit', () => {
  const db = drizzle(new Database(':memory:'));

  it('writes the limit into the SQL text instead of binding it', () => {
    const query = db.select({ id: leads.id }).from(leads).limit(inlineLimit(25)).toSQL();
    expect(query.sql).toMatch(/ limit 25$/);
    expect(query.params).toEqual([]);
  });

  it('refuses anything but a whole number ≥ 0', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => inlineLimit(bad)).toThrow(RangeError);
  });
});
