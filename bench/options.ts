/** How big and how long each phase is: the full run (< ~15 min) or `--quick` (< ~2 min). */
export interface BenchOptions {
  quick: boolean;
  /** Seconds of each measured HTTP load run, after `warmupSeconds` of warm-up. */
  loadSeconds: number;
  warmupSeconds: number;
  /** autocannon connections for the saturating runs. */
  connections: number;
  /** Rows the raw better-sqlite3 ceiling inserts. */
  rawRows: number;
  /** Prior events of one lead in the scoring phase. */
  priorEvents: number[];
  /** New events timed per prior count (pure scorer / live pipeline). */
  scoredEvents: number;
  livePipelineEvents: number;
  /** The read-path and rescore data set. */
  dataset: { events: number; visitors: number; leads: number };
  /** Sequential requests per read-path endpoint. */
  readRequests: number;
  trackerRuns: number;
  /** How long each traced page load goes on after its load event. */
  trackerSettleMs: number;
  /** Profile the collector when the ingestion target is missed (an extra run). */
  profileOnMiss: boolean;
  workerBeacons: number;
  /** `ingestMaxSeconds` bounds the ingest of `events` on a slow machine (the figure says how many went in). */
  memory: { events: number; ingestMaxSeconds: number; steadySeconds: number; sampleEveryMs: number };
  /** SIGKILLs of the collector under load; `maxSeconds` bounds the phase (it reports how many it did). */
  crash: { kills: number; maxSeconds: number };
}

export function benchOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  return quick
    ? {
        quick,
        loadSeconds: 3,
        warmupSeconds: 1,
        connections: 10,
        rawRows: 50_000,
        priorEvents: [10, 1_000, 10_000],
        scoredEvents: 500,
        livePipelineEvents: 60,
        dataset: { events: 50_000, visitors: 5_000, leads: 1_000 },
        readRequests: 100,
        trackerRuns: 3,
        trackerSettleMs: 1200,
        profileOnMiss: false,
        workerBeacons: 40,
        memory: { events: 50_000, ingestMaxSeconds: 30, steadySeconds: 10, sampleEveryMs: 1000 },
        crash: { kills: 10, maxSeconds: 120 },
      }
    : {
        quick,
        loadSeconds: 15,
        warmupSeconds: 3,
        connections: 10,
        rawRows: 300_000,
        priorEvents: [10, 1_000, 100_000],
        scoredEvents: 3_000,
        livePipelineEvents: 300,
        dataset: { events: 1_000_000, visitors: 100_000, leads: 10_000 },
        readRequests: 400,
        trackerRuns: 9,
        trackerSettleMs: 2000,
        profileOnMiss: true,
        workerBeacons: 300,
        memory: { events: 1_000_000, ingestMaxSeconds: 200, steadySeconds: 60, sampleEveryMs: 2000 },
        crash: { kills: 50, maxSeconds: 480 },
      };
}
