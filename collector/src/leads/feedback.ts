/**
 * Sales feedback on an MQL. Accepted: it is a sales-qualified lead. Rejected (with a reason):
 * it is recycled — its intent restarts from zero, and after the configured cool-down new
 * activity can qualify it again. Every step is recorded with its time.
 */
import { and, eq, max } from 'drizzle-orm';
import { events, leads, visitors } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { fail } from '../http/errors.ts';
import type { RejectionReason } from './lifecycle.ts';
import { loadLead } from './score-lead.ts';
import { guardedTransition } from './transition-statements.ts';

export type Feedback = { outcome: 'accepted'; note?: string } | { outcome: 'rejected'; reason: RejectionReason; note?: string };

const DAY_MS = 24 * 3600_000;

/** Records the feedback atomically; 404 for no such lead, 409 unless it is an MQL. */
export async function giveFeedback(store: Store, leadId: string, feedback: Feedback, now: number, cooldownDays: number): Promise<void> {
  const { db } = store;
  const lead = await loadLead(db, leadId);
  if (!lead || lead.status === 'merged') fail(404, 'not_found', 'No such lead');
  if (lead.status !== 'mql') fail(409, 'conflict', `Only an MQL takes feedback; this lead is ${lead.status}`);

  const guard = and(eq(leads.id, lead.id), eq(leads.version, lead.version), eq(leads.status, 'mql'));
  const note = feedback.note ?? null;
  if (feedback.outcome === 'accepted') {
    await store.batch([
      db.update(leads).set({ status: 'accepted', version: lead.version + 1, updatedAt: now }).where(guard),
      guardedTransition(db, { leadId: lead.id, from: 'mql', to: 'accepted', at: now, note }),
    ]);
  } else {
    // Intent restarts: only events after the newest one now count.
    const [latest] = await db
      .select({ seq: max(events.seq) })
      .from(events)
      .innerJoin(visitors, and(eq(visitors.site, events.site), eq(visitors.vid, events.vid)))
      .where(eq(visitors.leadId, lead.id));
    const since = latest?.seq ?? lead.lastSeq;
    await store.batch([
      db
        .update(leads)
        .set({
          status: 'recycled',
          state: null,
          intent: 0,
          lastSeq: since,
          intentSinceSeq: since,
          cooldownUntil: now + cooldownDays * DAY_MS,
          version: lead.version + 1,
          updatedAt: now,
        })
        .where(guard),
      guardedTransition(db, { leadId: lead.id, from: 'mql', to: 'rejected', at: now, reason: feedback.reason, note }),
      guardedTransition(db, { leadId: lead.id, from: 'rejected', to: 'recycled', at: now, reason: feedback.reason }),
    ]);
  }
  const after = await loadLead(db, lead.id);
  if (after?.version !== lead.version + 1) fail(409, 'conflict', 'The lead changed meanwhile; read it and try again');
}
