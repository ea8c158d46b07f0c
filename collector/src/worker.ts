/**
 * The Workers entry: the same `createCollector` as Node, over D1. It builds the deps — D1 through
 * drizzle, the config bundled at build time (or the TELLS_CONFIG_JSON secret), the TELLS_API_KEY
 * secret, `cf-connecting-ip`, the tracker bundled as text, `waitUntil` for work after the answer —
 * and serves `fetch`; cron triggers (`scheduled`) send due webhooks and purge expired events; in
 * queue mode the `queue` consumer writes and scores the beacons the edge validated.
 */
import type {
  ExportedHandler,
  Queue,
  Request as WorkerRequest,
  Response as WorkerResponse,
} from '@cloudflare/workers-types/latest';
import bundledConfig from '../../tells.config.json';
import extJs from '../../tracker/dist/ext.js';
import trackerJs from '../../tracker/dist/t.js';
import vitalsJs from '../../tracker/dist/vitals.js';
import { createCollector, type Collector } from './app.ts';
import { ConfigError, parseConfig, parseConfigText, type TellsConfig } from './config.ts';
import { createD1Store } from './db/d1-store.ts';
import type { Asset, Deps, QueuedBeacon, RateLimitRule } from './deps.ts';
import type { Limiter } from './http/rate-limit.ts';
import { CRONS } from './worker-crons.ts';

/**
 * `Env` is generated from wrangler.toml (`npm run cf-typegen`); secrets and the queue binding,
 * which wrangler.toml does not declare by default, are added here.
 */
export type WorkerEnv = Env & {
  /** The admin bearer key: `npx wrangler secret put TELLS_API_KEY`. */
  TELLS_API_KEY?: string;
  /** The whole config as JSON, replacing the tells.config.json bundled at build time. */
  TELLS_CONFIG_JSON?: string;
  /** Queue mode's producer (wrangler.toml, `[[queues.producers]]`). */
  INGEST_QUEUE?: Queue<QueuedBeacon>;
};

const JS = 'application/javascript; charset=utf-8';
const TRACKER: Record<string, Asset> = {
  't.js': { body: trackerJs, contentType: JS },
  'ext.js': { body: extJs, contentType: JS },
  'vitals.js': { body: vitalsJs, contentType: JS },
};

function logJobError(err: unknown) {
  console.error('[tells] background job failed', err);
}

/** The config: TELLS_CONFIG_JSON when set, else the bundled tells.config.json. Throws ConfigError. */
export function workerConfig(env: WorkerEnv): TellsConfig {
  return env.TELLS_CONFIG_JSON
    ? parseConfigText(env.TELLS_CONFIG_JSON, 'TELLS_CONFIG_JSON')
    : parseConfig(bundledConfig, 'tells.config.json (bundled)');
}

/** Queue mode's producer when TELLS_INGEST_MODE is "queue"; throws ConfigError if it is unbound. */
function enqueueFor(env: WorkerEnv): Deps['enqueue'] {
  if (env.TELLS_INGEST_MODE !== 'queue') return undefined;
  const queue = env.INGEST_QUEUE;
  if (!queue) throw new ConfigError('TELLS_INGEST_MODE is "queue" but INGEST_QUEUE is not bound: uncomment [[queues.producers]] in wrangler.toml');
  return async (beacon) => void (await queue.send(beacon, { contentType: 'json' }));
}

/** A key nobody knows, standing in while TELLS_API_KEY is unset (the admin API is refused anyway). */
function unguessableKey(): string {
  return `unset-${crypto.randomUUID()}-${crypto.randomUUID()}`;
}

/**
 * The deps for a Worker's bindings. `now` is a parameter so that the contract suite's test entry
 * can move the clock; production passes `Date.now`.
 */
export function workerDeps(env: WorkerEnv, now: () => number): Deps {
  return {
    store: createD1Store(env.DB),
    config: workerConfig(env),
    apiKey: env.TELLS_API_KEY || unguessableKey(),
    now,
    clientIp: (c) => c.req.header('cf-connecting-ip'),
    asset: async (name) => TRACKER[name],
    background: (c, task) => c.executionCtx.waitUntil(task().catch(logJobError)),
    enqueue: enqueueFor(env),
    limiter: (rule) => bindingLimiter(env[RATE_LIMIT_BINDINGS[rule]]),
  };
}

/** wrangler.toml's `[[ratelimits]]` binding for each rule; without one, a rule uses per-isolate buckets. */
const RATE_LIMIT_BINDINGS: Record<RateLimitRule, 'TELLS_LIMIT_INGEST_IP' | 'TELLS_LIMIT_INGEST_SITE' | 'TELLS_LIMIT_ADMIN'> = {
  ingestPerIp: 'TELLS_LIMIT_INGEST_IP',
  ingestPerSite: 'TELLS_LIMIT_INGEST_SITE',
  adminPerKey: 'TELLS_LIMIT_ADMIN',
};

/** The Rate Limiting binding as a Limiter: its counters are shared across isolates in a location. */
function bindingLimiter(binding: RateLimit | undefined): Limiter | undefined {
  if (!binding) return undefined;
  // The binding says only yes or no; its shortest period is 10 s, so that is when to retry.
  return async (key) => ((await binding.limit({ key })).success ? { ok: true } : { ok: false, retryAfter: 10 });
}

function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): WorkerResponse {
  return Response.json({ error: { code, message } }, { status, headers }) as unknown as WorkerResponse;
}

const isAdminPath = (request: WorkerRequest) => /^\/api(\/|$)/.test(new URL(request.url).pathname);

/**
 * The Worker's handlers around one collector per isolate (built on the first event, so that the
 * scoring rules are compiled once, not per request).
 */
export function workerHandler(now: () => number): ExportedHandler<WorkerEnv, QueuedBeacon> {
  const built = new WeakMap<WorkerEnv, Collector | ConfigError>();
  const collectorFor = (env: WorkerEnv): Collector | ConfigError => {
    let collector = built.get(env);
    if (!collector) {
      try {
        collector = createCollector(workerDeps(env, now));
        if (!env.TELLS_API_KEY) {
          console.error('[tells] TELLS_API_KEY is not set: every /api request is refused with 401. Set it: npx wrangler secret put TELLS_API_KEY');
        }
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        console.error(`[tells] not serving: ${err.message}`);
        collector = err;
      }
      built.set(env, collector);
    }
    return collector;
  };

  return {
    async fetch(request, env, ctx) {
      const collector = collectorFor(env);
      if (collector instanceof ConfigError) {
        return errorResponse(503, 'misconfigured', 'The collector is misconfigured; the Worker logs say why');
      }
      if (!env.TELLS_API_KEY && isAdminPath(request)) {
        return errorResponse(401, 'unauthorized', 'The admin API is off: TELLS_API_KEY is not set on this Worker (npx wrangler secret put TELLS_API_KEY)', {
          'WWW-Authenticate': 'Bearer realm="tells"',
        });
      }
      // Workers' and the DOM's Request/Response types differ only on paper.
      const response = await collector.app.fetch(request as unknown as Request, env, ctx);
      return response as unknown as WorkerResponse;
    },

    async scheduled(controller, env) {
      const collector = collectorFor(env);
      if (collector instanceof ConfigError) return;
      if (controller.cron === CRONS.retention) await collector.purgeExpired();
      else await collector.deliverWebhooks();
    },

    async queue(batch, env, ctx) {
      const collector = collectorFor(env);
      if (collector instanceof ConfigError) return batch.retryAll();
      if (await collector.consumeBeacons(batch.messages)) ctx.waitUntil(collector.deliverWebhooks().catch(logJobError));
    },
  };
}

export default workerHandler(Date.now) satisfies ExportedHandler<WorkerEnv, QueuedBeacon>;
