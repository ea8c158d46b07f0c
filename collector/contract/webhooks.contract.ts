/**
 * The webhook outbox: a new MQL queues one delivery in the same write, the beacon is answered
 * without waiting for it, and it is sent signed after the response (Node: a detached promise,
 * Workers: waitUntil), retried by the periodic job (Node: a timer, Workers: the cron trigger).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type TellsConfig } from '../src/config.ts';
import { ORIGIN } from '../src/test-support.ts';
import { backoffMs } from '../src/webhooks/deliver.ts';
import { verifySignature } from '../src/webhooks/sign.ts';
import { buyerJourney, importAccounts } from './journey.contract.ts';
import type { Receiver } from './receiver.ts';
import { eventually, type Target } from './target.ts';

export const WEBHOOK_SECRET = 'whsec-0123456789abcdef';

/** The test config with one webhook to `url`. */
export function webhookConfig(url: string): TellsConfig {
  return parseConfig({ sites: [{ id: 'demo', origins: [ORIGIN] }], webhooks: [{ url, secret: WEBHOOK_SECRET }], allowAutomation: true });
}

interface OutboxRow {
  event_key: string;
  attempts: number;
  delivered_at: number | null;
  last_error: string | null;
}

/** Fails if `promise` takes longer than `ms`: the answer must not wait for the delivery. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${what} took over ${ms} ms`)), ms))]);
}

export function defineWebhookContract(target: () => Target, receiver: () => Receiver): void {
  describe('webhook outbox', () => {
    let t: Target;
    let hook: Receiver;
    const outbox = () => t.sql<OutboxRow>('select event_key, attempts, delivered_at, last_error from outbox');
    beforeEach(async () => {
      t = target();
      hook = receiver();
      hook.reset();
      await t.reset();
    });

    it('queues a delivery with the new MQL, answers the beacon without waiting, then sends it signed, once', async () => {
      await importAccounts(t);
      hook.hold();
      const res = await within(5000, buyerJourney(t, 'hook-1'), "the beacon's answer");
      expect(res.status).toBe(202);
      // The delivery is on its way (the receiver holds its answer), and the row waits for it.
      await eventually(async () => hook.received.length === 1, 'the delivery to arrive');
      const [queued] = await outbox();
      expect(queued).toMatchObject({ attempts: 0, delivered_at: null });

      hook.release();
      const delivered = await eventually(async () => (await outbox()).find((row) => row.delivered_at !== null), 'the delivery to be marked done');
      expect(delivered).toMatchObject({ attempts: 1, last_error: null, event_key: queued!.event_key });
      const [sent] = hook.received;
      const signature = String(sent!.headers['tells-signature']);
      expect(await verifySignature(WEBHOOK_SECRET, sent!.body, signature, t.now)).toBe(true);
      expect(await verifySignature('wrong-secret-0123456', sent!.body, signature, t.now)).toBe(false);
      const payload = JSON.parse(sent!.body);
      expect(payload).toMatchObject({ type: 'lead.mql', id: queued!.event_key, lead: { email: 'dana.director@acme-logistics.example', status: 'mql' } });
      expect(sent!.headers['tells-event-id']).toBe(payload.id);

      await t.runCron();
      expect(hook.received).toHaveLength(1);
    });

    it('retries a failed delivery from the periodic job once its backoff has passed', async () => {
      await importAccounts(t);
      hook.status = 503;
      await buyerJourney(t, 'hook-2');
      const failed = await eventually(async () => (await outbox()).find((row) => row.last_error === 'HTTP 503'), 'the first attempt to fail');
      expect(failed).toMatchObject({ attempts: 1, delivered_at: null });

      hook.status = 200;
      await t.runCron();
      expect(hook.received).toHaveLength(1); // not due before the backoff
      await t.setNow(t.now + backoffMs(1));
      await t.runCron();
      expect(hook.received).toHaveLength(2);
      expect(hook.received[1]!.headers['tells-event-id']).toBe(hook.received[0]!.headers['tells-event-id']);
      expect((await outbox())[0]).toMatchObject({ attempts: 2, last_error: null, delivered_at: t.now });
    });
  });
}
