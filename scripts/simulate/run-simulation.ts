/** A whole run: generate every visitor from the seed and send their beacons to the collector. */
import { parseAccountsCsv } from './accounts.ts';
import { importAccounts, sendBeacon } from './collector-client.ts';
import { HUMAN_AGENTS } from './device.ts';
import { generateVisitor } from './generate-visitor.ts';
import type { PersonaName } from './personas.ts';
import { createRng, visitorSeed } from './rng.ts';
import type { GeneratorOptions } from './visitor-plan.ts';

/** Totals of a run, as printed at the end. */
export interface SimulationSummary {
  visitors: number;
  beacons: number;
  events: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Beacons that never got a 202, by HTTP status or `network`. */
  failures: Record<string, number>;
  /** 429 answers that were retried after waiting. */
  retries: number;
  personas: Partial<Record<PersonaName, number>>;
}

/** Options of {@link runSimulation}. */
export interface SimulationConfig {
  collectorUrl: string;
  demoOrigin: string;
  site: string;
  visitors: number;
  seed: number;
  concurrency: number;
  accountsCsv: string;
  apiKey?: string;
  now?: number;
  /** Called after each visitor. */
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

/** Imports the accounts, then sends every visitor's beacons with bounded concurrency. */
export async function runSimulation(config: SimulationConfig): Promise<SimulationSummary> {
  const log = config.log ?? ((line: string) => console.error(line));
  const now = config.now ?? Date.now();
  await importAccounts(config, log);

  const opts: GeneratorOptions = { site: config.site, demoOrigin: config.demoOrigin, now, accounts: parseAccountsCsv(config.accountsCsv) };
  const summary: SimulationSummary = { visitors: 0, beacons: 0, events: 0, accepted: 0, duplicates: 0, rejected: 0, failures: {}, retries: 0, personas: {} };
  let nextIndex = 0;

  async function worker(): Promise<void> {
    while (nextIndex < config.visitors) {
      const index = nextIndex++;
      const visitor = generateVisitor(createRng(visitorSeed(config.seed, index)), index, opts);
      summary.personas[visitor.persona] = (summary.personas[visitor.persona] ?? 0) + 1;
      // In order: a visitor's pageview must arrive before the engagement that closes it.
      for (const envelope of visitor.envelopes) {
        summary.beacons++;
        summary.events += envelope.events.length;
        await sendBeacon(config, envelope, visitor.userAgents[envelope.vid] ?? HUMAN_AGENTS[0]!, summary);
      }
      summary.visitors++;
      config.onProgress?.(summary.visitors, config.visitors);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, config.visitors)) }, worker));
  return summary;
}
