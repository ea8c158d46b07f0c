/**
 * The real Node server: started the way `npm start` starts it, over a temp SQLite file,
 * talked to over real HTTP, and killed with SIGKILL to prove a 202 means committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** Starts `npm start`'s script as a child and resolves with the collector URL it prints. */
function startChild(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-demo'], {
    env: { ...process.env, PORT: '0', TELLS_DB: dbPath, TELLS_API_KEY: API_KEY, TELLS_CONFIG: 'tells.config.json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /Collector\s+(http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`collector exited early (${code}): ${out}`)));
  });
}

describe('durable acknowledgement', () => {
  it('keeps every acknowledged event after kill -9', async () => {
    const dbPath = join(dir, 'killed.db');
    const { child, url } = await startChild(dbPath);
    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i++) {
      const events = [event({ url: 'http://127.0.0.1:3000/pricing' }), event({ url: 'http://127.0.0.1:3000/' })];
      const res = await fetch(`${url}/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:3000' },
        body: JSON.stringify(beacon(events, { vid: `v${i}` })),
      });
      expect(res.status).toBe(202);
      acknowledged.push(...events.map((e) => e.id));
    }
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));

    const db = new Database(dbPath);
    const stored = new Set(db.prepare('select id from events').pluck().all() as string[]);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
