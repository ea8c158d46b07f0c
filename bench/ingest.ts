/**
 * Phase 1: single-event beacons. `POST /collect` on the Node collector (real SQLite file, WAL)
 * against a bare Hono "hello" server on @hono/node-server, same load, same run.
 * Target: ≥ 25% of bare Hono's requests/s with p99 < 30 ms.
 */
import { join } from 'node:path';
import { beaconFactory } from './beacons.ts';
import { startChild } from './child.ts';
import { profilingArgs, startCollectorChild } from './collector-child.ts';
import { BENCH_ORIGIN } from './config.ts';
import { runLoad, type LoadRun } from './load.ts';
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

export async function ingestPhase(options: BenchOptions): Promise<PhaseResult> {
  const hello = await startChild<{ type: 'ready'; url: string }>('hello', {});
  let bare: LoadRun;
  try {
    bare = await measure(options, hello.ready.url, hello.pid, beaconFactory(1, VISITORS).next);
  } finally {
    await hello.stop();
  }
  const tells = await withTempDir('ingest', async (dir) => {
    const collector = await startCollectorChild(join(dir, 'tells.db'), profilingArgs('ingest'));
    try {
      return await measure(options, collector.ready.url, collector.pid, beaconFactory(1, VISITORS).next);
    } finally {
      await collector.stop();
    }
  });
  const ratio = tells.reqPerSec / bare.reqPerSec;
  const met = ratio >= 0.25 && tells.p99 < 30 && tells.errors + tells.non2xx === 0;
  return {
    id: 'ingest',
    title: '1. Ingestion, single-event beacons',
    headlines: [
      {
        metric: 'POST /collect req/s (1 event)',
        value: `${fmt(tells.reqPerSec)} req/s, p99 ${fmt(tells.p99, 1)} ms`,
        baseline: `bare Hono ${fmt(bare.reqPerSec)} req/s`,
        ratio: pct(ratio),
        target: '≥ 25% and p99 < 30 ms',
        met,
      },
    ],
    details: table(LOAD_HEADER, [loadRow('bare Hono "hello"', bare), loadRow('Tells POST /collect', tells)]),
    notes: [
      `autocannon: ${options.connections} connections, no pipelining, ${options.warmupSeconds} s warm-up then ${options.loadSeconds} s measured per server; every request a fresh beacon (new event id, ${VISITORS} visitors round-robin, mixed pages), \`text/plain\` with an allowed Origin. The bare server gets the same requests and answers "hello" without reading the body.`,
      'Each Tells beacon is committed to SQLite (WAL, synchronous=NORMAL) and its lead scored before the 202, as in production.',
    ],
  };
}
