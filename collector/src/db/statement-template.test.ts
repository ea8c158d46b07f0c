import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openNodeStore } from './node-store.ts';
import { leads } from './schema.ts';
import { statementTemplate } from './statement-template.ts';

const p = sql.placeholder;

describe('statementTemplate', () => {
  const { db } = openNodeStore(':memory:');
  const values = { id: 'ld_1', site: 's', createdAt: 5, updatedAt: 5, firstTouch: { utm_source: 'x' } as Record<string, string> | null, bot: true };
  const insert = statementTemplate<typeof values>(
    db.insert(leads).values({ id: p('id'), site: p('site'), createdAt: p('createdAt'), updatedAt: p('updatedAt'), firstTouch: p('firstTouch'), bot: p('bot') }),
  );

  it('builds the same SQL and parameters as the drizzle query written with the values', () => {
    expect(insert(values).toSQL()).toEqual(db.insert(leads).values(values).toSQL());
  });

  it('keeps a null a null, where drizzle would store a JSON column as the text "null"', () => {
    const { params } = insert({ ...values, firstTouch: null }).toSQL();
    expect(params).toContain(null);
    expect(params).not.toContain('null');
    expect(params).toEqual(db.insert(leads).values({ ...values, firstTouch: null }).toSQL().params);
  });

  it('refuses a missing value instead of binding undefined', () => {
    const { bot: _bot, ...missing } = values;
    expect(() => insert(missing as typeof values)).toThrow('No value for placeholder "bot"');
  });
});
