/**
 * Where a single-event beacon's CPU goes, layer by layer, measured in this process one beacon at
 * a time (no concurrency, no socket): parsing alone; storing and scoring alone (`ingestBeacons`,
 * what the route does after parsing); the whole app through `app.request`
 * (routing, middleware, parsing, storing, scoring, the JSON answer). The load run's server CPU
 * per request adds the HTTP server and sockets on top.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../collector/src/app.ts';
import { openNodeStore } from '../collector/src/db/node-store.ts';
import { parseBeacon } from '../collector/src/ingest/parse-beacon.ts';
import { ingestBeacons } from '../collector/src/ingest/ingest-beacons.ts';
import { beaconFactory } from './beacons.ts';
import { benchLeadContext } from './dataset.ts';
import { BENCH_API_KEY, BENCH_ORIGIN, benchConfig } from './config.ts';
import { ownCpuSeconds } from './proc.ts';
import { withTempDir } from './workdir.ts';

export interface Layers {
  parseUs: number;
  storeAndScoreUs: number;
  appUs: number;
  /** Bytes appended to the WAL per beacon (its two commits), checkpoints held off while counting. */
  walBytesPerBeacon: number;
}

/** CPU µs per call of `step` over `count` calls, after `count / 5` warm-up calls. */
async function cpuPer(count: number, step: () => unknown): Promise<number> {
  for (let i = 0; i < Math.ceil(count / 5); i++) await step();
  const before = ownCpuSeconds();
  for (let i = 0; i < count; i++) await step();
  return ((ownCpuSeconds() - before) * 1e6) / count;
}

export function measureLayers(count: number): Promise<Layers> {
  return withTempDir('layers', async (dir) => {
    const bodies = beaconFactory(1, 500);
    const parseUs = await cpuPer(count, () => parseBeacon(bodies.next()));

    const store = openNodeStore(join(dir, 'store.db'));
    const ctx = benchLeadContext(store, Date.now());
    const storeAndScoreUs = await cpuPer(count, async () => {
      const { envelope } = parseBeacon(bodies.next());
      await ingestBeacons(ctx, [{ envelope, receivedAt: Date.now(), bot: false }]);
    });
    // The WAL traffic of a beacon: checkpoint, hold checkpoints off, and see how far the WAL grows.
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.sqlite.pragma('wal_autocheckpoint = 0');
    const walCount = 200;
    for (let i = 0; i < walCount; i++) {
      const { envelope } = parseBeacon(bodies.next());
      await ingestBeacons(ctx, [{ envelope, receivedAt: Date.now(), bot: false }]);
    }
    const walBytesPerBeacon = statSync(join(dir, 'store.db-wal')).size / walCount;
    store.close();

    const appStore = openNodeStore(join(dir, 'app.db'));
    const app = createApp({
      store: appStore,
      config: benchConfig,
      apiKey: BENCH_API_KEY,
      now: Date.now,
      clientIp: () => '127.0.0.1',
      asset: async () => undefined,
      background: (_c, task) => void task().catch(() => {}),
    });
    const appUs = await cpuPer(count, async () => {
      const res = await app.request('/collect', { method: 'POST', headers: { 'content-type': 'text/plain', origin: BENCH_ORIGIN }, body: bodies.next() });
      if (res.status !== 202) throw new Error(`POST /collect answered ${res.status}`);
      await res.text();
    });
    appStore.close();
    // storeAndScoreUs includes a parse; the layer table subtracts it.
    return { parseUs, storeAndScoreUs: storeAndScoreUs - parseUs, appUs, walBytesPerBeacon };
  });
}
