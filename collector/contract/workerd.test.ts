/**
 * The contract suite on workerd + D1: worker.ts's handlers bundled by `wrangler deploy --dry-run`
 * and run by Miniflare, one workerd process for the whole file. Then what only the Worker has:
 * its secrets and config override, and queue mode.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, beacon, event, testConfig } from '../src/test-support.ts';
import { CRONS } from '../src/worker-crons.ts';
import { defineAdminContract } from './admin.contract.ts';
import { defineIngestContract } from './ingest.contract.ts';
import { buyerJourney, defineJourneyContract, importAccounts } from './journey.contract.ts';
import { startReceiver, type Receiver } from './receiver.ts';
import { defineRateLimitContract } from './rate-limit.contract.ts';
import { defineStoreContract } from './store.contract.ts';
import { api, collect, DAY, eventually } from './target.ts';
import { TRACKER_FILES } from './tracker-dist.ts';
import { defineWebhookContract, webhookConfig } from './webhooks.contract.ts';
import { openWorkerd, type Workerd } from './workerd-target.ts';

let workerd: Workerd;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  workerd = await openWorkerd({
    main: { config: testConfig },
    hooks: { config: webhookConfig(receiver.url) },
    queued: { config: testConfig, queue: true },
    keyless: { config: testConfig, env: { TELLS_API_KEY: undefined } },
    throttled: { config: testConfig, rateLimit: 3 },
    misconfigured: { config: testConfig, env: { TELLS_CONFIG_JSON: '{"sites": [{"id": "demo", "origins": ["not an origin"]}]}' } },
  });
});
afterAll(async () => {
  await workerd?.close();
  await receiver?.close();
});

describe('workerd + D1', () => {
  defineStoreContract(() => workerd.target('main'));
  defineIngestContract(() => workerd.target('main'));
  defineAdminContract(() => workerd.target('main'));
  defineJourneyContract(() => workerd.target('main'));
  defineWebhookContract(() => workerd.target('hooks'), () => receiver);
  defineRateLimitContract(() => workerd.target('throttled'));
});

describe('the Worker entry', () => {
  it('refuses the admin API with a clear 401 while TELLS_API_KEY is unset, and says so in the log', async () => {
    const t = workerd.target('keyless');
    let res: { status: number; body: any } | undefined;
    const logged = await t.errorsLoggedDuring(async () => {
      res = await api(t, '/api/mqls', { key: '' });
    });
    expect(res).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: expect.stringContaining('TELLS_API_KEY is not set') } } });
    expect(logged.join('\n')).toMatch(/TELLS_API_KEY is not set/);
    expect((await api(t, '/api/mqls', { key: API_KEY })).status).toBe(401);
    expect((await t.fetch('/health')).status).toBe(200);
  });

  it('refuses to serve with an invalid TELLS_CONFIG_JSON, logging the bad field', async () => {
    const t = workerd.target('misconfigured');
    let res: { status: number; body: any } | undefined;
    const logged = await t.errorsLoggedDuring(async () => {
      res = await api(t, '/health');
    });
    expect(res).toEqual({ status: 503, body: { error: { code: 'misconfigured', message: expect.any(String) } } });
    expect(logged.join('\n')).toMatch(/TELLS_CONFIG_JSON is invalid:[\s\S]*sites\[0\]\.origins\[0\]/);
  });

  it('purges expired events from its hourly cron trigger', async () => {
    const t = workerd.target('main');
    await t.reset();
    await collect(t, beacon([event(), event()]));
    await workerd.scheduled('main', CRONS.retention);
    expect(await t.sql('select count(*) as n from events')).toEqual([{ n: 2 }]);
    await t.setNow(t.now + (testConfig.retentionDays + 1) * DAY);
    await workerd.scheduled('main', CRONS.retention);
    expect(await t.sql('select count(*) as n from events')).toEqual([{ n: 0 }]);
  });

  it('bundles the tracker files that the Node entry reads from tracker/dist', () => {
    expect(workerd.bundle.textModules.map((file) => file.replace(/^[0-9a-f]+-/, '')).sort()).toEqual([...TRACKER_FILES].sort());
  });
});

describe('queue mode (Workers only; see KNOWN_GAPS)', () => {
  const t = () => workerd.target('queued');
  const stored = async () => (await t().sql<{ id: string }>('select id from events order by seq')).map((row) => row.id);
  beforeEach(async () => {
    await t().reset();
  });

  it('validates at the edge, answers 202 once queued, and the consumer stores and scores the beacon', async () => {
    const events = [event({ url: 'https://www.example.com/pricing' }), event({ url: 'https://www.example.com/pricing' }), { id: 'bad', type: 'nope' }];
    const res = await collect(t(), beacon(events));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: 1, queued: true });
    await eventually(async () => (await stored()).length === 2, 'the consumer to store the events');
    expect(await stored()).toEqual([events[0]!.id, events[1]!.id]);
    const [lead] = await eventually(async () => {
      const rows = await t().sql<{ intent: number; last_seq: number }>('select intent, last_seq from leads');
      return rows[0]?.last_seq ? rows : undefined;
    }, 'the consumer to score the lead');
    expect(lead!.intent).toBeGreaterThan(0);
  });

  it('turns a buyer journey into an MQL through the queue', async () => {
    await importAccounts(t());
    const last = await buyerJourney(t(), 'queued-buyer');
    expect(await last.json()).toMatchObject({ accepted: 1, queued: true });
    const mql = await eventually(async () => (await api(t(), '/api/mqls')).body.data[0], 'the MQL');
    expect(mql).toMatchObject({ email: 'dana.director@acme-logistics.example', status: 'mql' });
    expect((await api(t(), `/api/leads/${mql.id}`)).body.story).toHaveLength(5);
  });

  it('counts repeats inside a beacon at the edge; the consumer drops a retried beacon', async () => {
    const e = event();
    expect(await (await collect(t(), beacon([e, e]))).json()).toEqual({ accepted: 1, duplicates: 1, rejected: 0, queued: true });
    // The edge cannot know the retry was stored already: it is counted as queued, and stored once.
    expect(await (await collect(t(), beacon([e]))).json()).toEqual({ accepted: 1, duplicates: 0, rejected: 0, queued: true });
    const marker = event();
    await collect(t(), beacon([marker]));
    await eventually(async () => (await stored()).includes(marker.id), 'the consumer to catch up');
    expect(await stored()).toEqual([e.id, marker.id]);
  });

  it('retries a beacon whose write failed, acking it only once it is stored', async () => {
    await t().sql('alter table events rename to events_away');
    const e = event();
    let res: Response | undefined;
    const logged = await t().errorsLoggedDuring(async () => {
      res = await collect(t(), beacon([e]));
    });
    expect(res!.status).toBe(202);
    expect(logged.join('\n')).toMatch(/storing a queued beacon failed/);
    await t().sql('alter table events_away rename to events');
    await eventually(async () => (await stored()).includes(e.id), 'the retried beacon to be stored');
  });

  it('answers a bad envelope with 400 at the edge and queues nothing', async () => {
    const res = await collect(t(), beacon([event()], { vid: 'has space' }));
    expect(res.status).toBe(400);
    const marker = event();
    await collect(t(), beacon([marker]));
    await eventually(async () => (await stored()).length > 0, 'the consumer to catch up');
    expect(await stored()).toEqual([marker.id]);
  });
});
