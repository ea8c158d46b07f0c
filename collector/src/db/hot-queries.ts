/**
 * The reads every beacon makes, built and prepared once per database: building a drizzle query
 * costs more than running it on SQLite. Values are bound through placeholders;
 * a lookup by a unique key carries no LIMIT (see inline-limit.ts).
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { events, leads, visitors } from './schema.ts';
import { perDatabase } from './per-database.ts';
import type { Db } from './store.ts';

function prepare(db: Db) {
  const p = sql.placeholder;
  return {
    leadById: db.select().from(leads).where(eq(leads.id, p('id'))).prepare(),
    /** The lead a browser belongs to now (after any merge). */
    leadOfVisitor: db
      .select({ lead: leads })
      .from(visitors)
      .innerJoin(leads, eq(leads.id, visitors.leadId))
      .where(and(eq(visitors.site, p('site')), eq(visitors.vid, p('vid'))))
      .prepare(),
    /** A lead's events after a seq, oldest first, across all its browsers. */
    eventsSince: db
      .select({ event: events })
      .from(events)
      .innerJoin(visitors, and(eq(visitors.site, events.site), eq(visitors.vid, events.vid)))
      .where(and(eq(visitors.leadId, p('leadId')), gt(events.seq, p('afterSeq'))))
      .orderBy(asc(events.seq))
      .prepare(),
  };
}

/** The prepared hot-path reads of this database. */
export const hotQueries = perDatabase(prepare);
