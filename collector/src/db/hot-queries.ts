/**
 * The reads every beacon makes, built and prepared once per database: building a drizzle query
 * costs more than running it on SQLite. Values are bound through placeholders;
 * a lookup by a unique key carries no LIMIT (see inline-limit.ts).
 */
import { and, asc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { events, leads, visitors } from './schema.ts';
import { perDatabase } from './per-database.ts';
import { statementTemplate } from './statement-template.ts';
import type { Db, Row } from './store.ts';

/**
 * A lead comes with at most this many of its unapplied events: a replay of a long history (after
 * a merge, or under new rules) goes in chunks, each committed, so its progress is kept and no
 * read is unbounded. A chunk is one JSON value, and D1 caps a value at 2 MB: 100 events stay well
 * under it (typically 15 KB) unless most of them carry props near the wire format's limits, in
 * which case that lead's scoring fails, is logged, and its events are kept.
 */
export const UNAPPLIED_CHUNK = 100;

/** What scoring reads of a stored event: the columns the read brings, in this order. */
const EVENT_TO_SCORE = ['seq', 'id', 'type', 'ts', 'receivedAt', 'url', 'path', 'title', 'name', 'sid', 'props'] as const;

/** A stored event as scoring reads it. */
export type EventToScore = Pick<typeof events.$inferSelect, (typeof EVENT_TO_SCORE)[number]>;

/**
 * The lead's next chunk of events that scoring has not applied yet, oldest first, as JSON
 * `{ events, more }` (`more`: the chunk is full, so more may wait), each event an array of the
 * `EVENT_TO_SCORE` columns: without keys and unread columns, a 50-event beacon's read is half
 * the bytes (7.4 KB, was 14.4), and on Workers the D1 binding's decoding of them was the largest
 * cost of such a beacon in the isolate's profile. They follow the lead's last applied seq, or,
 * when its state was built under other intent rules (`rules` is the current rules'
 * fingerprint), its last recycle, to be replayed.
 */
function unappliedEvents() {
  const p = sql.placeholder;
  // Qualified by hand: in a select from one table drizzle leaves its columns bare, and a bare
  // "id" in the subquery would be the event's.
  const lead = (column: AnySQLiteColumn) => sql`${sql.identifier('leads')}.${sql.identifier(column.name)}`;
  const fields = EVENT_TO_SCORE.map((key) => {
    const value = sql`u.${sql.identifier(events[key].name)}`;
    return key === 'props' ? sql`json(${value})` : value;
  });
  const afterSeq = sql`case when ${lead(leads.state)} is not null and ${lead(leads.stateRules)} is not ${p('rules')}
    then ${lead(leads.intentSinceSeq)} else max(${lead(leads.lastSeq)}, ${lead(leads.intentSinceSeq)}) end`;
  const most = sql.raw(String(UNAPPLIED_CHUNK));
  return sql<string>`(select json_object(
      'events', json_group_array(json_array(${sql.join(fields, sql`, `)}) order by u.seq),
      'more', count(*) = ${most})
    from (select e.* from ${visitors} v join ${events} e on e.site = v.site and e.vid = v.vid
      where v.lead_id = ${lead(leads.id)} and e.seq > ${afterSeq} order by e.seq limit ${most}) u)`;
}

function prepare(db: Db) {
  const p = sql.placeholder;
  const toScore = { ...getTableColumns(leads), unapplied: unappliedEvents().as('unapplied') };
  return {
    leadById: db.select().from(leads).where(eq(leads.id, p('id'))).prepare(),
    /**
     * The lead a browser belongs to now (after any merge), with its next unapplied events: what
     * scoring needs in one read, which `Store.batchThenRead` runs right after the beacon's writes
     * (on D1 every query is a round trip). Its row decodes with `leadToScoreFrom`.
     */
    leadOfVisitor: statementTemplate<{ site: string; vid: string; rules: string }>(
      db
        .select(toScore)
        .from(visitors)
        .innerJoin(leads, eq(leads.id, visitors.leadId))
        .where(and(eq(visitors.site, p('site')), eq(visitors.vid, p('vid')))),
    ),
    /** A lead by id with its next unapplied events (decodes with `leadToScoreFrom`). */
    leadToScore: statementTemplate<{ id: string; rules: string }>(db.select(toScore).from(leads).where(eq(leads.id, p('id')))),
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

const LEAD_COLUMNS = Object.entries(getTableColumns(leads));

/** An unapplied event as the read lists it: `EVENT_TO_SCORE`'s values, in order. */
type EventToScoreValues = ValuesOf<typeof EVENT_TO_SCORE>;
type ValuesOf<Keys extends readonly (keyof EventToScore)[]> = { -readonly [I in keyof Keys]: EventToScore[Keys[I] & keyof EventToScore] };

/**
 * A row of `leadOfVisitor` or `leadToScore`: the lead, decoded as drizzle decodes it, its next
 * unapplied events, and whether more may wait (the read brought a full chunk).
 */
export function leadToScoreFrom(row: Row): { lead: typeof leads.$inferSelect; unapplied: EventToScore[]; more: boolean } {
  const lead: Record<string, unknown> = {};
  // The select lists the lead's columns in schema order, then `unapplied`.
  LEAD_COLUMNS.forEach(([key, column], i) => {
    const value = row[i];
    lead[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  });
  const read = JSON.parse(row[LEAD_COLUMNS.length] as string) as { events: EventToScoreValues[]; more: 0 | 1 | null };
  // In EVENT_TO_SCORE's order.
  const unapplied = read.events.map(([seq, id, type, ts, receivedAt, url, path, title, name, sid, props]): EventToScore => ({ seq, id, type, ts, receivedAt, url, path, title, name, sid, props }));
  return { lead: lead as typeof leads.$inferSelect, unapplied, more: read.more === 1 };
}

/** The prepared hot-path reads of this database. */
export const hotQueries = perDatabase(prepare);
