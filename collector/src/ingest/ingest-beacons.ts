/**
 * Ingestion after validation: the beacons' events in one commit, then their leads scored, each
 * lead once, in one more. `POST /collect` runs it for one beacon, or for all the beacons that
 * arrived together (group commit on Node); queue mode's consumer runs it for a queue batch.
 */
import type { QueuedBeacon } from '../deps.ts';
import { scoreVisitors, type LeadContext } from '../leads/score-lead.ts';
import { storeBeacons, type StoredBeacon } from './store-beacon.ts';

export interface Ingested {
  /** Per beacon, in order: what was stored, or why storing it failed (nothing of it was stored). */
  stored: (StoredBeacon | Error)[];
  /** False when scoring failed: the events are stored, and the lead's next event (or `npm run rescore`) scores them. */
  scored: boolean;
  becameMql: boolean;
}

export async function ingestBeacons(leads: LeadContext, beacons: readonly QueuedBeacon[]): Promise<Ingested> {
  const stored = await storeAll(leads, beacons);
  // Visitors of retried beacons too: a retry after a crash between the two commits scores what the first try stored.
  const seen = beacons.filter((_, i) => !(stored[i] instanceof Error));
  try {
    const becameMql = seen.length > 0 && (await scoreVisitors(leads, seen.map(({ envelope }) => envelope)));
    return { stored, scored: true, becameMql };
  } catch (err) {
    console.error('[tells] scoring failed; the events are stored and will be scored later', err);
    return { stored, scored: false, becameMql: false };
  }
}

/** One transaction for all; if it fails, each beacon alone, so one bad beacon fails only itself. */
async function storeAll(leads: LeadContext, beacons: readonly QueuedBeacon[]): Promise<(StoredBeacon | Error)[]> {
  try {
    return await storeBeacons(leads.store, beacons);
  } catch (err) {
    if (beacons.length === 1) return [asError(err)];
  }
  const results: (StoredBeacon | Error)[] = [];
  for (const beacon of beacons) {
    try {
      results.push(...(await storeBeacons(leads.store, [beacon])));
    } catch (err) {
      results.push(asError(err));
    }
  }
  return results;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
