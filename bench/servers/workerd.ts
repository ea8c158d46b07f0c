/**
 * The production Worker (collector/src/worker.ts, bundled exactly as `npm run deploy` bundles it,
 * by collector/contract/bundle.ts) in workerd through Miniflare, with a local D1 database migrated
 * from collector/migrations. Announces its URL and the workerd process id, whose CPU time the
 * parent reads.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Miniflare, NoOpLog } from 'miniflare';
import { bundleWorker, ROOT } from '../../collector/contract/bundle.ts';
import { BENCH_API_KEY, benchConfig } from '../config.ts';
import { childrenOf } from '../proc.ts';
import { migrationStatements } from '../raw-insert.ts';
import { connectProfiler } from './isolate-profiler.ts';
import { serveIpc } from './ipc.ts';

function compatibility(): { compatibilityDate: string; compatibilityFlags: string[] } {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? '2026-04-01';
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  return { compatibilityDate: date, compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [] };
}

/** A port nobody listens on now, for workerd's inspector. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

const bundle = await bundleWorker('.wrangler/bench');
const inspectorPort = await freePort();
const mf = new Miniflare({
  name: 'tells',
  ...compatibility(),
  modulesRoot: bundle.dir,
  modules: [
    { type: 'ESModule', path: join(bundle.dir, bundle.main) },
    ...bundle.textModules.map((file) => ({ type: 'Text' as const, path: join(bundle.dir, file) })),
  ],
  d1Databases: { DB: 'tells-bench' },
  bindings: { TELLS_API_KEY: BENCH_API_KEY, TELLS_CONFIG_JSON: JSON.stringify(benchConfig), TELLS_INGEST_MODE: 'direct' },
  host: '127.0.0.1',
  port: 0,
  inspectorPort,
  log: new NoOpLog(),
});
const url = await mf.ready;
const db = await mf.getD1Database('DB');
await db.batch(migrationStatements().map((statement) => db.prepare(statement)));
const workerd = childrenOf(process.pid).find((child) => child.name.startsWith('workerd'));
// The isolate profile is extra evidence; without it the phase still reports the process CPU.
const profiler = await connectProfiler(inspectorPort, 'tells').catch((err: unknown) => {
  console.error('[bench] no isolate profiler:', err);
  return undefined;
});
serveIpc(
  { url: url.origin, workerdPid: workerd?.pid ?? null, bundleGzipBytes: bundle.gzipBytes },
  { 'profile-start': () => profiler?.start() ?? null, 'profile-stop': () => profiler?.stop() ?? null },
  async () => {
    profiler?.close();
    await mf.dispose();
  },
);
