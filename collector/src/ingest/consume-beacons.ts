/**
 * Queue mode's consumer: writes and scores beacons that the edge already validated. A message is
 * acked only after its events are committed and its visitor scored, and retried otherwise; a
 * retry is safe because an event id is stored once.
 */
import type { QueuedBeacon } from '../deps.ts';
import { scoreVisitor, type LeadContext } from '../leads/score-lead.ts';
import { storeBeacon } from './store-beacon.ts';

/** One message of a queue batch, as the runtime hands it over (a Workers `Message`). */
export interface BeaconMessage {
  readonly body: QueuedBeacon;
  ack(): void;
  retry(): void;
}

/**
 * Stores each beacon (one atomic batch each, in order), then scores each visitor once for the
 * whole batch; true when a lead became an MQL.
 */
export async function consumeBeacons(leads: LeadContext, messages: readonly BeaconMessage[]): Promise<boolean> {
  const byVisitor = new Map<string, BeaconMessage[]>();
  for (const message of messages) {
    const { envelope, receivedAt, bot } = message.body;
    try {
      await storeBeacon(leads.store, envelope, receivedAt, bot);
    } catch (err) {
      console.error('[tells] storing a queued beacon failed; the queue will retry it', err);
      message.retry();
      continue;
    }
    const visitor = `${envelope.site}\u0000${envelope.vid}`;
    byVisitor.set(visitor, [...(byVisitor.get(visitor) ?? []), message]);
  }

  let becameMql = false;
  for (const group of byVisitor.values()) {
    const { site, vid } = group[0]!.body.envelope;
    try {
      if (await scoreVisitor(leads, site, vid)) becameMql = true;
      for (const message of group) message.ack();
    } catch (err) {
      // The events are stored; the retry stores nothing twice and scores them again.
      console.error('[tells] scoring queued beacons failed; the queue will retry them', err);
      for (const message of group) message.retry();
    }
  }
  return becameMql;
}
