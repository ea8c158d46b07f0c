/**
 * Phase 1: single-event beacons. `POST /collect` on the Node collector (real SQLite file, WAL)
 * against a bare Hono "hello" server on @hono/node-server, same load, same run.
 * Target: ≥ 25% of bare Hono's requests/s with p99 < 30 ms.
 */
import { join } from 'node:path';
import { beaconFactory } from './beacons.ts';
import { startChild } from './child.ts';
import { profiledCollector, profilingArgs, startCollectorChild } from './collector-child.ts';
import { BENCH_ORIGIN } from './config.ts';
import { runLoad, type LoadRun } from './load.ts';
import { durableFloorRun, FLOOR_NAME } from './durable-floor.ts';
import { measureLayers } from './ingest-layers.ts';
import type { BenchOptions } from './options.ts';
import { table, type PhaseResult } from './result.ts';
import { fmt, pct } from './stats.ts';
import { withTempDir } from './workdir.ts';

const VISITORS = 500;

/** Warm-up, then the measured run, against one server. */
async function measure(options: BenchOptions, url: string, pid: number, body: () => string): Promise<LoadRun> {
  const base = { url, path: '/collect', body, headers: { origin: BENCH_ORIGIN }, connections: options.connections, serverPid: pid };
  await runLoad({ ...base, seconds: options.warmupSeconds });
  return runLoad({ ...base, seconds: options.loadSeconds });
}

export function loadRow(name: string, run: LoadRun): (string | number)[] {
  return [name, fmt(run.reqPerSec), fmt(run.p50, 1), fmt(run.p99, 1), fmt(run.requests), run.errors + run.non2xx, pct(run.serverCpu), pct(run.loadGenCpu)];
}

export const LOAD_HEADER = ['server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors + non-2xx', 'server CPU (of 1 core)', 'autocannon CPU (of 1 core)'];

/** A short extra run under `--cpu-prof`, summarised: where the collector's time goes. */
function profiledRun(options: BenchOptions): Promise<string> {
  return withTempDir('ingest-prof', (dir) =>
    profiledCollector(join(dir, 'tells.db'), async (collector) => {
      const load = { url: collector.ready.url, path: '/collect', body: beaconFactory(1, VISITORS).next, headers: { origin: BENCH_ORIGIN } };
      return (await runLoad({ ...load, connections: options.connections, serverPid: collector.pid, seconds: options.warmupSeconds + options.loadSeconds })).requests;
    }),
  );
}

export async function ingestPhase(options: BenchOptions): Promise<PhaseResult> {
  // The baseline brackets the measured run (before and after, averaged), so drift in how busy
  // the machine is hits both sides alike.
  const hello = await startChild<{ type: 'ready'; url: string }>('hello', {});
  let before: LoadRun;
  let after: LoadRun;
  let tells: LoadRun;
  let floor: LoadRun;
  try {
    before = await measure(options, hello.ready.url, hello.pid, beaconFactory(1, VISITORS).next);
    [tells, floor] = await withTempDir('ingest', async (dir) => {
      const collector = await startCollectorChild(join(dir, 'tells.db'), profilingArgs('ingest'));
      let run: LoadRun;
      try {
        run = await measure(options, collector.ready.url, collector.pid, beaconFactory(1, VISITORS).next);
      } finally {
        await collector.stop();
      }
      return [run, await durableFloorRun(options, dir, 1, VISITORS)];
    });
    after = await runLoad({ url: hello.ready.url, path: '/collect', body: beaconFactory(1, VISITORS).next, headers: { origin: BENCH_ORIGIN }, connections: options.connections, serverPid: hello.pid, seconds: options.loadSeconds });
  } finally {
    await hello.stop();
  }
  const bare = { reqPerSec: (before.reqPerSec + after.reqPerSec) / 2 };
  const ratio = tells.reqPerSec / bare.reqPerSec;
  const layers = await measureLayers(options.quick ? 300 : 1500);
  const httpUs = (tells.serverCpu * 1e6) / tells.reqPerSec;
  const bareUs = (((before.serverCpu + after.serverCpu) / 2) * 1e6) / bare.reqPerSec;
  const met = ratio >= 0.25 && tells.p99 < 30 && tells.errors + tells.non2xx === 0;
  // Missed: profile a second run (not the measured one: the profiler slows it) for the lead.
  const profile = met || !options.profileOnMiss ? '' : await profiledRun(options).catch((err: unknown) => `profiling failed: ${String(err)}`);
  return {
    id: 'ingest',
    title: '1. Ingestion, single-event beacons',
    headlines: [
      {
        metric: 'POST /collect req/s (1 event)',
        value: `${fmt(tells.reqPerSec)} req/s, p99 ${fmt(tells.p99, 1)} ms`,
        baseline: `bare Hono ${fmt(bare.reqPerSec)} req/s (mean of before and after)`,
        ratio: pct(ratio),
        target: '≥ 25% and p99 < 30 ms',
        met,
      },
      {
        metric: 'POST /collect req/s (1 event) against the durable floor',
        value: `${fmt(tells.reqPerSec)} req/s`,
        baseline: `durable floor ${fmt(floor.reqPerSec)} req/s (${pct(floor.reqPerSec / bare.reqPerSec)} of bare Hono)`,
        ratio: pct(tells.reqPerSec / floor.reqPerSec),
      },
    ],
    details: [
      table(LOAD_HEADER, [loadRow('bare Hono "hello", before', before), loadRow('Tells POST /collect', tells), loadRow(FLOOR_NAME, floor), loadRow('bare Hono "hello", after', after)]),
      '',
      'CPU per single-event beacon, layer by layer. The last three rows run in the benchmark process, one beacon at a time, no socket; `app.request` builds a full WHATWG Request and Response (which @hono/node-server avoids over a socket) and runs without the concurrency of the load run, so that row can come out above the HTTP one:',
      '',
      table(
        ['layer', 'CPU µs per beacon'],
        [
          ['bare Hono "hello" over HTTP, whole server process (load run)', fmt(bareUs)],
          ['Tells POST /collect over HTTP, whole server process (load run; GC and checkpoint threads included)', fmt(httpUs)],
          ['the Tells app in-process (`app.request`: routing, middleware, parse, store, score, answer)', fmt(layers.appUs)],
          ['of which ingestBeacons (store, read back, score)', fmt(layers.storeAndScoreUs)],
          ['of which parseBeacon (JSON + zod)', fmt(layers.parseUs)],
        ],
      ),
      '',
      `A single-event beacon written alone is two commits (storeBeacons' batch, which also reads the lead back, then the scores' guarded update) that append ${fmt(layers.walBytesPerBeacon / 1024, 1)} KB to the WAL (whole 4 KB pages of the tables and indexes they touch), later copied back by checkpoints (on their own thread); under load, the beacons that arrive together share those two commits (group commit), and pages they share are written once.`,
      ...(!met && !options.profileOnMiss ? ['', 'The target was missed; the full run (`npm run bench`) adds a `node --cpu-prof` breakdown of where the time goes.'] : []),
      ...(profile ? ['', 'The target was missed; where the collector\'s time goes, from `node --cpu-prof` over a second run of the same load, as long as warm-up and measured run together (start-up left out):', '', profile] : []),
    ].join('\n'),
    notes: [
      `autocannon: ${options.connections} connections, no pipelining, ${options.warmupSeconds} s warm-up then ${options.loadSeconds} s measured per server; every request a fresh beacon (new event id, ${VISITORS} visitors round-robin, mixed pages), \`text/plain\` with an allowed Origin. The bare server gets the same requests and answers "hello" without reading the body.`,
      'The durable floor (bench/servers/durable-hello.ts) parses each beacon and inserts its events into the same events table, with the same pragmas, group commit and checkpoint thread, and answers after the commit; it validates nothing and keeps no visitors, leads or scores. Bare Hono → floor is the price of acknowledging only stored events; floor → Tells is what Tells itself does.',
      'Each Tells beacon is committed to SQLite (WAL, synchronous=NORMAL) and its lead scored before the 202, as in production; beacons that arrive together are written in one transaction and their leads scored in one more (group commit), each answered after both commits.',
      "When the bare server's autocannon CPU is near one core, the baseline is bounded by the load generator, not by Hono: the true ceiling is higher, so the ratio, if anything, flatters Tells.",
    ],
  };
}
