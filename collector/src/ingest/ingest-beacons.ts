/**
 * Ingestion after validation: the beacons' events in one commit, whose transaction also reads
 * their leads with the events each has still to apply (on D1 one round trip for both), then those
 * leads scored, each once, in one more commit. `POST /collect` runs it for one beacon, or for all
 * the beacons that arrived together (group commit on Node); queue mode's consumer runs it for a
 * queue batch.
 */
import type { QueuedBeacon } from '../deps.ts';
import { leadOfVisitor, leadsRead, scoreLeads, scoreVisitors, type LeadContext } from '../leads/score-lead.ts';
import { storeBeacons, type StoredBeacon } from './store-beacon.ts';

export interface Ingested {
  /** Per beacon, in order: what was stored, or why storing it failed (nothing of it was stored). */
  stored: (StoredBeacon | Error)[];
  /** False when scoring failed: the events are stored, and the lead's next event (or `npm run rescore`) scores them. */
  scored: boolean;
  becameMql: boolean;
}

export async function ingestBeacons(leads: LeadContext, beacons: readonly QueuedBeacon[]): Promise<Ingested> {
  const { stored, score } = await storeAll(leads, beacons);
  try {
    return { stored, scored: true, becameMql: await score() };
  } catch (err) {
    console.error('[tells] scoring failed; the events are stored and will be scored later', err);
    return { stored, scored: false, becameMql: false };
  }
}

/** The visitors of these beacons, each once. */
function visitorsOf(beacons: readonly QueuedBeacon[]): { site: string; vid: string }[] {
  const seen = new Map<string, { site: string; vid: string }>();
  for (const { envelope } of beacons) seen.set(`${envelope.site}\u0000${envelope.vid}`, envelope);
  return [...seen.values()];
}

/**
 * One transaction for all, reading the leads to score as it ends. If it fails, each beacon alone,
 * so one bad beacon fails only itself, and the leads are read afterwards: a failed read never
 * keeps events from being stored. Visitors of retried beacons are scored too: a retry after a
 * crash between the two commits scores what the first try stored.
 */
async function storeAll(leads: LeadContext, beacons: readonly QueuedBeacon[]): Promise<{ stored: (StoredBeacon | Error)[]; score(): Promise<boolean> }> {
  try {
    const reads = visitorsOf(beacons).map(({ site, vid }) => leadOfVisitor(leads, site, vid));
    const { stored, rows } = await storeBeacons(leads.store, beacons, reads);
    // Decoded when scoring, where a failure is logged: the events are committed by now.
    return { stored, score: async () => scoreLeads(leads, leadsRead(rows)) };
  } catch {
    // Retried below, beacon by beacon, where each failure is answered.
  }
  const stored: (StoredBeacon | Error)[] = [];
  for (const beacon of beacons) {
    try {
      stored.push(...(await storeBeacons(leads.store, [beacon])).stored);
    } catch (err) {
      stored.push(asError(err));
    }
  }
  const kept = beacons.filter((_, i) => !(stored[i] instanceof Error));
  return { stored, score: async () => kept.length > 0 && scoreVisitors(leads, visitorsOf(kept)) };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
