/**
 * Erasure (`DELETE /api/leads/:id`): the lead, every browser it used, their events, its
 * lifecycle and pending deliveries, and any tombstones merged into it — in one atomic batch. The
 * email is suppressed, so later beacons cannot re-create the person.
 */
import { and, count, eq, inArray, or } from 'drizzle-orm';
import { events, leads, outbox, suppressions, transitions, visitors } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { fail } from '../http/errors.ts';
import { emailHash } from './suppression.ts';

export interface Erased {
  leads: number;
  visitors: number;
  events: number;
  transitions: number;
  deliveries: number;
}

export async function eraseLead(store: Store, leadId: string, now: number): Promise<Erased> {
  const { db } = store;
  const [lead] = await db.select({ id: leads.id, status: leads.status, email: leads.email }).from(leads).where(eq(leads.id, leadId)).limit(1);
  if (!lead || lead.status === 'merged') fail(404, 'not_found', 'No such lead');

  const tombstones = await db.select({ id: leads.id }).from(leads).where(eq(leads.mergedInto, lead.id));
  const leadIds = [lead.id, ...tombstones.map((t) => t.id)];
  const browsers = await db.select({ site: visitors.site, vid: visitors.vid }).from(visitors).where(eq(visitors.leadId, lead.id));
  const ofBrowsers = or(...browsers.map((b) => and(eq(events.site, b.site), eq(events.vid, b.vid))));
  const first = (rows: { n: number }[]) => rows[0]?.n ?? 0;

  const erased: Erased = {
    leads: leadIds.length,
    visitors: browsers.length,
    events: browsers.length ? first(await db.select({ n: count() }).from(events).where(ofBrowsers)) : 0,
    transitions: first(await db.select({ n: count() }).from(transitions).where(inArray(transitions.leadId, leadIds))),
    deliveries: first(await db.select({ n: count() }).from(outbox).where(inArray(outbox.leadId, leadIds))),
  };
  await store.batch([
    ...(browsers.length ? [db.delete(events).where(ofBrowsers)] : []),
    db.delete(visitors).where(eq(visitors.leadId, lead.id)),
    db.delete(transitions).where(inArray(transitions.leadId, leadIds)),
    db.delete(outbox).where(inArray(outbox.leadId, leadIds)),
    db.delete(leads).where(inArray(leads.id, leadIds)),
    ...(lead.email ? [db.insert(suppressions).values({ emailHash: await emailHash(lead.email), createdAt: now }).onConflictDoNothing()] : []),
  ]);
  return erased;
}
