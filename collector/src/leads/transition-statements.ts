/**
 * The writes that follow a lead's state update in one batch. They are guarded with SQLite's
 * `changes()`, so they land only when the guarded update before them did: D1 has no interactive
 * transactions, and a racing writer must not record a transition it lost.
 */
import { sql } from 'drizzle-orm';
import type { LeadStatus } from '../db/schema.ts';
import { outbox, transitions } from '../db/schema.ts';
import type { Db, Statement } from '../db/store.ts';

export interface Transition {
  leadId: string;
  from: LeadStatus;
  to: LeadStatus;
  at: number;
  reason?: string | null;
  note?: string | null;
}

/** Inserts the transition only if the statement just before changed exactly one row. */
export function guardedTransition(db: Db, t: Transition): Statement {
  return db
    .insert(transitions)
    .select(sql`select null, ${t.leadId}, ${t.from}, ${t.to}, ${t.at}, ${t.reason ?? null}, ${t.note ?? null} where changes() = 1`);
}

/**
 * Queues one webhook delivery per URL, only if the transition insert just before landed.
 * `eventKey` names the transition, so it is never announced twice.
 */
export function guardedDeliveries(db: Db, leadId: string, eventKey: string, urls: string[], at: number): Statement[] {
  if (!urls.length) return [];
  const rows = sql.join(
    urls.map((url) => sql`select null, ${leadId}, ${eventKey}, ${url}, ${at}, 0, ${at}, null, null where changes() = 1`),
    sql` union all `,
  );
  return [db.insert(outbox).select(rows).onConflictDoNothing()];
}
