import { sha256Hex } from '../../../shared/sha256-hex.ts';

/**
 * A visitor's first lead id is derived from (site, vid), so creating it is idempotent: a retried
 * beacon, or two racing ones, land on the same row without a read first.
 */
const recent = new Map<string, string>();
const RECENT_MAX = 10_000;

export async function leadIdFor(site: string, vid: string): Promise<string> {
  const key = `${site}\u0000${vid}`;
  const known = recent.get(key);
  if (known) return known;
  const id = `ld_${await sha256Hex(key, 10)}`;
  // A visitor sends many beacons; hashing again would cost a trip to the crypto thread pool.
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, id);
  return id;
}
