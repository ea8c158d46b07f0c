/**
 * Shared fixtures for the collector's tests: a real SQLite file in a temp folder behind the
 * real app, and beacon builders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { parseConfig, type TellsConfig } from './config.ts';
import { openNodeStore, type NodeStore } from './db/node-store.ts';

export const API_KEY = 'test-admin-key-0123456789';
export const ORIGIN = 'https://www.example.com';

/**
 * Tests send from node, which `isbot` rightly calls a bot, and from one address at machine speed;
 * bot handling and rate limits have their own tests.
 */
export const testConfig: TellsConfig = parseConfig({
  sites: [{ id: 'demo', origins: [ORIGIN] }],
  allowAutomation: true,
  limits: { ingestPerIp: { burst: 1e6, perSecond: 1e6 }, adminPerKey: { burst: 1e6, perSecond: 1e6 } },
});

export interface TestCollector {
  app: ReturnType<typeof createApp>;
  store: NodeStore;
  clock: { now: number };
  close(): void;
}

/** The real app over a fresh SQLite file; `clock.now` is what the app sees as now. */
export function testCollector(config: TellsConfig = testConfig): TestCollector {
  const dir = mkdtempSync(join(tmpdir(), 'tells-test-'));
  const store = openNodeStore(join(dir, 'tells.db'));
  const clock = { now: Date.UTC(2026, 10, 2, 9) };
  const app = createApp({
    store,
    config,
    apiKey: API_KEY,
    now: () => clock.now,
    clientIp: () => '127.0.0.1',
    background: (_c, task) => void task(),
    groupCommit: setImmediate,
    asset: async (name) => (name === 't.js' ? { body: '/*t*/', contentType: 'application/javascript; charset=utf-8' } : undefined),
  });
  return {
    app,
    store,
    clock,
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A valid event; override any field. */
export function event(overrides: Record<string, unknown> = {}) {
  counter++;
  return { id: `ev-${counter}-${Math.random().toString(36).slice(2, 8)}`, type: 'pageview', ts: Date.UTC(2026, 10, 2, 8), url: 'https://www.example.com/pricing', title: 'Pricing', ...overrides };
}

/** A valid envelope around the given events. */
export function beacon(events: unknown[], overrides: Record<string, unknown> = {}) {
  return { v: 1, site: 'demo', vid: 'visitor-1', sid: 'session-1', events, ...overrides };
}

/** POST /collect with a JSON-serialised body. */
export function collect(app: TestCollector['app'], body: unknown, headers: Record<string, string> = {}) {
  return app.request('/collect', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
