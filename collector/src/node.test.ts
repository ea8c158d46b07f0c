/**
 * The real Node server: started the way `npm start` starts it, over a temp SQLite file, talked
 * to over real HTTP, killed with SIGKILL under load to prove a 202 means committed, stopped with
 * SIGTERM to prove shutdown is graceful.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './node.ts';
import { API_KEY, beacon, event, ORIGIN, testConfig } from './test-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'tells-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post = (url: string, body: unknown) =>
  fetch(`${url}/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: JSON.stringify(body) });

describe('the Node server', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({ dbPath: join(dir, 'server.db'), config: testConfig, apiKey: API_KEY, port: 0 });
  });
  afterAll(() => collector.close());

  it('ingests over HTTP into the SQLite file, in WAL mode', async () => {
    const res = await post(collector.url, beacon([event(), event()]));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: 0 });
    expect(collector.store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(collector.store.sqlite.prepare('select count(*) from events').pluck().get()).toBe(2);
  });

  it('answers the admin API over HTTP', async () => {
    const res = await fetch(`${collector.url}/api/mqls`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(200);
    expect((await fetch(`${collector.url}/api/mqls`)).status).toBe(401);
  });
});

/** A config for the child: the demo origin, a webhook nobody answers (deliveries stay queued). */
function childConfig(): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  const config = {
    sites: [{ id: 'demo', origins: [DEMO_ORIGIN] }],
    webhooks: [{ url: 'http://127.0.0.1:9/unreachable', secret: 'crash-test-secret-0123' }],
    allowAutomation: true,
    limits: { ingestPerIp: { burst: 1e6, perSecond: 1e6 } },
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const DEMO_ORIGIN = 'http://127.0.0.1:3000';

/** Starts `npm start`'s script as a child and resolves with the collector URL it prints. */
function startChild(dbPath: string, configPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-demo'], {
    env: { ...process.env, PORT: '0', TELLS_DB: dbPath, TELLS_API_KEY: API_KEY, TELLS_CONFIG: configPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk;
      const match = /Collector\s+(http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`collector exited (${code}): ${out}`)));
  });
}

/** One visitor's beacon; every fifth visitor is a buyer who qualifies (and queues a webhook). */
function nextBeacon(n: number) {
  const vid = `visitor-${n % 40}`;
  const page = (path: string, extra: object = {}) => event({ url: `${DEMO_ORIGIN}${path}`, ts: Date.now() - 1000, ...extra });
  const events =
    n % 5 === 4
      ? [page('/pricing'), page('/demo', { type: 'form_submit', props: { form: 'demo-request', email: `${vid}@acme-logistics.example`, jobTitle: 'Director of Operations', companySize: '201-1000' } })]
      : [page('/blog/a'), page('/pricing')];
  return { body: beacon(events, { vid, sid: `s-${vid}` }), ids: events.map((e) => e.id) };
}

/** Sends beacons from `concurrency` loops until `stop()`; collects the ids answered 202. */
function load(url: string, concurrency: number) {
  const acknowledged: string[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) {
      const { body, ids } = nextBeacon(n++);
      try {
        const res = await fetch(`${url}/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: DEMO_ORIGIN }, body: JSON.stringify(body) });
        if (res.status === 202) acknowledged.push(...ids);
        else await res.body?.cancel();
      } catch {
        // Killed mid-request: not acknowledged, so not promised.
      }
    }
  });
  return { acknowledged, stop: async () => ((running = false), await Promise.all(loops)) };
}

const exited = (child: ChildProcess) => new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))));

describe('no acknowledged event is lost', () => {
  it('keeps every event answered 202 through 10 kill -9 under load, exactly once, with webhook deliveries', async () => {
    const dbPath = join(dir, 'crash.db');
    const configPath = childConfig();
    const acknowledged: string[] = [];
    for (let kill = 0; kill < 10; kill++) {
      const { child, url } = await startChild(dbPath, configPath);
      const traffic = load(url, 6);
      await new Promise((done) => setTimeout(done, 150 + Math.random() * 500));
      child.kill('SIGKILL');
      await exited(child);
      await traffic.stop();
      acknowledged.push(...traffic.acknowledged);
    }
    expect(acknowledged.length).toBeGreaterThan(100);

    const db = new Database(dbPath, { readonly: true });
    const stored = db.prepare('select id, count(*) as n from events group by site, id').all() as { id: string; n: number }[];
    const storedIds = new Set(stored.map((row) => row.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(stored.filter((row) => row.n !== 1)).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every lead that qualified has its webhook delivery waiting in the outbox.
    const mqls = db.prepare("select id from leads where status = 'mql'").pluck().all() as string[];
    const queued = new Set(db.prepare('select lead_id from outbox').pluck().all() as string[]);
    expect(mqls.length).toBeGreaterThan(0);
    expect(mqls.filter((id) => !queued.has(id))).toEqual([]);
    console.log(`crash test: 10 kill -9, ${acknowledged.length} events acknowledged, ${acknowledged.filter((id) => !storedIds.has(id)).length} lost, ${mqls.length} MQL webhooks queued`);
    db.close();
  }, 120_000);
});

describe('shutdown and start-up', () => {
  it('stops gracefully on SIGTERM: in-flight beacons finish, the database is closed cleanly', async () => {
    const dbPath = join(dir, 'graceful.db');
    const { child, url } = await startChild(dbPath, childConfig());
    const traffic = load(url, 4);
    await new Promise((done) => setTimeout(done, 300));
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    await traffic.stop();
    // A clean close checkpoints the WAL away.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const db = new Database(dbPath, { readonly: true });
    const stored = new Set(db.prepare('select id from events').pluck().all() as string[]);
    expect(traffic.acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    db.close();
  });

  it('refuses to start with a broken config, naming the JSON path', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ sites: [{ id: 'demo', origins: ['not an origin'] }] }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-demo'], {
      env: { ...process.env, PORT: '0', TELLS_DB: join(dir, 'never.db'), TELLS_CONFIG: bad },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c));
    child.stderr!.on('data', (c: Buffer) => (output += c));
    expect(await exited(child)).toBe(1);
    expect(output).toContain('sites[0].origins[0]');
    expect(output).not.toContain('Collector');
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });
});
