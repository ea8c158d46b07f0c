/**
 * `EXPLAIN QUERY PLAN` for the SQL the admin API really runs: the app is driven in-process over
 * the data set while `prepare` is wrapped to record every statement and its parameters, so the
 * plans cannot drift from the code. A `SCAN <table>` without an index is a full table scan.
 */
import type Database from 'better-sqlite3';
import { createApp } from '../collector/src/app.ts';
import { openNodeStore } from '../collector/src/db/node-store.ts';
import { BENCH_API_KEY, BENCH_ORIGIN, benchConfig } from './config.ts';

export interface QueryPlan {
  request: string;
  sql: string;
  plan: string[];
  fullScans: string[];
  tempBTree: boolean;
}

interface Recorded {
  sql: string;
  params: unknown[];
}

/** Wraps `prepare` so each statement run is recorded; `explain` uses the unwrapped one. */
function record(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  let log: Recorded[] = [];
  const wrapped = new WeakSet<object>();
  sqlite.prepare = ((source: string) => {
    const stmt = prepare(source);
    if (!wrapped.has(stmt)) {
      wrapped.add(stmt);
      for (const method of ['all', 'get', 'run', 'iterate'] as const) {
        const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt);
        (stmt as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
          log.push({ sql: source, params });
          return original(...params);
        };
      }
    }
    return stmt;
  }) as typeof sqlite.prepare;
  return {
    take: () => {
      const taken = log;
      log = [];
      return taken;
    },
    explain: (sql: string, params: unknown[]) =>
      (prepare(`explain query plan ${sql}`).all(...params) as { id: number; parent: number; detail: string }[]),
  };
}

const FULL_SCAN = /^SCAN (\w+)(?!\w| USING)/;
const SUBQUERY = /^(?:CO-ROUTINE|MATERIALIZE) (\w+)$/;

/** Each distinct statement behind the requests, with its plan. Requests run against the file in-process. */
export async function explainRequests(file: string, requests: { label: string; method?: string; path: string; body?: string }[]): Promise<QueryPlan[]> {
  const store = openNodeStore(file);
  try {
    const recorder = record(store.sqlite);
    const app = createApp({
      store,
      config: benchConfig,
      apiKey: BENCH_API_KEY,
      now: Date.now,
      clientIp: () => '127.0.0.1',
      asset: async () => undefined,
      background: () => {},
    });
    const plans: QueryPlan[] = [];
    const seen = new Set<string>();
    for (const r of requests) {
      recorder.take();
      const res = await app.request(r.path, {
        method: r.method ?? 'GET',
        headers: { authorization: `Bearer ${BENCH_API_KEY}`, origin: BENCH_ORIGIN, 'content-type': 'text/plain' },
        ...(r.body ? { body: r.body } : {}),
      });
      if (res.status >= 400) throw new Error(`${r.label}: ${res.status} ${await res.text()}`);
      for (const { sql, params } of recorder.take()) {
        if (seen.has(sql) || /^\s*(insert|update|delete|begin|commit|savepoint|release)/i.test(sql)) continue;
        seen.add(sql);
        const plan = recorder.explain(sql, params).map((row) => row.detail);
        // A subquery's own rows (`CO-ROUTINE u`, `MATERIALIZE u`) are read whole by design: not a table.
        const subqueries = new Set(plan.map((line) => SUBQUERY.exec(line)?.[1]).filter(Boolean));
        const fullScans = plan.map((line) => FULL_SCAN.exec(line)?.[1]).filter((t): t is string => Boolean(t) && t !== 'json_each' && !subqueries.has(t));
        plans.push({ request: r.label, sql, plan, fullScans, tempBTree: plan.some((line) => line.includes('TEMP B-TREE')) });
      }
    }
    return plans;
  } finally {
    store.close();
  }
}
