/**
 * The Node entry: builds the deps (a better-sqlite3 file, the config file, the clock, the socket's
 * IP) and serves `createApp` with @hono/node-server.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createCollector } from './app.ts';
import { parseConfigText, type TellsConfig } from './config.ts';
import { openNodeStore, type NodeStore } from './db/node-store.ts';
import { checkpointInBackground } from './db/wal-checkpointer.ts';

const WEBHOOK_RETRY_MS = 15_000;
const RETENTION_EVERY_MS = 3600_000;
const SHUTDOWN_GRACE_MS = 5_000;

function logJobError(err: unknown) {
  console.error('[tells] background job failed', err);
}

const TRACKER_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../tracker/dist');

export interface NodeCollectorOptions {
  /** SQLite file (created and migrated if needed). */
  dbPath: string;
  config: TellsConfig;
  apiKey: string;
  port?: number;
  host?: string;
  now?: () => number;
}

export interface RunningCollector {
  url: string;
  port: number;
  store: NodeStore;
  /** Sends the webhook deliveries that are due now (what the retry timer runs). */
  deliverWebhooks(): Promise<number>;
  /** Stops accepting, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** Reads and validates the config file; throws ConfigError naming the bad JSON path. */
export function loadConfigFile(path: string): TellsConfig {
  return parseConfigText(readFileSync(path, 'utf8'), path);
}

/**
 * The admin key: TELLS_API_KEY when set, else the one kept in the data folder, generated on
 * first start (readable by the owner only).
 */
export function resolveApiKey(envKey: string | undefined, dataDir: string): { key: string; generated: boolean } {
  if (envKey) return { key: envKey, generated: false };
  const file = join(dataDir, 'admin-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false };
  const key = `tells_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}

/** A built tracker file from tracker/dist, read on each request so a rebuild shows at once. */
export async function readTrackerAsset(name: string) {
  try {
    return { body: await readFile(join(TRACKER_DIST, name), 'utf8'), contentType: 'application/javascript; charset=utf-8' };
  } catch {
    return undefined;
  }
}

/** Opens the database and serves the collector; resolves once it listens. */
export async function startCollector(options: NodeCollectorOptions): Promise<RunningCollector> {
  const store = openNodeStore(options.dbPath);
  const checkpointer = store.sqlite.memory ? undefined : checkpointInBackground(store.sqlite);
  const { app, deliverWebhooks, purgeExpired } = createCollector({
    store,
    config: options.config,
    apiKey: options.apiKey,
    now: options.now ?? Date.now,
    clientIp: (c) => getConnInfo(c).remote.address,
    asset: readTrackerAsset,
    background: (_c, task) => void task().catch(logJobError),
    groupCommit: setImmediate,
  });
  // Retries of webhook deliveries that failed, and any left by a previous run.
  const retries = setInterval(() => void deliverWebhooks().catch(logJobError), WEBHOOK_RETRY_MS);
  const purge = () => void purgeExpired().catch(logJobError);
  const retention = setInterval(purge, RETENTION_EVERY_MS);
  retries.unref();
  retention.unref();
  purge();
  // While closing, answer what is in flight and ask keep-alive clients to hang up.
  let closing = false;
  const serveUntilClosed = async (request: Request, env: unknown) => {
    const response = await app.fetch(request, env);
    if (closing) response.headers.set('connection', 'close');
    return response;
  };
  const host = options.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: serveUntilClosed, port: options.port ?? 8787, hostname: host }, () => ready(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    store,
    deliverWebhooks,
    close: () =>
      new Promise<void>((done) => {
        closing = true;
        clearInterval(retries);
        clearInterval(retention);
        server.close(async () => {
          await checkpointer?.stop();
          store.close();
          done();
        });
        const http = server as Server;
        http.closeIdleConnections();
        // A client that keeps its connection busy past the grace period is cut off.
        setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      }),
  };
}
