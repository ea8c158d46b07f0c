/**
 * Writes one validated beacon in a single atomic batch: the visitor (and its lead, created on
 * first sight), then every new event. Event ids are unique per site, so a retried beacon stores
 * nothing twice; the caller answers 202 only after this resolves, i.e. after the commit.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { hotQueries } from '../db/hot-queries.ts';
import type { Envelope, WireEvent } from '../../../shared/wire.ts';
import { events, leads, visitors } from '../db/schema.ts';
import { chunkRows, type Store } from '../db/store.ts';
import { withoutSuppressed } from '../leads/suppression.ts';
import { leadIdFor } from './lead-id.ts';

export interface StoredBeacon {
  accepted: number;
  duplicates: number;
}

const EVENT_COLUMNS = 13;

/** Stores the beacon's new events; returns how many were new and how many seen before. */
export async function storeBeacon(store: Store, envelope: Envelope, receivedAt: number, bot: boolean): Promise<StoredBeacon> {
  const { db } = store;
  const leadId = await leadIdFor(envelope.site, envelope.vid);
  const unique = new Map<string, WireEvent>();
  for (const event of envelope.events) if (!unique.has(event.id)) unique.set(event.id, event);

  const stored = await hotQueries(db).storedIds.all({ site: envelope.site, ids: JSON.stringify([...unique.keys()]) });
  const seen = new Set(stored.map((row) => row.id));
  const fresh = await withoutSuppressed(db, [...unique.values()].filter((event) => !seen.has(event.id)));

  const rows = fresh.map((event) => ({
    site: envelope.site,
    id: event.id,
    vid: envelope.vid,
    sid: envelope.sid,
    type: event.type,
    ts: event.ts,
    receivedAt,
    url: event.url,
    path: new URL(event.url).pathname,
    ref: event.ref ?? null,
    title: event.title ?? null,
    name: event.name ?? null,
    props: event.props ?? null,
  }));

  await store.batch([
    db
      .insert(leads)
      .values({ id: leadId, site: envelope.site, createdAt: receivedAt, updatedAt: receivedAt, firstTouch: envelope.ft ?? null, bot })
      // The tracker learns the first touch a moment after the first pageview: keep the first one known.
      .onConflictDoUpdate({ target: leads.id, set: { firstTouch: sql`coalesce(${leads.firstTouch}, excluded.first_touch)` } }),
    db
      .insert(visitors)
      .values({ site: envelope.site, vid: envelope.vid, leadId, firstSeen: receivedAt, lastSeen: receivedAt, firstTouch: envelope.ft ?? null, bot })
      .onConflictDoUpdate({
        target: [visitors.site, visitors.vid],
        set: { lastSeen: receivedAt, bot: sql`${visitors.bot} OR ${bot ? 1 : 0}`, firstTouch: sql`coalesce(${visitors.firstTouch}, excluded.first_touch)` },
      }),
    ...chunkRows(rows, EVENT_COLUMNS, store.maxParams).map((chunk) => db.insert(events).values(chunk).onConflictDoNothing()),
    // A bot stays a bot: its lead (whichever it was merged into) can never qualify.
    ...(bot ? [db.update(leads).set({ bot: true }).where(inArray(leads.id, db.select({ id: visitors.leadId }).from(visitors).where(and(eq(visitors.site, envelope.site), eq(visitors.vid, envelope.vid)))))] : []),
  ]);
  return { accepted: fresh.length, duplicates: envelope.events.length - fresh.length };
}
