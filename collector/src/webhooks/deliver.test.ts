import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { createCollector, type Collector } from '../app.ts';
import { openNodeStore, type NodeStore } from '../db/node-store.ts';
import { API_KEY, ORIGIN, testConfig } from '../test-support.ts';
import { backoffMs } from './deliver.ts';
import { verifySignature } from './sign.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECRET = 'whsec-0123456789abcdef';
const received: { headers: IncomingMessage['headers']; body: string }[] = [];
let answer = 200;
let receiver: Server;
let hookUrl: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((done) => receiver.close(() => done())));

let store: NodeStore;
let collector: Collector;
let dbPath: string;
const clock = { now: Date.UTC(2026, 10, 2, 9) };
const deliveries = () => store.sqlite.prepare('select attempts, delivered_at, last_error from outbox').all() as { attempts: number; delivered_at: number | null; last_error: string | null }[];

/** Opens the collector over the test's database file, as a fresh process would. */
function open() {
  store = openNodeStore(dbPath);
  const config = parseConfig({ ...testConfig, webhooks: [{ url: hookUrl, secret: SECRET }] });
  collector = createCollector({
    store,
    config,
    apiKey: API_KEY,
    now: () => clock.now,
    clientIp: () => undefined,
    asset: async () => undefined,
    // Deliveries are driven by the test, so nothing runs behind its back.
    background: () => {},
  });
}

beforeEach(() => {
  received.length = 0;
  answer = 200;
  dbPath = join(mkdtempSync(join(tmpdir(), 'tells-hook-')), 'db.sqlite');
  open();
});
afterEach(() => store.close());

async function qualify() {
  const page = (path: string, extra: object = {}) => ({ id: `e${Math.random().toString(36).slice(2)}`, type: 'pageview', ts: clock.now - 1000, url: `${ORIGIN}${path}`, ...extra });
  await collector.app.request('/api/accounts', {
    method: 'PUT',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/csv' },
    body: 'domain,name,industry,employees,tier\nacme-logistics.example,Acme Logistics,Logistics,1200,tier1\n',
  });
  const events = [
    page('/pricing'),
    page('/pricing', { ts: clock.now - 900 }),
    page('/demo', { type: 'form_submit', props: { form: 'demo-request', email: 'dana@acme-logistics.example', jobTitle: 'Director of Operations', companySize: '1001-5000' } }),
  ];
  const res = await collector.app.request('/collect', { method: 'POST', headers: { origin: ORIGIN }, body: JSON.stringify({ v: 1, site: 'demo', vid: 'v1', sid: 's1', events }) });
  expect(res.status).toBe(202);
}

describe('webhook outbox', () => {
  it('queues one delivery per new MQL and sends it signed, once', async () => {
    await qualify();
    expect(deliveries()).toEqual([{ attempts: 0, delivered_at: null, last_error: null }]);
    expect(await collector.deliverWebhooks()).toBe(1);
    expect(await collector.deliverWebhooks()).toBe(0);
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(await verifySignature(SECRET, hook!.body, String(hook!.headers['tells-signature']), clock.now)).toBe(true);
    expect(await verifySignature('wrong-secret-0123456', hook!.body, String(hook!.headers['tells-signature']), clock.now)).toBe(false);
    const payload = JSON.parse(hook!.body);
    expect(payload).toMatchObject({ type: 'lead.mql', lead: { email: 'dana@acme-logistics.example', status: 'mql' } });
    expect(hook!.headers['tells-event-id']).toBe(payload.id);
    expect(deliveries()[0]).toMatchObject({ attempts: 1, last_error: null });
  });

  it('retries with backoff until acknowledged, and survives a restart of the collector', async () => {
    await qualify();
    answer = 503;
    expect(await collector.deliverWebhooks()).toBe(0);
    expect(deliveries()[0]).toMatchObject({ attempts: 1, delivered_at: null, last_error: 'HTTP 503' });
    // Not due yet: nothing is sent before the backoff.
    expect(await collector.deliverWebhooks()).toBe(0);
    expect(received).toHaveLength(1);

    store.close();
    open();
    answer = 200;
    clock.now += backoffMs(1);
    expect(await collector.deliverWebhooks()).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[0]!.headers['tells-event-id']).toBe(received[1]!.headers['tells-event-id']);
  });

  it('grows the backoff and caps it', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([30_000, 60_000, 120_000]);
    expect(backoffMs(50)).toBe(6 * 3600_000);
  });
});
