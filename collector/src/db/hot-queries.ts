/**
 * The reads every beacon makes, built and prepared once per database: building a drizzle query
 * costs more than running it on SQLite. Values are bound through placeholders; a list of ids
 * travels as one JSON parameter, which also keeps D1 under its 100-parameter limit.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { events, leads, visitors } from './schema.ts';
import type { Db } from './store.ts';

function prepare(db: Db) {
  const p = sql.placeholder;
  return {
    leadById: db.select().from(leads).where(eq(leads.id, p('id'))).limit(1).prepare(),
    leadOfVisitor: db
      .select({ leadId: visitors.leadId })
      .from(visitors)
      .where(and(eq(visitors.site, p('site')), eq(visitors.vid, p('vid'))))
      .limit(1)
      .prepare(),
    /** Of the ids (a JSON array), those already stored for the site. */
    storedIds: db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.site, p('site')), sql`${events.id} in (select value from json_each(${p('ids')}))`))
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

export type HotQueries = ReturnType<typeof prepare>;

const prepared = new WeakMap<Db, HotQueries>();

/** The prepared hot-path reads of this database. */
export function hotQueries(db: Db): HotQueries {
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = prepare(db)));
  return queries;
}
