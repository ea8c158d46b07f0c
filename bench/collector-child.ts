/** Starting the Node collector (bench/servers/collector.ts) in a child process over a given file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type ChildServer } from './child.ts';
import { summariseProfile } from './profile-summary.ts';
import { BENCH_API_KEY, benchConfig } from './config.ts';

export type CollectorChild = ChildServer<{ type: 'ready'; url: string }>;

export function startCollectorChild(dbPath: string, nodeArgs: string[] = []): Promise<CollectorChild> {
  return startChild('collector', { BENCH_DB: dbPath, BENCH_CONFIG: JSON.stringify(benchConfig), BENCH_API_KEY }, { nodeArgs });
}

/** `--cpu-prof` into `dir` when BENCH_CPU_PROF names a folder: where the collector's time goes. */
export function profilingArgs(tag: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  // Node names each thread's profile (main thread, tsx's loader thread) by pid and thread id.
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}/${tag}`] : [];
}

/**
 * Runs `work` against a collector over `dbPath` started under `node --cpu-prof`, then summarises
 * the profile: where the collector's time goes. `work` answers how many requests it made.
 */
export async function profiledCollector(dbPath: string, work: (collector: CollectorChild) => Promise<number>): Promise<string> {
  const profiles = mkdtempSync(join(tmpdir(), 'tells-bench-prof-'));
  try {
    const collector = await startCollectorChild(dbPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
    let requests: number;
    try {
      requests = await work(collector);
    } finally {
      await collector.stop();
    }
    return summariseProfile(profiles, requests);
  } finally {
    rmSync(profiles, { recursive: true, force: true });
  }
}
