/**
 * The real collector for the tracker's browser tests (`createCollector` over a temp SQLite file,
 * served by @hono/node-server), with a recorder in front of it: `received()` is every event as it
 * arrived on the wire, repeats included, with its envelope (`vid`, `sid`, `ft`, `gpc`), and
 * `events()` is what the collector stored — so a test sees both what the tracker sent and that the
 * collector kept each event exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { envelopeSchema, eventSchema, type WireEvent } from '../../shared/wire.ts';
import { createCollector } from '../../collector/src/app.ts';
import { parseConfig } from '../../collector/src/config.ts';
import { openNodeStore } from '../../collector/src/db/node-store.ts';
import { readTrackerAsset } from '../../collector/src/node.ts';

/** One event as it arrived (or as stored), with the envelope fields it came in. */
export type Received = WireEvent & { vid: string; sid: string; gpc?: boolean; ft?: Record<string, string> };

export interface TestCollector {
  /** Origin to put in the script tag: `${url}/t.js`. */
  url: string;
  port: number;
  /** Every event received, duplicates (same id) included, in order of arrival. */
  received(): Received[];
  /** Events the collector stored, in order; the first touch is the visitor's. */
  events(): Received[];
  close(): Promise<void>;
}

const UNLIMITED = { burst: 1e6, perSecond: 1e6 };

/** Starts the collector on 127.0.0.1 for site `fixture`, accepting beacons from `origins`. */
export async function startTestCollector(origins: string[]): Promise<TestCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'tells-browser-'));
  const store = openNodeStore(join(dir, 'tells.db'));
  const config = parseConfig({
    sites: [{ id: 'fixture', origins }],
    // Headless Chromium is automation; these tests are about delivery, not bot handling.
    allowAutomation: true,
    limits: { ingestPerIp: UNLIMITED, ingestPerSite: UNLIMITED },
  });
  const { app } = createCollector({
    store,
    config,
    apiKey: 'browser-test-key-0123456789',
    now: Date.now,
    clientIp: () => '127.0.0.1',
    asset: readTrackerAsset,
    background: (_c, task) => void task(),
  });

  const received: Received[] = [];
  const record = (text: string) => {
    try {
      const envelope = envelopeSchema.safeParse(JSON.parse(text));
      if (!envelope.success) return;
      const { events, ...env } = envelope.data;
      for (const raw of events) {
        const event = eventSchema.safeParse(raw);
        if (event.success) received.push({ ...event.data, vid: env.vid, sid: env.sid, gpc: env.gpc, ft: env.ft } as Received);
      }
    } catch {
      // Not JSON: the collector answers it; nothing to record.
    }
  };
  const server: ServerType = await new Promise((ready) => {
    const s = serve(
      {
        fetch: async (request) => {
          if (request.method === 'POST' && new URL(request.url).pathname === '/collect') record(await request.clone().text());
          return app.fetch(request);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => ready(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const stored = store.sqlite.prepare(
    'select e.id, e.type, e.ts, e.url, e.ref, e.title, e.name, e.props, e.vid, e.sid, v.first_touch as ft from events e join visitors v on v.site = e.site and v.vid = e.vid order by e.seq',
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received: () => [...received],
    events: () =>
      (stored.all() as Record<string, unknown>[]).map((row) => {
        const event: Record<string, unknown> = { ...row, props: row.props ? JSON.parse(row.props as string) : undefined, ft: row.ft ? JSON.parse(row.ft as string) : undefined };
        for (const key of Object.keys(event)) if (event[key] === null) delete event[key];
        return event as Received;
      }),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          store.close();
          rmSync(dir, { recursive: true, force: true });
          done();
        });
        (server as import('node:http').Server).closeAllConnections();
      }),
  };
}
