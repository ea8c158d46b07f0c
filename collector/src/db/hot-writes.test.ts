import { describe, expect, it } from 'vitest';
import { hotWrites, type LeadScoredValues } from './hot-writes.ts';
import { openNodeStore } from './node-store.ts';
import { leads } from './schema.ts';

describe('leadScored', () => {
  const store = openNodeStore(':memory:');
  const { db } = store;
  const before = { email: null, domain: null, status: 'anonymous', qualifiedAt: null } as const;
  const values: LeadScoredValues = {
    id: 'ld_1',
    version: 0,
    ...before,
    firstName: null,
    lastName: null,
    company: null,
    jobTitle: null,
    companySize: null,
    industry: null,
    country: null,
    phone: null,
    identifiedAt: null,
    fit: 0,
    intent: 7,
    grade: null,
    state: { v: 2 },
    stateRules: 'r1',
    lastSeq: 3,
    updatedAt: 9,
    lastActivityAt: 8,
  };
  const setColumns = (statement: { toSQL(): { sql: string } }) => /set (.*) where/.exec(statement.toSQL().sql)![1]!;

  it('leaves the indexed columns out of the SET when their values stay the same', () => {
    const set = setColumns(hotWrites(db).leadScored(values, before));
    for (const column of ['"email"', '"domain"', '"status"', '"qualified_at"']) expect(set).not.toContain(column);
    expect(set).toContain('"intent"');
    expect(set).toContain('"updated_at"');
  });

  it('names an indexed column once its value changes, and stores every value', async () => {
    await store.batch([db.insert(leads).values({ id: 'ld_1', site: 'demo', createdAt: 1, updatedAt: 1 })]);
    const identified = { ...values, email: 'ana@acme.example', domain: 'acme.example', status: 'known' as const, identifiedAt: 9 };
    const statement = hotWrites(db).leadScored(identified, before);
    expect(setColumns(statement)).toContain('"email"');
    expect(setColumns(statement)).not.toContain('"qualified_at"');
    expect(await store.batch([statement])).toEqual([1]);
    const [row] = await db.select().from(leads);
    expect(row).toMatchObject({ email: 'ana@acme.example', domain: 'acme.example', status: 'known', intent: 7, state: { v: 2 }, lastSeq: 3, version: 1 });
  });
});
