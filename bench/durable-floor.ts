/**
 * The durable floor beside each ingestion run: the same load against `servers/durable-hello.ts`,
 * a bare Hono server that only parses the beacon and inserts its events, answering after the
 * commit. What Tells adds on top of it (validation, visitors and leads, scoring, the headers) is
 * Tells' own cost; what it costs over bare Hono's "hello" is the price of acknowledging only
 * stored events, which any collector that keeps that promise pays.
 */
import { join } from 'node:path';
import { beaconFactory } from './beacons.ts';
import { startChild } from './child.ts';
import { BENCH_ORIGIN } from './config.ts';
import { runLoad, type LoadRun } from './load.ts';
import type { BenchOptions } from './options.ts';

export async function durableFloorRun(options: BenchOptions, dir: string, eventsPerBeacon: number, visitors: number): Promise<LoadRun> {
  const floor = await startChild<{ type: 'ready'; url: string }>('durable-hello', { BENCH_DB: join(dir, `floor-${eventsPerBeacon}.db`) });
  try {
    const load = { url: floor.ready.url, path: '/collect', body: beaconFactory(eventsPerBeacon, visitors).next, headers: { origin: BENCH_ORIGIN }, connections: options.connections, serverPid: floor.pid };
    await runLoad({ ...load, seconds: options.warmupSeconds });
    return await runLoad({ ...load, seconds: options.loadSeconds });
  } finally {
    await floor.stop();
  }
}

export const FLOOR_NAME = 'durable floor: bare Hono + JSON.parse + the events inserted, group commit';
