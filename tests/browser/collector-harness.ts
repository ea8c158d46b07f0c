/**
 * A stand-in collector for the tracker's browser tests: serves the built tracker files and records
 * what `POST /collect` receives, answering like the real one (`202 {accepted, duplicates,
 * rejected}`, an event id stored once, CORS for cross-origin pages). It stays a stand-in on
 * purpose: those tests check what the tracker *sends* — every arrival, repeats included, with its
 * envelope (`vid`, `sid`, `ft`, `gpc`) — which the real collector folds away (a repeat is only a
 * count in its answer). The real collector, end to end, is in journeys.test.ts (see stack.ts).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { envelopeSchema, eventSchema, type WireEvent } from '../../shared/wire.ts';
import { DIST } from '../../tracker/build.ts';

/** One event as it arrived, with the envelope fields it came in. */
export type Received = WireEvent & { vid: string; sid: string; gpc?: boolean; ft?: Record<string, string> };

export interface TestCollector {
  /** Origin to put in the script tag: `${url}/t.js`. */
  url: string;
  port: number;
  /** Every event received, duplicates (same id) included, in order of arrival. */
  received(): Received[];
  /** Events stored: each id once, first arrival wins. */
  events(): Received[];
  close(): Promise<void>;
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type' };

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((done, fail) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => done(s));
    req.on('error', fail);
  });

/** Starts the stand-in on 127.0.0.1, on a free port. */
export async function startTestCollector(): Promise<TestCollector> {
  const received: Received[] = [];
  const stored = new Map<string, Received>();
  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'GET' && ['/t.js', '/ext.js', '/vitals.js'].includes(path)) {
        const js = await readFile(join(DIST, path.slice(1)));
        res.writeHead(200, { 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(js);
      } else if (req.method === 'OPTIONS' && path === '/collect') {
        res.writeHead(204, CORS).end();
      } else if (req.method === 'POST' && path === '/collect') {
        const parsed = envelopeSchema.safeParse(JSON.parse(await bodyOf(req)));
        if (!parsed.success) {
          res.writeHead(400, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'bad_request', message: parsed.error.message } }));
          return;
        }
        const { events, ...env } = parsed.data;
        let accepted = 0;
        let duplicates = 0;
        let rejected = 0;
        for (const raw of events) {
          const e = eventSchema.safeParse(raw);
          if (!e.success) {
            rejected++;
            continue;
          }
          const r = { ...e.data, vid: env.vid, sid: env.sid, gpc: env.gpc, ft: env.ft } as Received;
          received.push(r);
          if (stored.has(r.id)) duplicates++;
          else stored.set(r.id, r), accepted++;
        }
        res.writeHead(202, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ accepted, duplicates, rejected }));
      } else res.writeHead(404).end();
    } catch {
      res.writeHead(500, CORS).end();
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received: () => [...received],
    events: () => [...stored.values()],
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
