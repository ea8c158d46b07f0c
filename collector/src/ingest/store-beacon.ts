/**
 * Writes validated beacons in a single atomic batch: each visitor (and its lead, created on first
 * sight), then its events. Event ids are unique per site and an insert skips an id already stored,
 * so a retried beacon stores nothing twice; the caller answers 202 only after this resolves, i.e.
 * after the commit.
 */
import type { QueuedBeacon } from '../deps.ts';
import { eventRows, hotWrites, type EventValues } from '../db/hot-writes.ts';
import type { Row, Statement, Store } from '../db/store.ts';
import { withoutSuppressed } from '../leads/suppression.ts';
import { leadIdFor } from './lead-id.ts';

export interface StoredBeacon {
  accepted: number;
  duplicates: number;
}

/**
 * Stores the beacons' new events in one transaction, then runs `reads` in it (see
 * `Store.batchThenRead`); per beacon, how many were new and how many seen before (an id already
 * stored, or repeated in the batch, changes no row), and the reads' rows.
 */
export async function storeBeacons(store: Store, beacons: readonly QueuedBeacon[], reads: Statement[] = []): Promise<{ stored: StoredBeacon[]; rows: Row[][] }> {
  const writes = hotWrites(store.db);
  const statements: Statement[] = [];
  /** Per beacon, the position of its event insert in `statements`. */
  const inserts: number[] = [];
  for (const { envelope, receivedAt, bot } of beacons) {
    const { site, vid } = envelope;
    const leadId = await leadIdFor(site, vid);
    const firstTouch = envelope.ft ?? null;
    statements.push(
      writes.leadSeen({ id: leadId, site, at: receivedAt, firstTouch, bot }),
      writes.visitorSeen({ site, vid, leadId, at: receivedAt, firstTouch, bot }),
    );
    const rows = (await withoutSuppressed(store.db, envelope.events)).map((event): EventValues => ({
      site,
      id: event.id,
      vid,
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
    inserts.push(statements.push(writes.insertEvents({ rows: eventRows(rows) })) - 1);
    if (bot) statements.push(writes.botLead({ site, vid }));
  }
  const { changes, rows } = await store.batchThenRead(statements, reads);
  const stored = beacons.map(({ envelope }, i) => {
    const accepted = changes[inserts[i]!]!;
    return { accepted, duplicates: envelope.events.length - accepted };
  });
  return { stored, rows };
}
