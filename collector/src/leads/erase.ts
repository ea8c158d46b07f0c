/**
 * Erasure (`DELETE /api/leads/:id`): the lead, every browser it used, their events, its
 * lifecycle and pending deliveries, and any tombstones merged into it — in one atomic batch. The
 * email is suppressed, so later beacons cannot re-create the person.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
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
  const [lead] = await db.select({ id: leads.id, status: leads.status, email: leads.email }).from(leads).where(eq(leads.id, leadId));
  if (!lead || lead.status === 'merged') fail(404, 'not_found', 'No such lead');

  // Subqueries rather than id lists: a lead may have many browsers and merged tombstones, and D1
  // allows 100 bound parameters per statement.
  const ofLead = or(eq(leads.id, lead.id), eq(leads.mergedInto, lead.id));
  const leadIds = db.select({ id: leads.id }).from(leads).where(ofLead);
  const ofBrowsers = sql`(${events.site}, ${events.vid}) in (select ${visitors.site}, ${visitors.vid} from ${visitors} where ${eq(visitors.leadId, lead.id)})`;
  const [eventCount, visitorCount, transitionCount, deliveryCount, leadCount] = await store.batch([
    db.delete(events).where(ofBrowsers),
    db.delete(visitors).where(eq(visitors.leadId, lead.id)),
    db.delete(transitions).where(inArray(transitions.leadId, leadIds)),
    db.delete(outbox).where(inArray(outbox.leadId, leadIds)),
    db.delete(leads).where(ofLead),
    ...(lead.email ? [db.insert(suppressions).values({ emailHash: await emailHash(lead.email), createdAt: now }).onConflictDoNothing()] : []),
  ]);
  const erased: Erased = { leads: leadCount ?? 0, visitors: visitorCount ?? 0, events: eventCount ?? 0, transitions: transitionCount ?? 0, deliveries: deliveryCount ?? 0 };
  return erased;
}
