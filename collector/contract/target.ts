/**
 * A running collector as the contract suite sees it, the same for every runtime: requests in,
 * responses out, a clock the test moves, and SQL on its database for storage assertions.
 * `node.test.ts` and `workerd.test.ts` each build targets and run every contract against them.
 */
import { API_KEY, ORIGIN } from '../src/test-support.ts';
import type { StoreScenarioResults } from './store-scenarios.ts';

export type Runtime = 'node' | 'workerd';

export interface Target {
  readonly runtime: Runtime;
  /** One HTTP request to the collector, as a browser or an API client sends it. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** What the collector takes as now (ms since the epoch). */
  readonly now: number;
  setNow(ms: number): Promise<void>;
  /** Runs SQL on the target's database: better-sqlite3 on Node, the D1 binding on workerd. */
  sql<Row = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<Row[]>;
  /** Runs `storeScenarios` inside the runtime, on its real store and database. */
  storeScenarios(): Promise<StoreScenarioResults>;
  /** The periodic job: Node's webhook retry timer, the Worker's cron trigger. */
  runCron(): Promise<void>;
  /** Runs `action` and answers what the collector logged with console.error meanwhile. */
  errorsLoggedDuring(action: () => Promise<unknown>): Promise<string[]>;
  /** An empty, freshly migrated database and the clock back at {@link START}. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Where every test's clock starts: 2 Nov 2026, 09:00 UTC (the fixtures' events are an hour older). */
export const START = Date.UTC(2026, 10, 2, 9);
export const DAY = 24 * 3600_000;

/** POST /collect as the tracker sends it (text/plain, from the site's origin). */
export function collect(t: Target, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return t.fetch('/collect', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An admin API call with the key (or another key, or none); answers the status and the JSON body. */
export async function api(t: Target, path: string, init: RequestInit & { key?: string | null } = {}): Promise<{ status: number; body: any }> {
  const { key = API_KEY, ...rest } = init;
  const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await t.fetch(path, { ...rest, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls `probe` until it answers something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}
