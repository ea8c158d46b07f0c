/**
 * The reads every beacon makes, built and prepared once per database: building a drizzle query
 * costs more than running it on SQLite. Values are bound through placeholders;
 * a lookup by a unique key carries no LIMIT (see inline-limit.ts).
 */
import { and, asc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { events, leads, visitors } from './schema.ts';
import { perDatabase } from './per-database.ts';
import type { Db } from './store.ts';

/**
 * The lead's events that scoring has not applied yet, oldest first, as one JSON array (an
 * `EventRow[]`): after its last applied seq, or, when its state was built under other intent
 * rules (`rules` is the current rules' fingerprint), after its last recycle, to be replayed.
 */
function unappliedEvents() {
  const p = sql.placeholder;
  // Qualified by hand: in a select from one table drizzle leaves its columns bare, and a bare
  // "id" in the subquery would be the event's.
  const lead = (column: AnySQLiteColumn) => sql`${sql.identifier('leads')}.${sql.identifier(column.name)}`;
  const fields = Object.entries(getTableColumns(events)).map(([key, column]) => {
    // Keys are the schema's own field names, written into the SQL rather than bound.
    const value = sql`e.${sql.identifier(column.name)}`;
    return sql`${sql.raw(`'${key}'`)}, ${key === 'props' ? sql`json(${value})` : value}`;
  });
  const afterSeq = sql`case when ${lead(leads.state)} is not null and ${lead(leads.stateRules)} is not ${p('rules')}
    then ${lead(leads.intentSinceSeq)} else max(${lead(leads.lastSeq)}, ${lead(leads.intentSinceSeq)}) end`;
  return sql<string>`(select json_group_array(json_object(${sql.join(fields, sql`, `)}) order by e.seq)
    from ${visitors} v join ${events} e on e.site = v.site and e.vid = v.vid
    where v.lead_id = ${lead(leads.id)} and e.seq > ${afterSeq})`;
}

function prepare(db: Db) {
  const p = sql.placeholder;
  const unapplied = unappliedEvents();
  return {
    leadById: db.select().from(leads).where(eq(leads.id, p('id'))).prepare(),
    /**
     * The lead a browser belongs to now (after any merge), with its unapplied events: one read
     * for what scoring needs (on D1 every query is a round trip).
     */
    leadOfVisitor: db
      .select({ lead: leads, unapplied })
      .from(visitors)
      .innerJoin(leads, eq(leads.id, visitors.leadId))
      .where(and(eq(visitors.site, p('site')), eq(visitors.vid, p('vid'))))
      .prepare(),
    /** A lead by id with its unapplied events. */
    leadToScore: db.select({ lead: leads, unapplied }).from(leads).where(eq(leads.id, p('id'))).prepare(),
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
