/**
 * Phase 2: beacons of 20 and 50 events (50 is the wire maximum, `LIMITS.maxEventsPerBatch`; a
 * 100-event beacon is a 400, and the tracker never sends one — 100 events arrive as 2 × 50, whose
 * events/s is the 50-event figure). Events/s through `POST /collect` against the raw ceiling:
 * better-sqlite3 inserting the same rows into the same schema, 1,000 per transaction, same run.
 * Target: ≥ 60%.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '../shared/wire.ts';
import { beaconFactory } from './beacons.ts';
import { profilingArgs, startCollectorChild } from './collector-child.ts';
import { BENCH_ORIGIN } from './config.ts';
import { durableFloorRun, FLOOR_NAME } from './durable-floor.ts';
import { LOAD_HEADER, loadRow } from './ingest.ts';
import { runLoad, type LoadRun } from './load.ts';
import type { BenchOptions } from './options.ts';
import { rawInsertRate } from './raw-insert.ts';
import { table, type Headline, type PhaseResult } from './result.ts';
import { fmt, pct } from './stats.ts';
import { withTempDir } from './workdir.ts';

const SIZES = [20, LIMITS.maxEventsPerBatch];
const VISITORS = 500;

async function batchRun(options: BenchOptions, dir: string, size: number): Promise<{ run: LoadRun; stored: number; sent: number }> {
  const file = join(dir, `batch-${size}.db`);
  const collector = await startCollectorChild(file, profilingArgs(`batch-${size}`));
  let sent = 0;
  let run: LoadRun;
  try {
    const base = { url: collector.ready.url, path: '/collect', body: beaconFactory(size, VISITORS).next, headers: { origin: BENCH_ORIGIN }, connections: options.connections, serverPid: collector.pid };
    const warm = await runLoad({ ...base, seconds: options.warmupSeconds });
    run = await runLoad({ ...base, seconds: options.loadSeconds });
    sent = (warm.requests + run.requests) * size;
  } finally {
    await collector.stop();
  }
  const db = new Database(file, { readonly: true });
  const stored = (db.prepare('select count(*) as n from events').get() as { n: number }).n;
  db.close();
  return { run, stored, sent };
}

export async function batchesPhase(options: BenchOptions): Promise<PhaseResult> {
  return withTempDir('batches', async (dir) => {
    const rows: (string | number)[][] = [];
    const headlines: Headline[] = [];
    const rawRows: (string | number)[][] = [];
    const notes: string[] = [];
    for (const size of SIZES) {
      const { run, stored, sent } = await batchRun(options, dir, size);
      // The floor and the ceiling right after, on the same rows, so all see the machine in the same state.
      const floor = await durableFloorRun(options, dir, size, VISITORS);
      const raw = rawInsertRate(join(dir, `raw-${size}.db`), options.rawRows, size);
      const eventsPerSec = run.reqPerSec * size;
      const ratio = eventsPerSec / raw.eventsPerSec;
      rows.push([`${size} events/beacon`, ...loadRow('Tells POST /collect', run), fmt(eventsPerSec)]);
      rows.push([`${size} events/beacon`, ...loadRow(FLOOR_NAME, floor), fmt(floor.reqPerSec * size)]);
      rawRows.push([`${size}-event beacons' rows`, fmt(options.rawRows), fmt(raw.seconds, 2), fmt(raw.eventsPerSec)]);
      headlines.push({
        metric: `POST /collect events/s (${size} events/beacon)`,
        value: `${fmt(eventsPerSec)} events/s`,
        baseline: `raw better-sqlite3 ${fmt(raw.eventsPerSec)} events/s`,
        ratio: pct(ratio),
        target: '≥ 60%',
        met: ratio >= 0.6 && run.errors + run.non2xx === 0,
      });
      headlines.push({
        metric: `POST /collect events/s (${size} events/beacon) against the durable floor`,
        value: `${fmt(eventsPerSec)} events/s`,
        baseline: `durable floor ${fmt(floor.reqPerSec * size)} events/s (${pct((floor.reqPerSec * size) / raw.eventsPerSec)} of raw better-sqlite3)`,
        ratio: pct(eventsPerSec / (floor.reqPerSec * size)),
      });
      if (stored < sent) notes.push(`${size}-event run: ${fmt(sent)} events answered 202 but only ${fmt(stored)} stored.`);
    }
    return {
      id: 'batches',
      title: '2. Ingestion, batches of 20 and 50 events',
      headlines,
      details: [
        table(['beacon', ...LOAD_HEADER, 'events/s'], rows),
        '',
        'Raw ceiling (better-sqlite3, same schema and indexes, 1,000 rows per transaction):',
        '',
        table(['rows', 'count', 'seconds', 'events/s'], rawRows),
      ].join('\n'),
      notes: [
        `Why not 100: the wire maximum is ${LIMITS.maxEventsPerBatch} events per beacon (shared/wire.ts); a 100-event beacon is refused with 400 and the tracker never builds one. 100 events arrive as 2 × 50, so their events/s is the 50-event row.`,
        `autocannon: ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.loadSeconds} s per size; fresh event ids, ${VISITORS} visitors round-robin. Each beacon is stored (lead, visitor, events) and its lead scored (every event applied to the intent state) before the 202, the beacons that arrive together in one transaction for the writes and one for the scores (group commit); the raw ceiling only inserts the event rows.`,
        'The durable floor is the same load over HTTP against a server that only parses the beacon and inserts its events, answering after the commit (see phase 1): the part of the raw ceiling that HTTP and JSON leave to any collector that acknowledges only stored events.',
        ...notes,
      ],
    };
  });
}
