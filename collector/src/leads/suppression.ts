/**
 * Erased people stay erased: their email is kept only as a hash in `suppressions`, and later
 * beacons carrying it are stripped of contact data before they are stored.
 */
import { inArray } from 'drizzle-orm';
import { sha256Hex } from '../../../shared/sha256-hex.ts';
import { PROFILE_FIELDS, type WireEvent } from '../../../shared/wire.ts';
import { suppressions } from '../db/schema.ts';
import type { Db } from '../db/store.ts';
import { normaliseEmail } from './contact.ts';

/** SHA-256 of the normalised email, hex. */
export const emailHash = (email: string): Promise<string> => sha256Hex(`tells-suppression:${email}`);

/** The events with contact fields removed wherever they name a suppressed email. */
export async function withoutSuppressed(db: Db, events: WireEvent[]): Promise<WireEvent[]> {
  const hashes = new Map<WireEvent, string>();
  for (const event of events) {
    const email = normaliseEmail(event.props?.email);
    if (email) hashes.set(event, await emailHash(email));
  }
  if (!hashes.size) return events;
  const found = await db.select({ hash: suppressions.emailHash }).from(suppressions).where(inArray(suppressions.emailHash, [...hashes.values()]));
  if (!found.length) return events;
  const suppressed = new Set(found.map((row) => row.hash));
  return events.map((event) => {
    const hash = hashes.get(event);
    if (!hash || !suppressed.has(hash)) return event;
    const props = { ...event.props };
    for (const field of PROFILE_FIELDS) delete props[field];
    return { ...event, props };
  });
}
