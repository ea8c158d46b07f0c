import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/wire.ts';
import { readDemoAccountsCsv } from './accounts.ts';
import { runSimulation } from './run-simulation.ts';

const ACCOUNTS_CSV = readDemoAccountsCsv();
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);

describe('runSimulation', () => {
  interface Seen { method: string; url: string; headers: IncomingHttpHeaders; body: string }
  const seen: Seen[] = [];
  let url = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/api/accounts') return void res.writeHead(500).end('{"error":{"code":"boom","message":"down"}}');
      const n = (JSON.parse(body) as Envelope).events.length;
      // Every 10th beacon is rate-limited once, to exercise the retry.
      if (seen.length % 10 === 0) return void res.writeHead(429, { 'Retry-After': '0' }).end();
      res.writeHead(202, { 'Content-Type': 'application/json' }).end(JSON.stringify({ accepted: n, duplicates: 0, rejected: 0 }));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('imports accounts, then posts every beacon as text/plain from the demo origin', async () => {
    const lines: string[] = [];
    const progress: number[] = [];
    const summary = await runSimulation({
      collectorUrl: url,
      demoOrigin: 'http://localhost:3000',
      site: 'demo',
      visitors: 20,
      seed: 1,
      concurrency: 4,
      accountsCsv: ACCOUNTS_CSV,
      apiKey: 'k'.repeat(32),
      now: NOW,
      onProgress: (done) => progress.push(done),
      log: (line) => lines.push(line),
    });

    const put = seen.find((r) => r.url === '/api/accounts');
    expect(put).toMatchObject({ method: 'PUT', body: ACCOUNTS_CSV });
    expect(put?.headers.authorization).toBe(`Bearer ${'k'.repeat(32)}`);
    expect(put?.headers['content-type']).toBe('text/csv');
    expect(lines.join('\n')).toMatch(/import failed with 500/);

    const posts = seen.filter((r) => r.url === '/collect');
    for (const post of posts) {
      expect(post.method).toBe('POST');
      expect(post.headers['content-type']).toBe('text/plain;charset=UTF-8');
      expect(post.headers.origin).toBe('http://localhost:3000');
      expect(post.headers['user-agent']).toMatch(/\S/);
    }
    expect(summary.visitors).toBe(20);
    expect(progress.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(summary.retries).toBeGreaterThan(0);
    expect(posts.length).toBe(summary.beacons + summary.retries);
    expect(summary.accepted).toBe(summary.events);
    expect(summary.failures).toEqual({});
  });
});
