/**
 * The Node target: the real Node entry (`startCollector`: better-sqlite3 file, socket IP, tracker
 * from tracker/dist, detached background work) over loopback HTTP. `reset` starts it again on a
 * fresh database file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { TellsConfig } from '../src/config.ts';
import { startCollector, type RunningCollector } from '../src/node.ts';
import { API_KEY } from '../src/test-support.ts';
import { storeScenarios } from './store-scenarios.ts';
import { START, type Target } from './target.ts';
import { ensureTrackerBuilt } from './tracker-dist.ts';

export async function openNodeTarget(config: TellsConfig): Promise<Target> {
  await ensureTrackerBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tells-contract-'));
  const clock = { now: START };
  let files = 0;
  let running: RunningCollector | undefined;
  const collector = () => {
    if (!running) throw new Error('call reset() before the first test');
    return running;
  };

  return {
    runtime: 'node',
    get now() {
      return clock.now;
    },
    fetch: (path, init) => fetch(`${collector().url}${path}`, init),
    setNow: async (ms) => {
      clock.now = ms;
    },
    sql: async <Row>(query: string, ...params: unknown[]) => {
      const stmt = collector().store.sqlite.prepare(query);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as Row[];
    },
    storeScenarios: () => storeScenarios(collector().store),
    runCron: async () => void (await collector().deliverWebhooks()),
    errorsLoggedDuring: async (action) => {
      const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        await action();
        return spy.mock.calls.map((args) => args.map(String).join(' '));
      } finally {
        spy.mockRestore();
      }
    },
    reset: async () => {
      await running?.close();
      clock.now = START;
      running = await startCollector({ dbPath: join(dir, `tells-${++files}.db`), config, apiKey: API_KEY, port: 0, now: () => clock.now });
    },
    close: async () => {
      await running?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
