/**
 * The Cloudflare side of the build, offline: the production Worker bundles (so a change that
 * breaks it fails CI) within its size budget, wrangler applies the migrations folder the Node
 * collector uses, and the committed `Env` types match wrangler.toml.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRONS } from '../src/worker-crons.ts';
import { bundleWorker, ROOT, wrangler, type WorkerBundle } from './bundle.ts';
import { KNOWN_GAPS } from './known-gaps.ts';
import { TRACKER_FILES } from './tracker-dist.ts';

/**
 * Gzipped bytes the Worker may upload. Cloudflare allows 3 MB on the Free plan and 10 MB on paid
 * plans (https://developers.cloudflare.com/workers/platform/limits/#worker-size); this budget
 * catches a dependency that balloons the bundle, and its startup time, long before that.
 */
export const WORKER_GZIP_BUDGET = 400 * 1024;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe('the production Worker bundle (wrangler deploy --dry-run)', () => {
  let bundle: WorkerBundle;
  beforeAll(async () => {
    bundle = await bundleWorker('.wrangler/dry-run');
    console.log(`Worker bundle: ${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip (budget ${kib(WORKER_GZIP_BUDGET)})`);
  });

  it('builds within its size budget', () => {
    expect(bundle.gzipBytes).toBeLessThanOrEqual(WORKER_GZIP_BUDGET);
  });

  it('carries the tracker files as text modules and nothing of the Node entry', () => {
    expect(bundle.textModules.map((file) => file.replace(/^[0-9a-f]+-/, '')).sort()).toEqual([...TRACKER_FILES].sort());
    const code = readFileSync(join(bundle.dir, bundle.main), 'utf8');
    expect(code).not.toMatch(/better-sqlite3|@hono\/node-server|node:fs/);
  });
});

// Independent wrangler runs: concurrently, to keep the suite quick.
describe.concurrent('wrangler and the shared configuration', () => {
  const persist = mkdtempSync(join(tmpdir(), 'tells-d1-'));
  afterAll(() => rmSync(persist, { recursive: true, force: true }));

  it('applies collector/migrations to D1 with `wrangler d1 migrations apply`', async () => {
    await wrangler(['d1', 'migrations', 'apply', 'tells', '--local', '--persist-to', persist]);
    // Local D1 is a SQLite file; read it directly.
    const dir = join(persist, 'v3/d1/miniflare-D1DatabaseObject');
    const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
    const db = new Database(join(dir, file!), { readonly: true });
    try {
      const tables = db.prepare("select name from sqlite_master where type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['accounts', 'events', 'leads', 'outbox', 'transitions', 'visitors']));
      const files = readdirSync(join(ROOT, 'collector/migrations')).filter((name) => name.endsWith('.sql')).sort();
      expect(db.prepare('select name from d1_migrations order by id').pluck().all()).toEqual(files);
    } finally {
      db.close();
    }
  }, 90_000);

  it('declares the cron triggers the Worker handles', () => {
    const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
    const crons = /^crons\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '';
    expect([...crons.matchAll(/"([^"]+)"/g)].map((m) => m[1])).toEqual(Object.values(CRONS));
  });

  it('lists every known gap between the runtimes in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(KNOWN_GAPS.filter((gap) => !readme.includes(`| ${gap.behaviour} |`)).map((gap) => gap.behaviour)).toEqual([]);
  });

  it('keeps worker-configuration.d.ts in step with wrangler.toml (else: npm run cf-typegen)', async () => {
    await expect(wrangler(['types', '--include-runtime=false', '--strict-vars=false', '--check'])).resolves.toBeDefined();
  }, 90_000);
});
