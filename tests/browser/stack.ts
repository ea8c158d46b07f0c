/**
 * The whole product, as `npm start` runs it, for the journey tests: the built tracker, the REAL
 * collector (`startCollector`, a temp SQLite file, a clock the test moves) with the demo site's
 * target accounts imported, the demo site on another origin, and a webhook receiver standing in
 * for the CRM. Tests talk to it only as its users do: pages in a browser, the admin REST API, and
 * the webhook deliveries.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../collector/src/config.ts';
import { startCollector, type RunningCollector } from '../../collector/src/node.ts';
import { startDemoSite, type DemoSite } from '../../demo-site/server.ts';
import { buildTracker } from '../../tracker/build.ts';

const ACCOUNTS_CSV = join(import.meta.dirname, '../../demo-site/accounts.csv');
export const SITE_ID = 'demo';
export const WEBHOOK_SECRET = 'journeys-webhook-secret-0123456789';

/**
 * The time both sides share: real time plus an offset the test moves forward. The collector reads
 * it through `now`; each browser context is kept on it with Playwright's clock (see `syncBrowser`).
 */
export class TestClock {
  private offset = 0;
  readonly now = (): number => Date.now() + this.offset;
  /** Moves the collector's time; browsers follow when the test syncs them. */
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** One POST the webhook receiver got, as it arrived (the raw body is what the signature covers). */
export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; id: string; lead: { id: string; email: string | null; status: string } };
}

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

/** A CRM endpoint that accepts every delivery with 200 and keeps it. */
async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      deliveries.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(200).end('ok');
    } catch {
      res.writeHead(400).end('not json');
    }
  });
  const port = await listen(server, 0);
  return { url: `http://127.0.0.1:${port}/hooks/tells`, deliveries, close: () => closeServer(server) };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/** A port free right now (the demo site's origin must be in the collector's config before either starts). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  const port = await new Promise<number>((ready) => probe.listen(0, '127.0.0.1', () => ready((probe.address() as AddressInfo).port)));
  await new Promise((done) => probe.close(done));
  return port;
}

export interface Stack {
  clock: TestClock;
  collector: RunningCollector;
  site: DemoSite;
  webhooks: WebhookReceiver;
  apiKey: string;
  /** Calls the admin API with the key; throws with the answer on anything but 2xx. */
  api<T = any>(path: string, init?: { method?: string; body?: unknown; contentType?: string }): Promise<T>;
  close(): Promise<void>;
}

/** Starts everything on 127.0.0.1, free ports, a fresh database; imports the demo accounts. */
export async function startStack(): Promise<Stack> {
  await buildTracker();
  const clock = new TestClock();
  const webhooks = await startWebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'tells-journeys-'));
  const apiKey = 'tells_journeys_admin_key';

  // The collector's config names the site's origin, and the site's pages name the collector: the
  // site's port is picked first. Should another process take it meanwhile, start over.
  let collector: RunningCollector | undefined;
  let site: DemoSite | undefined;
  for (let attempt = 1; !site; attempt++) {
    const sitePort = await freePort();
    const config = parseConfig({
      sites: [{ id: SITE_ID, name: 'Runwell (demo)', origins: [`http://127.0.0.1:${sitePort}`] }],
      webhooks: [{ url: webhooks.url, secret: WEBHOOK_SECRET }],
      // Headless Chromium announces itself (HeadlessChrome, navigator.webdriver): score it as a person.
      allowAutomation: true,
    });
    collector = await startCollector({ dbPath: join(dir, `tells-${attempt}.db`), config, apiKey, port: 0, host: '127.0.0.1', now: clock.now });
    try {
      site = await startDemoSite({ port: sitePort, host: '127.0.0.1', collectorUrl: collector.url, site: SITE_ID });
    } catch (err) {
      await collector.close();
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw err;
    }
  }
  const running = collector!;

  async function api<T>(path: string, init: { method?: string; body?: unknown; contentType?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] = init.contentType ?? 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const res = await fetch(running.url + path, { method: init.method ?? 'GET', headers, body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  const imported = await api<{ created: number; errors: unknown[] }>('/api/accounts', {
    method: 'PUT',
    body: readFileSync(ACCOUNTS_CSV, 'utf8'),
    contentType: 'text/csv',
  });
  if (imported.errors.length || !imported.created) throw new Error(`accounts import failed: ${JSON.stringify(imported)}`);

  return {
    clock,
    collector: running,
    site: site!,
    webhooks,
    apiKey,
    api,
    close: async () => {
      await site?.close();
      await running.close();
      await webhooks.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `probe` until it gives a value (not undefined), every 100 ms (well under the admin API's
 * rate limit), for at most `timeoutMs`; then fails saying what was awaited and what was last seen.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `; last error: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
