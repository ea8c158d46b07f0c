/**
 * Importing target accounts (ICP data): rows are validated one by one, bad ones are reported by
 * line with the reason, good ones are written; a re-import updates by domain.
 */
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { accounts } from '../db/schema.ts';
import { chunkRows, type Store } from '../db/store.ts';
import { jsonPath } from '../config.ts';

const optionalText = (max: number) => z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(max).optional());
const optionalNumber = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v.replace(/[_,\s]/g, '')) : v), z.number().finite().min(0).max(max).optional());

export const accountRowSchema = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((d) => d.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, ''))
    .pipe(z.string().min(3).max(253).regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain like acme.com')),
  name: optionalText(200),
  industry: optionalText(100),
  employees: optionalNumber(10_000_000).pipe(z.number().int().optional()),
  revenue: optionalNumber(1e13),
  country: optionalText(100),
  tier: optionalText(32),
});
export type AccountRow = z.infer<typeof accountRowSchema>;

export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: RowProblem[];
}

/** Validates numbered rows; the good ones in order, the bad ones with the first reason. */
export function validateAccountRows(rows: { line: number; values: unknown }[]): { good: AccountRow[]; errors: RowProblem[] } {
  const good = new Map<string, AccountRow>();
  const errors: RowProblem[] = [];
  for (const row of rows) {
    const parsed = accountRowSchema.safeParse(row.values);
    if (parsed.success) good.set(parsed.data.domain, parsed.data);
    else {
      const issue = parsed.error.issues[0]!;
      errors.push({ line: row.line, message: `${jsonPath(issue.path)}: ${issue.message}` });
    }
  }
  return { good: [...good.values()], errors };
}

const ACCOUNT_COLUMNS = 8;

/** Writes valid accounts in one atomic batch, creating or updating by domain. */
export async function upsertAccounts(store: Store, rows: AccountRow[], now: number): Promise<{ created: number; updated: number }> {
  const existing = new Set<string>();
  for (const chunk of chunkRows(rows.map((r) => r.domain), 1, store.maxParams)) {
    const found = await store.db.select({ domain: accounts.domain }).from(accounts).where(inArray(accounts.domain, chunk));
    for (const row of found) existing.add(row.domain);
  }
  const values = rows.map((r) => ({
    domain: r.domain,
    name: r.name ?? null,
    industry: r.industry ?? null,
    employees: r.employees ?? null,
    revenue: r.revenue ?? null,
    country: r.country ?? null,
    tier: r.tier ?? null,
    updatedAt: now,
  }));
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await store.batch(
    chunkRows(values, ACCOUNT_COLUMNS, store.maxParams).map((chunk) =>
      store.db
        .insert(accounts)
        .values(chunk)
        .onConflictDoUpdate({
          target: accounts.domain,
          set: {
            name: excluded('name'),
            industry: excluded('industry'),
            employees: excluded('employees'),
            revenue: excluded('revenue'),
            country: excluded('country'),
            tier: excluded('tier'),
            updatedAt: excluded('updated_at'),
          },
        }),
    ),
  );
  return { created: rows.filter((r) => !existing.has(r.domain)).length, updated: rows.filter((r) => existing.has(r.domain)).length };
}
