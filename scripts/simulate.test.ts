import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePublicFile } from '../demo-site/server.ts';
import { envelopeSchema, eventSchema, PROFILE_FIELDS, type Envelope } from '../shared/wire.ts';
import {
  createRng,
  generateVisitor,
  PAGE_TITLES,
  parseAccountsCsv,
  PERSONAS,
  runSimulation,
  visitorSeed,
  type GeneratorOptions,
  type SimulatedVisitor,
} from './simulate.ts';

const ACCOUNTS_CSV = readFileSync(fileURLToPath(new URL('../demo-site/accounts.csv', import.meta.url)), 'utf8');
const PUBLIC = fileURLToPath(new URL('../demo-site/public/', import.meta.url));
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const OPTS: GeneratorOptions = { site: 'demo', demoOrigin: 'http://localhost:3000', now: NOW, accounts: parseAccountsCsv(ACCOUNTS_CSV) };

function population(seed: number, count: number): SimulatedVisitor[] {
  return Array.from({ length: count }, (_, i) => generateVisitor(createRng(visitorSeed(seed, i)), i, OPTS));
}
const visitors = population(7, 400);
const envelopes: Envelope[] = visitors.flatMap((v) => v.envelopes);
const events = envelopes.flatMap((e) => e.events);

describe('createRng', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(createRng(43).next()).not.toBe(createRng(42).next());
  });
});

describe('accounts.csv', () => {
  it('is a clean list of target accounts including Acme Logistics', () => {
    const accounts = parseAccountsCsv(ACCOUNTS_CSV);
    expect(ACCOUNTS_CSV.split('\n')[0]).toBe('domain,name,industry,employees,revenue,country,tier');
    expect(accounts.length).toBeGreaterThanOrEqual(25);
    for (const a of accounts) {
      expect(a.domain).toMatch(/^[a-z0-9-]+\.example$/);
      expect(a.name).not.toBe('');
      expect(Number.isInteger(a.employees) && a.employees > 0).toBe(true);
      expect(Number.isInteger(a.revenue) && a.revenue > 0).toBe(true);
      expect(a.country).toMatch(/^[A-Z]{2}$/);
      expect(['tier1', 'tier2', 'tier3', 'customer']).toContain(a.tier);
    }
    expect(new Set(accounts.map((a) => a.domain)).size).toBe(accounts.length);
    expect(accounts.find((a) => a.domain === 'acme-logistics.example')).toMatchObject({
      name: 'Acme Logistics', industry: 'Logistics', employees: 1200, country: 'US', tier: 'tier1',
    });
  });
});

describe('generateVisitor', () => {
  it('produces envelopes and events valid against the wire schema', () => {
    for (const envelope of envelopes) {
      const parsed = envelopeSchema.safeParse(envelope);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    for (const event of events) {
      const parsed = eventSchema.safeParse(event);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('gives every event a unique id', () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('spreads timestamps over the last two weeks, never in the future', () => {
    const ts = events.map((e) => e.ts);
    expect(Math.max(...ts)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...ts)).toBeGreaterThan(NOW - 16 * 86_400_000);
    expect(Math.min(...ts)).toBeLessThan(NOW - 10 * 86_400_000);
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(population(7, 50)).toEqual(visitors.slice(0, 50));
    expect(population(8, 50)).not.toEqual(visitors.slice(0, 50));
  });

  it('sends each visitor in time order, pageview before its engagement', () => {
    for (const v of visitors) {
      for (const vid of Object.keys(v.userAgents)) {
        const ts = v.envelopes.filter((e) => e.vid === vid).flatMap((e) => e.events.map((x) => x.ts));
        expect(ts).toEqual([...ts].sort((a, b) => a - b));
      }
    }
  });

  it('only visits pages of the demo site, with their real titles', async () => {
    const paths = new Set(events.map((e) => new URL(e.url).pathname));
    for (const path of paths) {
      const file = await resolvePublicFile(PUBLIC, path);
      expect(file, path).not.toBeNull();
      const html = readFileSync(file!, 'utf8');
      // The tour swaps document.title to the data-title of the tab it shows.
      const title = path.startsWith('/tour/')
        ? new RegExp(`data-tab="${path.split('/')[2]}" data-title="([^"]*)"`).exec(html)?.[1]
        : /<title>(.*?)<\/title>/.exec(html)?.[1];
      expect(PAGE_TITLES[path], path).toBe(title);
    }
    for (const e of events.filter((x) => x.type === 'pageview')) {
      expect(e.title).toBe(PAGE_TITLES[new URL(e.url).pathname]);
      expect(new URL(e.url).origin).toBe(OPTS.demoOrigin);
    }
  });

  it('follows the event conventions of the tracker', () => {
    const profileKeys = new Set<string>([...PROFILE_FIELDS, 'form', 'action']);
    for (const e of events) {
      if (e.type === 'engagement') {
        expect(Object.keys(e.props ?? {}).sort()).toEqual(['engagedMs', 'scrollPct']);
        expect(e.props?.scrollPct).toBeGreaterThanOrEqual(0);
        expect(e.props?.scrollPct).toBeLessThanOrEqual(100);
      }
      if (e.type === 'download') expect(String(e.props?.href)).toMatch(/^http:\/\/localhost:3000\/resources\/[a-z0-9-]+\.pdf$/);
      if (e.type === 'form_submit') {
        expect(['demo-request', 'contact-sales', 'newsletter']).toContain(e.props?.form);
        expect(e.props?.action).toBe({ 'demo-request': '/demo/thanks', 'contact-sales': '/contact/thanks', newsletter: '/newsletter/thanks' }[String(e.props?.form)]);
        for (const key of Object.keys(e.props ?? {})) expect(profileKeys.has(key), key).toBe(true);
        expect(String(e.props?.email)).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/);
      }
      if (e.type === 'vitals') {
        expect(Object.keys(e.props ?? {}).sort()).toEqual(['name', 'rating', 'value']);
        expect(['good', 'needs-improvement', 'poor']).toContain(e.props?.rating);
      }
      if (e.type === 'identify') expect(Object.keys(e.props ?? {}).every((k) => PROFILE_FIELDS.includes(k as never))).toBe(true);
    }
  });

  it('covers every persona, with buyers at target accounts requesting demos', () => {
    const seen = new Set(visitors.map((v) => v.persona));
    expect([...seen].sort()).toEqual(Object.keys(PERSONAS).sort());
    const tier1 = new Set(OPTS.accounts.filter((a) => a.tier === 'tier1').map((a) => a.domain));
    const buyerDemos = visitors
      .filter((v) => v.persona === 'buyer')
      .flatMap((v) => v.envelopes.flatMap((e) => e.events))
      .filter((e) => e.type === 'form_submit' && e.props?.form === 'demo-request');
    expect(buyerDemos.length).toBeGreaterThan(5);
    expect(buyerDemos.some((e) => tier1.has(String(e.props?.email).split('@')[1] ?? ''))).toBe(true);
  });

  it('sends bots with a bot user agent, never the Node default', () => {
    for (const v of visitors) {
      for (const ua of Object.values(v.userAgents)) expect(ua).not.toMatch(/^(node|undici)/i);
      if (v.persona !== 'bot') {
        for (const ua of Object.values(v.userAgents)) expect(ua).toMatch(/^Mozilla\/5\.0 \((Macintosh|Windows|X11; Linux x86_64; rv|iPhone)/);
      }
    }
  });
});

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
