/**
 * `npm run bench` (full, < ~15 min) and `npm run bench:quick` (< ~2 min): runs each phase in turn,
 * prints a compact table and writes bench/RESULTS.md (quick: bench/RESULTS-quick.md).
 * `--only a,b` runs some phases: ingest, batches, scoring, read-path, tracker, workers, memory, crash.
 * `--out file` writes the results there instead (a partial run should not replace RESULTS.md).
 * A phase that fails is reported as failed; the run goes on and always exits 0.
 */
import { join } from 'node:path';
import { batchesPhase } from './batches.ts';
import { crashPhase } from './crash.ts';
import { buildDataset, type Dataset } from './dataset.ts';
import { ingestPhase } from './ingest.ts';
import { machine, watchMachine, type Machine } from './machine.ts';
import { memoryPhase } from './memory.ts';
import { benchOptions } from './options.ts';
import { readPathPhase } from './read-path.ts';
import { consoleTable, writeResults, type RunInfo } from './report.ts';
import { failedPhase, type PhaseResult } from './result.ts';
import { scoringPhase } from './scoring.ts';
import { trackerPhase } from './tracker.ts';
import { withTempDir } from './workdir.ts';
import { workersPhase } from './workers.ts';

const argv = process.argv.slice(2);
const options = benchOptions(argv);
const onlyArg = argv[argv.indexOf('--only') + 1];
const only = argv.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : undefined;
const wanted = (id: string) => !only || only.has(id);
const outArg = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined;
const out = outArg ?? join(import.meta.dirname, options.quick ? 'RESULTS-quick.md' : 'RESULTS.md');

const started = performance.now();
const host: Machine = machine();
const phases: PhaseResult[] = [];
const noise: RunInfo['noise'] = {};

async function phase(id: string, title: string, run: () => Promise<PhaseResult>): Promise<void> {
  if (!wanted(id)) return;
  console.log(`\n▶ ${title}`);
  const watch = watchMachine();
  const phaseStarted = performance.now();
  let result: PhaseResult;
  try {
    result = await run();
  } catch (err) {
    console.error(err);
    result = failedPhase(id, title, err);
  }
  result.seconds = (performance.now() - phaseStarted) / 1000;
  noise[id] = watch();
  phases.push(result);
  for (const h of result.headlines) console.log(`  ${h.metric}: ${h.value} (${h.baseline}) ${h.ratio}${h.met === undefined ? '' : h.met ? ' ✓' : ' ✗'}`);
}

await phase('ingest', '1. Ingestion, single-event beacons', () => ingestPhase(options));
await phase('batches', '2. Ingestion, batches of 20 and 50 events', () => batchesPhase(options));
if (wanted('scoring') || wanted('read-path')) {
  await withTempDir('dataset', async (dir) => {
    let dataset: Dataset | undefined;
    const build = async () => {
      if (!dataset) {
        console.log(`  data set: ${options.dataset.events} events, ${options.dataset.visitors} visitors, ${options.dataset.leads} leads (load + rescoreAll)`);
        dataset = await buildDataset(join(dir, 'tells.db'), options.dataset);
      }
      return dataset;
    };
    await phase('scoring', '3. Scoring cost', async () => scoringPhase(options, await build()));
    await phase('read-path', '4. Read path at scale', async () => readPathPhase(options, await build()));
  });
}
await phase('tracker', '5. Tracker size and main-thread cost', () => trackerPhase(options));
await phase('workers', '6. Workers: CPU per beacon in workerd', () => workersPhase(options));
await phase('memory', '7. Memory', () => memoryPhase(options));
await phase('crash', '8. Crash: kill -9 under load', () => crashPhase(options));

const seconds = (performance.now() - started) / 1000;
writeResults(out, phases, {
  quick: options.quick,
  command: `npx tsx bench/run.ts${argv.length ? ` ${argv.join(' ')}` : ''}`,
  seconds,
  machine: host,
  noise,
  generalNotes: [
    'Servers under test run in child processes (`node --import tsx bench/servers/*.ts`), on 127.0.0.1 only; the load generator (autocannon, programmatic) runs in the parent process on the same 2 cores, and its CPU share is reported beside each load run. Every load run is bounded in time or request count; children are killed in `finally`.',
    'Collector config for every run: `allowAutomation: true` (autocannon and headless clients would otherwise be classified as bots and stored but never scored) and rate limits of 1,000,000 burst and per second on ingestion per IP, per site and admin per key, so neither the limiter (429s) nor the bot classifier distorts throughput. Everything else is the default config (default scoring rules).',
    'Each SQLite file is fresh, in the OS temp folder, opened by the collector exactly as `npm start` does (WAL, synchronous=NORMAL, migrated at open), and removed afterwards.',
  ],
});
console.log(`\n${consoleTable(phases)}\n\nWrote ${out} in ${(seconds / 60).toFixed(1)} min.`);
process.exit(0);
