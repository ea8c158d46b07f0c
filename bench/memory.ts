/**
 * Phase 7: the collector's memory. RSS after ingesting 1M events (quick: 50k) in 50-event beacons,
 * and RSS sampled through a steady single-event load of 60 s (quick: 10 s): does it grow without
 * bound? The heap after a forced GC before and after the steady load tells a leak from garbage.
 */
import { join } from 'node:path';
import { beaconFactory } from './beacons.ts';
import { startCollectorChild } from './collector-child.ts';
import { BENCH_ORIGIN } from './config.ts';
import { runLoad, type LoadRun } from './load.ts';
import type { BenchOptions } from './options.ts';
import { rssBytes } from './proc.ts';
import { table, type PhaseResult } from './result.ts';
import { fmt, mb, slope } from './stats.ts';
import { withTempDir } from './workdir.ts';

/** RSS bounded: the last sample at most this much above the one a quarter into the steady load. */
const BOUNDED = 1.1;

/** At most `max` evenly spaced samples, the last included, for display. */
function thin(samples: [number, number][], max = 25): [number, number][] {
  if (samples.length <= max) return samples;
  const step = (samples.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => samples[Math.round(i * step)]!);
}

const listed = (samples: [number, number][]) => thin(samples).map(([t, b]) => `${fmt(t)}: ${fmt(b / 1048576)}`).join(', ');

/** Samples RSS every `everyMs` while `work` runs. */
async function sampled<T>(pid: number, everyMs: number, work: () => Promise<T>): Promise<{ result: T; samples: [number, number][] }> {
  const started = performance.now();
  const samples: [number, number][] = [[0, rssBytes(pid)]];
  const timer = setInterval(() => samples.push([(performance.now() - started) / 1000, rssBytes(pid)]), everyMs);
  try {
    const result = await work();
    samples.push([(performance.now() - started) / 1000, rssBytes(pid)]);
    return { result, samples };
  } finally {
    clearInterval(timer);
  }
}

type Usage = { rss: number; heapUsed: number };

export async function memoryPhase(options: BenchOptions): Promise<PhaseResult> {
  const { events, ingestMaxSeconds, steadySeconds, sampleEveryMs } = options.memory;
  return withTempDir('memory', async (dir) => {
    const collector = await startCollectorChild(join(dir, 'tells.db'), ['--expose-gc']);
    try {
      const base = { url: collector.ready.url, path: '/collect', headers: { origin: BENCH_ORIGIN }, connections: options.connections, serverPid: collector.pid };
      const idle = rssBytes(collector.pid);
      const beacons = Math.ceil(events / 50);
      const ingest = await sampled(collector.pid, 1000, () => runLoad({ ...base, body: beaconFactory(50, 5000).next, amount: beacons, maxSeconds: ingestMaxSeconds }));
      const afterIngest = rssBytes(collector.pid);
      const gcAfterIngest = await collector.ask<Usage>('gc');
      const steady = await sampled(collector.pid, sampleEveryMs, () => runLoad({ ...base, body: beaconFactory(1, 5000).next, seconds: steadySeconds }));
      const gcAfterSteady = await collector.ask<Usage>('gc');

      const s = steady.samples;
      const quarter = s.find(([t]) => t >= steadySeconds / 4) ?? s[0]!;
      const last = s.at(-1)!;
      const secondHalf = s.filter(([t]) => t >= steadySeconds / 2);
      const mbPerMin = (slope(secondHalf) * 60) / 1024 / 1024;
      const growth = last[1] / quarter[1];
      const ingested = ingest.result as LoadRun;
      return {
        id: 'memory',
        title: '7. Memory',
        headlines: [
          {
            metric: `collector RSS after ${fmt(ingested.requests * 50)} events ingested`,
            value: mb(afterIngest),
            baseline: `idle at start ${mb(idle)}`,
            ratio: `${fmt(afterIngest / idle, 2)}×`,
          },
          {
            metric: `RSS through ${steadySeconds} s of steady load (end ÷ ¼ in)`,
            value: `${mb(quarter[1])} → ${mb(last[1])} (${fmt(mbPerMin, 1)} MB/min over the 2nd half)`,
            baseline: `heap after GC ${mb(gcAfterIngest.heapUsed)} → ${mb(gcAfterSteady.heapUsed)}`,
            ratio: `${fmt(growth, 2)}×`,
            target: `bounded (≤ ${BOUNDED}×)`,
            met: growth <= BOUNDED,
          },
        ],
        details: [
          table(
            ['moment', 'RSS', 'heap used (after GC)'],
            [
              ['idle, after start', mb(idle), ''],
              [`after ${fmt(ingested.requests)} beacons of 50 events (${fmt(ingested.seconds, 1)} s, ${fmt(ingested.reqPerSec * 50)} events/s)`, mb(afterIngest), mb(gcAfterIngest.heapUsed)],
              [`after ${steadySeconds} s of single-event beacons (${fmt(steady.result.requests)} requests, ${fmt(steady.result.reqPerSec)} req/s)`, mb(last[1]), mb(gcAfterSteady.heapUsed)],
            ],
          ),
          '',
          `RSS during the ingest (s: MB): ${listed(ingest.samples)}`,
          '',
          `RSS during the steady load (s: MB): ${listed(s)}`,
        ].join('\n'),
        notes: [
          `The collector runs with --expose-gc so that the heap can be measured after a full GC (asked over IPC); RSS is read from /proc every ${sampleEveryMs} ms. Ingest: autocannon, ${options.connections} connections, a fixed count of 50-event beacons over 5,000 visitors; steady load: ${options.connections} connections of single-event beacons, saturating, for ${steadySeconds} s.`,
          ...(ingested.requests < beacons ? [`The ingest was stopped at its ${ingestMaxSeconds} s bound after ${fmt(ingested.requests * 50)} of the ${fmt(events)} events: the figure is RSS after that many.`] : []),
          `"Bounded" is judged as RSS at the end ≤ ${BOUNDED}× RSS a quarter into the steady load; the slope over the second half and the heap after GC tell whether anything keeps growing. SQLite's page cache (default 2 MB per connection: the serving one and the checkpoint thread's) and the in-memory rate-limit buckets and lead-id cache (≤ 10,000 entries) are bounded by design.`,
        ],
      };
    } finally {
      await collector.stop();
    }
  });
}
