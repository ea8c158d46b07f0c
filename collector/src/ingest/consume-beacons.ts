/**
 * Queue mode's consumer: writes and scores beacons that the edge already validated. A message is
 * acked only after its events are committed and its visitor scored, and retried otherwise; a
 * retry is safe because an event id is stored once.
 */
import type { QueuedBeacon } from '../deps.ts';
import type { LeadContext } from '../leads/score-lead.ts';
import { ingestBeacons } from './ingest-beacons.ts';

/** One message of a queue batch, as the runtime hands it over (a Workers `Message`). */
export interface BeaconMessage {
  readonly body: QueuedBeacon;
  ack(): void;
  retry(): void;
}

/** Stores the batch's beacons in one commit and scores each visitor once; true when a lead became an MQL. */
export async function consumeBeacons(leads: LeadContext, messages: readonly BeaconMessage[]): Promise<boolean> {
  const { stored, scored, becameMql } = await ingestBeacons(leads, messages.map((message) => message.body));
  messages.forEach((message, i) => {
    const result = stored[i];
    if (result instanceof Error) console.error('[tells] storing a queued beacon failed; the queue will retry it', result);
    // Not scored: the retry stores nothing twice and scores the events again.
    if (result instanceof Error || !scored) message.retry();
    else message.ack();
  });
  return becameMql;
}
