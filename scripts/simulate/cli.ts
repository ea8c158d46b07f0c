/** The command line of `npm run simulate`: flags and environment in, a summary and exit code out. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../progress.ts';
import { readDemoAccountsCsv } from './accounts.ts';
import { runSimulation, type SimulationConfig, type SimulationSummary } from './run-simulation.ts';

/** The admin key: TELLS_API_KEY, else the file `npm start` writes beside the database. */
export function readAdminKey(env: NodeJS.ProcessEnv): string | undefined {
  if (env.TELLS_API_KEY?.trim()) return env.TELLS_API_KEY.trim();
  const file = join(dirname(env.TELLS_DB ?? './data/tells.db'), 'admin-key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

/** The report printed at the end of a run. */
export function formatSummary(s: SimulationSummary, config: Pick<SimulationConfig, 'seed' | 'collectorUrl'>, seconds: number): string {
  const failures = Object.entries(s.failures).map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
  const personas = Object.entries(s.personas).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `Simulated ${s.visitors} visitors in ${seconds.toFixed(1)} s (seed ${config.seed}) → ${config.collectorUrl}`,
    `  beacons     ${s.beacons}`,
    `  events      ${s.events}`,
    `  accepted    ${s.accepted}`,
    `  duplicates  ${s.duplicates}`,
    `  rejected    ${s.rejected}`,
    `  failures    ${failures}${s.retries ? ` (${s.retries} retries after 429)` : ''}`,
    `  personas    ${personas}`,
    '',
    `MQLs: curl -H "Authorization: Bearer <admin key>" ${config.collectorUrl}/api/mqls`,
  ].join('\n');
}

/** Runs `npm run simulate` with `args`; resolves to the exit code, rejects on a bad flag. */
export async function main(args: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      visitors: { type: 'string', default: '300' },
      site: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run simulate -- [--visitors 300] [--site demo] [--seed N] [--concurrency 8]\n' +
      'Env: COLLECTOR_URL (http://127.0.0.1:8787), DEMO_URL (http://localhost:3000), TELLS_API_KEY or TELLS_DB');
    return 0;
  }
  const visitors = Number(values.visitors);
  const concurrency = Number(values.concurrency);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(visitors) || visitors < 1 || visitors > 100_000) throw new Error('--visitors must be an integer 1..100000');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be an integer 1..64');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

  const collectorUrl = (process.env.COLLECTOR_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const demoOrigin = new URL(process.env.DEMO_URL ?? 'http://localhost:3000').origin;
  try {
    await fetch(`${collectorUrl}/health`);
  } catch (err) {
    console.error(`Cannot reach the collector at ${collectorUrl} (${(err as Error).message}). Is it running? Try: npm start`);
    return 1;
  }
  const config: SimulationConfig = {
    collectorUrl,
    demoOrigin,
    site: values.site ?? 'demo',
    visitors,
    seed,
    concurrency,
    accountsCsv: readDemoAccountsCsv(),
    apiKey: readAdminKey(process.env),
    onProgress: progressBar(process.stderr, 'visitors'),
  };
  const started = performance.now();
  const summary = await runSimulation(config);
  console.log(formatSummary(summary, config, (performance.now() - started) / 1000));
  const failed = Object.values(summary.failures).reduce((sum, n) => sum + n, 0);
  return summary.beacons > 0 && failed === summary.beacons ? 1 : 0;
}
