/**
 * Bundles a Worker exactly as `npm run deploy` does — `wrangler deploy --dry-run` with
 * wrangler.toml's rules — without an account or the network, and measures the upload.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ensureTrackerBuilt } from './tracker-dist.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** Runs wrangler offline: no banner (its update check), no metrics, no prompts. */
export function wrangler(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      WRANGLER_LOG_PATH: join(ROOT, '.wrangler/logs'),
      CI: 'true',
      NO_COLOR: '1',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface WorkerBundle {
  dir: string;
  /** The bundled entry module, relative to `dir`. */
  main: string;
  /** The text modules wrangler split out (the tracker files), relative to `dir`. */
  textModules: string[];
  /** What `wrangler deploy` uploads: every module, raw and gzipped (source maps excluded). */
  rawBytes: number;
  gzipBytes: number;
}

/**
 * `wrangler deploy [entry] --dry-run --outdir <outdir>`: the production entry from wrangler.toml
 * when `entry` is omitted, else `entry` with the same configuration.
 */
export async function bundleWorker(outdir: string, entry?: string): Promise<WorkerBundle> {
  await ensureTrackerBuilt();
  const dir = join(ROOT, outdir);
  rmSync(dir, { recursive: true, force: true });
  await wrangler(['deploy', ...(entry ? [entry] : []), '--dry-run', '--outdir', outdir]);
  const modules = readdirSync(dir).filter((file) => file.endsWith('.js'));
  const main = modules.find((file) => !/^[0-9a-f]{40}-/.test(file));
  if (!main) throw new Error(`no entry module in ${dir}: ${modules.join(', ')}`);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of modules) {
    rawBytes += statSync(join(dir, file)).size;
    gzipBytes += gzipSync(readFileSync(join(dir, file))).length;
  }
  return { dir, main, textModules: modules.filter((file) => file !== main), rawBytes, gzipBytes };
}
