/**
 * `GET /api/mqls` and `GET /api/leads`: leads newest first, filtered, with cursor pagination.
 * Filters on scores use the values stored at the lead's last activity; the items show them now.
 */
import { and, desc, eq, gte, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inlineLimit } from '../db/inline-limit.ts';
import { LEAD_STATUSES, leads } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { validate } from '../http/validate.ts';
import { leadSummaries, summaryColumns, type ViewContext } from '../leads/lead-view.ts';

const common = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  site: z.string().max(64).optional(),
};

const mqlQuery = z.strictObject({
  ...common,
  status: z.enum(['mql', 'accepted', 'recycled', 'any']).default('mql').describe('any: every lead that ever qualified'),
  since: z.coerce.number().int().min(0).optional().describe('qualified at or after (ms since epoch)'),
  grade: z
    .string()
    .regex(/^[A-D][1-4](,[A-D][1-4])*$/, 'grades like A1 or A1,B2')
    .optional(),
  minFit: z.coerce.number().min(0).max(100).optional(),
  minIntent: z.coerce.number().min(0).optional(),
});

const leadQuery = z.strictObject({ ...common, status: z.enum(LEAD_STATUSES).optional() });

type SortColumn = typeof leads.qualifiedAt | typeof leads.updatedAt;

async function page(ctx: ViewContext, filters: (SQL | undefined)[], sortColumn: SortColumn, limit: number, cursor?: string) {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await ctx.db
    .select(summaryColumns)
    .from(leads)
    // A row value, so SQLite seeks straight to the cursor in the (…, sort, id) index instead of walking the pages before it.
    .where(and(...filters, after ? sql`(${sortColumn}, ${leads.id}) < (${after.key}, ${after.id})` : undefined))
    .orderBy(desc(sortColumn), desc(leads.id))
    .limit(inlineLimit(limit + 1));
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const key = (lead: (typeof items)[number]) => (sortColumn === leads.qualifiedAt ? lead.qualifiedAt : lead.updatedAt) ?? 0;
  return {
    data: await leadSummaries(ctx, items),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: key(last), id: last.id }) : null,
  };
}

/** Flagged leads, newest qualification first. */
export function listMqls(ctx: ViewContext, query: Record<string, string>) {
  const q = validate(mqlQuery, query, 'query');
  return page(
    ctx,
    [
      q.status === 'any' ? isNotNull(leads.qualifiedAt) : and(eq(leads.status, q.status), isNotNull(leads.qualifiedAt)),
      q.site ? eq(leads.site, q.site) : undefined,
      q.since !== undefined ? gte(leads.qualifiedAt, q.since) : undefined,
      q.grade ? inArray(leads.grade, q.grade.split(',')) : undefined,
      q.minFit !== undefined ? gte(leads.fit, q.minFit) : undefined,
      q.minIntent !== undefined ? gte(leads.intent, q.minIntent) : undefined,
    ],
    leads.qualifiedAt,
    q.limit,
    q.cursor,
  );
}

/** All leads (not merged ones unless asked), most recently updated first. */
export function listLeads(ctx: ViewContext, query: Record<string, string>) {
  const q = validate(leadQuery, query, 'query');
  return page(
    ctx,
    [q.status ? eq(leads.status, q.status) : ne(leads.status, 'merged'), q.site ? eq(leads.site, q.site) : undefined],
    leads.updatedAt,
    q.limit,
    q.cursor,
  );
}
