/** Reading a lead's events: every visitor (browser) of the lead, in arrival order. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { hotQueries, type EventToScore } from '../db/hot-queries.ts';
import { inlineLimit } from '../db/inline-limit.ts';
import { events, visitors } from '../db/schema.ts';
import type { Db } from '../db/store.ts';
import type { ScoringEvent } from '../scoring/index.ts';

export type EventRow = typeof events.$inferSelect;

const joinVisitors = and(eq(visitors.site, events.site), eq(visitors.vid, events.vid));

/** The lead's events after `afterSeq`, oldest first: what scoring has not applied yet. */
export async function eventsSince(db: Db, leadId: string, afterSeq: number): Promise<EventRow[]> {
  const rows = await hotQueries(db).eventsSince.all({ leadId, afterSeq });
  return rows.map((row) => row.event);
}

/**
 * The lead's newest events, newest first: the story sales reads. The newest seqs are picked from
 * the (site, vid, seq) index alone; only those rows are read, not every event the lead ever sent.
 */
export async function latestEvents(db: Db, leadId: string, limit: number): Promise<EventRow[]> {
  const newest = db
    .select({ seq: events.seq })
    .from(events)
    .innerJoin(visitors, joinVisitors)
    .where(eq(visitors.leadId, leadId))
    .orderBy(desc(events.seq))
    .limit(inlineLimit(limit));
  return db.select().from(events).where(inArray(events.seq, newest)).orderBy(desc(events.seq));
}

/** How far a client clock may lag (a beacon queued offline) before we trust the server's instead. */
const MAX_CLIENT_LAG_MS = 7 * 24 * 3600_000;

/**
 * The event as scoring sees it. The time is the client's when plausible (never in the future,
 * at most a week old when it arrived), else the arrival time: a wrong clock cannot fake recency.
 */
export function toScoringEvent(row: EventToScore): ScoringEvent {
  const plausible = row.ts <= row.receivedAt && row.ts >= row.receivedAt - MAX_CLIENT_LAG_MS;
  return {
    id: row.id,
    type: row.type as ScoringEvent['type'],
    ts: plausible ? row.ts : row.receivedAt,
    url: row.url,
    path: row.path,
    title: row.title ?? undefined,
    name: row.name ?? undefined,
    sid: row.sid,
    props: row.props ?? {},
  };
}
