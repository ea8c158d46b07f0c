/**
 * `GET /api/stats`: the funnel — visitors, known leads, MQLs, accepted, rejected — by source, and
 * the bots kept out of it.
 */
import { and, count, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import { leads, transitions, visitors } from '../db/schema.ts';
import type { Db } from '../db/store.ts';
import type { ScoringConfig } from '../scoring/index.ts';

/**
 * Leads that are bots: flagged at ingestion (user agent, `webdriver`, impossible speed), or by
 * behaviour, read from the activity their intent state keeps (many pages, no engaged time).
 */
function isBot(exclusions: ScoringConfig['exclusions']) {
  const pages = exclusions.botPagesWithoutEngagement;
  if (!pages) return eq(leads.bot, true);
  const unengaged = sql`(json_extract(${leads.state}, '$.activity.pageviews') >= ${pages} and json_extract(${leads.state}, '$.activity.engagedMs') = 0)`;
  return or(eq(leads.bot, true), unengaged);
}

export async function funnelStats(db: Db, exclusions: ScoringConfig['exclusions'], site?: string) {
  const ofSite = site ? eq(leads.site, site) : undefined;
  const live = and(ne(leads.status, 'merged'), ofSite);
  const source = sql<string>`coalesce(json_extract(${leads.firstTouch}, '$.utm_source'), json_extract(${leads.firstTouch}, '$.referrer'), '(direct)')`;
  const [[visitorCount], [known], [mqls], [accepted], [rejected], [bots], bySource] = await Promise.all([
    db.select({ n: count() }).from(visitors).where(site ? eq(visitors.site, site) : undefined),
    db.select({ n: count() }).from(leads).where(and(live, isNotNull(leads.email))),
    db.select({ n: count() }).from(leads).where(and(live, isNotNull(leads.qualifiedAt))),
    db.select({ n: count() }).from(leads).where(and(live, eq(leads.status, 'accepted'))),
    db
      .select({ n: sql<number>`count(distinct ${transitions.leadId})` })
      .from(transitions)
      .innerJoin(leads, eq(leads.id, transitions.leadId))
      .where(and(eq(transitions.to, 'rejected'), ofSite)),
    db.select({ n: count() }).from(leads).where(and(live, isBot(exclusions))),
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
    /** Leads classified as bots: stored and counted, never scored into an MQL. */
    bots: bots?.n ?? 0,
    bySource: bySource.map((row) => ({ source: row.source, known: Number(row.known), mqls: Number(row.mqls), accepted: Number(row.accepted) })),
  };
}
