/** `GET /api/stats`: the funnel — visitors, known leads, MQLs, accepted, rejected — and by source. */
import { and, count, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { leads, transitions, visitors } from '../db/schema.ts';
import type { Db } from '../db/store.ts';

export async function funnelStats(db: Db, site?: string) {
  const ofSite = site ? eq(leads.site, site) : undefined;
  const live = and(ne(leads.status, 'merged'), ofSite);
  const source = sql<string>`coalesce(json_extract(${leads.firstTouch}, '$.utm_source'), json_extract(${leads.firstTouch}, '$.referrer'), '(direct)')`;
  const [[visitorCount], [known], [mqls], [accepted], [rejected], bySource] = await Promise.all([
    db.select({ n: count() }).from(visitors).where(site ? eq(visitors.site, site) : undefined),
    db.select({ n: count() }).from(leads).where(and(live, isNotNull(leads.email))),
    db.select({ n: count() }).from(leads).where(and(live, isNotNull(leads.qualifiedAt))),
    db.select({ n: count() }).from(leads).where(and(live, eq(leads.status, 'accepted'))),
    db
      .select({ n: sql<number>`count(distinct ${transitions.leadId})` })
      .from(transitions)
      .innerJoin(leads, eq(leads.id, transitions.leadId))
      .where(and(eq(transitions.to, 'rejected'), ofSite)),
    db
      .select({
        source,
        known: sql<number>`sum(${leads.email} is not null)`,
        mqls: sql<number>`sum(${leads.qualifiedAt} is not null)`,
        accepted: sql<number>`sum(${leads.status} = 'accepted')`,
      })
      .from(leads)
      .where(and(live, isNotNull(leads.email)))
      .groupBy(source)
      .orderBy(sql`3 desc`),
  ]);
  const decided = (accepted?.n ?? 0) + (rejected?.n ?? 0);
  return {
    visitors: visitorCount?.n ?? 0,
    knownLeads: known?.n ?? 0,
    mqls: mqls?.n ?? 0,
    accepted: accepted?.n ?? 0,
    rejected: rejected?.n ?? 0,
    /** Accepted among the MQLs sales has answered; null before any answer. */
    mqlToSqlRate: decided ? Math.round(((accepted?.n ?? 0) / decided) * 1000) / 1000 : null,
    bySource: bySource.map((row) => ({ source: row.source, known: Number(row.known), mqls: Number(row.mqls), accepted: Number(row.accepted) })),
  };
}
