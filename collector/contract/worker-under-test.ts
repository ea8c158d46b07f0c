/**
 * The Worker the contract suite runs in workerd: the production handlers from worker.ts, plus
 * test-only routes under /__test/ that the production entry does not have — a clock the tests
 * set, SQL on the same D1 binding the collector uses (quicker than Miniflare's proxy), a reset
 * (fresh database, fresh collector, as the Node target restarts its server), and the store
 * scenarios run on the D1 store.
 */
import type { D1Database, ExportedHandler, Response as WorkerResponse } from '@cloudflare/workers-types/latest';
import { createD1Store } from '../src/db/d1-store.ts';
import type { QueuedBeacon } from '../src/deps.ts';
import { workerHandler, type WorkerEnv } from '../src/worker.ts';
import { storeScenarios } from './store-scenarios.ts';

const clock = { now: Date.now() };
/** Rebuilt on reset, so that nothing held in memory (rate-limit buckets) leaks between tests. */
let production = workerHandler(() => clock.now);

const json = (body: unknown, status = 200) => Response.json(body, { status }) as unknown as WorkerResponse;

/** Drops every table and runs the migrations' statements: an empty, migrated database. */
async function recreate(db: D1Database, migrations: string[]): Promise<void> {
  const { results } = await db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'")
    .all<{ name: string }>();
  const statements = [...results.map(({ name }) => `drop table if exists "${name}"`), ...migrations];
  await db.batch(statements.map((statement) => db.prepare(statement)));
}

export default {
  scheduled: (controller, env, ctx) => production.scheduled!(controller, env, ctx),
  queue: (batch, env, ctx) => production.queue!(batch, env, ctx),
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith('/__test/')) return production.fetch!(request, env, ctx);
    try {
      if (pathname === '/__test/clock') {
        clock.now = Number(await request.text());
        return json({ now: clock.now });
      }
      if (pathname === '/__test/sql') {
        const { query, params } = await request.json<{ query: string; params: unknown[] }>();
        return json((await env.DB.prepare(query).bind(...params).all()).results);
      }
      if (pathname === '/__test/store-scenarios') return json(await storeScenarios(createD1Store(env.DB)));
      if (pathname === '/__test/reset') {
        const { migrations, now } = await request.json<{ migrations: string[]; now: number }>();
        await recreate(env.DB, migrations);
        clock.now = now;
        production = workerHandler(() => clock.now);
        return json({ now });
      }
      return json({ error: 'no such test route' }, 404);
    } catch (err) {
      return json({ error: String(err) }, 500);
    }
  },
} satisfies ExportedHandler<WorkerEnv, QueuedBeacon>;
