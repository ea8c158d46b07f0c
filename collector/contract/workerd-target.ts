/**
 * The workerd target: the production Worker code in workerd through Miniflare, with D1 bound as
 * `DB`. The Worker is `worker-under-test.ts` (worker.ts's handlers plus a settable clock),
 * bundled by `wrangler deploy --dry-run` with wrangler.toml's rules, and its database is
 * migrated by running the SQL files in collector/migrations through the D1 binding, as
 * `wrangler d1 migrations apply` does (worker-bundle.test.ts runs that command itself). One
 * workerd process serves every target of a test file, each its own Worker and D1 database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare, NoOpLog, type WorkerOptions } from 'miniflare';
import type { TellsConfig } from '../src/config.ts';
import { API_KEY } from '../src/test-support.ts';
import { CRONS } from '../src/worker-crons.ts';
import { bundleWorker, ROOT, type WorkerBundle } from './bundle.ts';
import { START, type Target } from './target.ts';

export interface WorkerdTargetOptions {
  config: TellsConfig;
  /** Queue mode: TELLS_INGEST_MODE = "queue" with a simulated Queue bound as INGEST_QUEUE. */
  queue?: boolean;
  /** Overrides of the vars and secrets (undefined leaves one unset). */
  env?: Record<string, string | undefined>;
  /** Requests per minute each Rate Limiting binding allows (default: more than any test sends). */
  rateLimit?: number;
}

const RATE_LIMIT_BINDINGS = ['TELLS_LIMIT_INGEST_IP', 'TELLS_LIMIT_INGEST_SITE', 'TELLS_LIMIT_ADMIN'];

export interface Workerd {
  target(name: string): Target;
  /** Fires one of the Worker's cron triggers. */
  scheduled(name: string, cron: string): Promise<void>;
  /** The bundle the targets run. */
  bundle: WorkerBundle;
  close(): Promise<void>;
}

/** The migrations, statement by statement, in file order (`NNNN_name.sql`, as wrangler applies them). */
function migrationStatements(): string[] {
  const dir = join(ROOT, 'collector/migrations');
  return readdirSync(dir)
    .filter((file) => /^\d{4}_.*\.sql$/.test(file))
    .sort()
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('--> statement-breakpoint'))
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/** compatibility_date and compatibility_flags from wrangler.toml, so tests run what deploys. */
function compatibility(): { compatibilityDate: string; compatibilityFlags: string[] } {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!date) throw new Error('wrangler.toml has no compatibility_date');
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  return { compatibilityDate: date, compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [] };
}

function definedOnly(vars: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Bundles the test Worker and starts workerd with one Worker (and one D1 database) per target. */
export async function openWorkerd(targets: Record<string, WorkerdTargetOptions>): Promise<Workerd> {
  const bundle = await bundleWorker('.wrangler/contract', 'collector/contract/worker-under-test.ts');
  const logs: { level: string; message: string }[] = [];
  let capturing = false;

  const workers: WorkerOptions[] = Object.entries(targets).map(([name, options]) => ({
    name,
    // Requests reach a target through Miniflare's router by host name (see `fetch` below).
    routes: [`${name}.tells.test/*`],
    ...compatibility(),
    modulesRoot: bundle.dir,
    modules: [
      { type: 'ESModule', path: join(bundle.dir, bundle.main) },
      ...bundle.textModules.map((file) => ({ type: 'Text' as const, path: join(bundle.dir, file) })),
    ],
    d1Databases: { DB: `tells-${name}` },
    ratelimits: Object.fromEntries(RATE_LIMIT_BINDINGS.map((binding) => [binding, { simple: { limit: options.rateLimit ?? 1e9, period: 60 } }])),
    bindings: definedOnly({
      TELLS_API_KEY: API_KEY,
      TELLS_CONFIG_JSON: JSON.stringify(options.config),
      TELLS_INGEST_MODE: options.queue ? 'queue' : 'direct',
      ...options.env,
    }),
    ...(options.queue && {
      queueProducers: { INGEST_QUEUE: `tells-ingest-${name}` },
      // Short waits keep the tests quick; wrangler.toml's consumer waits longer.
      queueConsumers: { [`tells-ingest-${name}`]: { maxBatchSize: 100, maxBatchTimeout: 0.05, maxRetries: 10, retryDelay: 1 } },
    }),
  }));

  const mf = new Miniflare({
    workers,
    log: new NoOpLog(),
    structuredWorkerdLogs: true,
    handleStructuredLogs: (entry: { level: string; message: string }) => {
      logs.push(entry);
      // Unexpected errors show up in the test output; expected ones are captured by the test.
      if (entry.level === 'error' && !capturing) console.error(`[workerd] ${entry.message}`);
    },
  });
  await mf.ready;
  const migrations = migrationStatements();

  const scheduled = async (name: string, cron: string) => {
    // Fetcher.scheduled() exists in workerd; the published types leave it out.
    const fetcher = (await mf.getWorker(name)) as unknown as { scheduled(options: { cron: string }): Promise<{ outcome: string }> };
    const { outcome } = await fetcher.scheduled({ cron });
    if (outcome !== 'ok') throw new Error(`scheduled handler (${cron}): ${outcome}`);
  };

  const target = (name: string): Target => {
    const clock = { now: START };
    const origin = `http://${name}.tells.test`;
    /** A test-only route of worker-under-test.ts. */
    const testRoute = async <T>(route: string, body: unknown): Promise<T> => {
      const res = await mf.dispatchFetch(`${origin}/__test/${route}`, { method: 'POST', body: JSON.stringify(body) });
      const answer = (await res.json()) as T & { error?: string };
      if (res.status !== 200) throw new Error(`/__test/${route}: ${answer.error}`);
      return answer;
    };
    return {
      runtime: 'workerd',
      get now() {
        return clock.now;
      },
      // dispatchFetch, not getWorker().fetch: the latter refuses a cross-site Origin header.
      fetch: async (path, init) => (await mf.dispatchFetch(`${origin}${path}`, init as never)) as unknown as Response,
      setNow: async (ms) => {
        clock.now = (await testRoute<{ now: number }>('clock', ms)).now;
      },
      sql: (query, ...params) => testRoute('sql', { query, params }),
      storeScenarios: () => testRoute('store-scenarios', {}),
      runCron: () => scheduled(name, CRONS.webhooks),
      errorsLoggedDuring: async (action) => {
        const from = logs.length;
        capturing = true;
        try {
          await action();
          // workerd's output arrives over a pipe, shortly after the response.
          const deadline = Date.now() + 2000;
          while (!logs.slice(from).some((entry) => entry.level === 'error') && Date.now() < deadline) {
            await new Promise((wait) => setTimeout(wait, 10));
          }
          return logs.slice(from).filter((entry) => entry.level === 'error').map((entry) => entry.message);
        } finally {
          capturing = false;
        }
      },
      reset: async () => {
        clock.now = (await testRoute<{ now: number }>('reset', { migrations, now: START })).now;
      },
      close: async () => {},
    };
  };

  const made = new Map<string, Target>();
  return {
    bundle,
    scheduled,
    target: (name) => {
      if (!targets[name]) throw new Error(`no workerd target ${name}`);
      if (!made.has(name)) made.set(name, target(name));
      return made.get(name)!;
    },
    close: () => mf.dispose(),
  };
}
