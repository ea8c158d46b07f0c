/**
 * Retention: events older than `retentionDays` are deleted, a chunk at a time so a large purge
 * never holds the database for long. Leads keep their scores; their story loses the old pages.
 */
import { lt, sql } from 'drizzle-orm';
import { inlineLimit } from '../db/inline-limit.ts';
import { events } from '../db/schema.ts';
import type { Store } from '../db/store.ts';

const DAY_MS = 24 * 3600_000;
const CHUNK = 5_000;

/** Deletes expired events; returns how many. */
export async function purgeExpiredEvents(store: Store, now: number, retentionDays: number): Promise<number> {
  const cutoff = now - retentionDays * DAY_MS;
  let purged = 0;
  for (;;) {
    const [changed] = await store.batch([
      store.db.delete(events).where(sql`${events.seq} in (select ${events.seq} from ${events} where ${lt(events.receivedAt, cutoff)} limit ${inlineLimit(CHUNK)})`),
    ]);
    purged += changed ?? 0;
    if (!changed || changed < CHUNK) return purged;
  }
}
