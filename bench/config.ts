/**
 * The collector config for load runs: rate limits far above any load we generate and automated
 * clients scored like people, so neither the limiter (429s) nor the bot classifier (autocannon's
 * requests carry no browser user agent) distorts throughput. Stated in RESULTS.md.
 */
import { parseConfig, type TellsConfig } from '../collector/src/config.ts';

export const BENCH_ORIGIN = 'https://www.example.com';
export const BENCH_SITE = 'demo';
export const BENCH_API_KEY = 'bench-admin-key-0123456789abcdef';

const unlimited = { burst: 1_000_000, perSecond: 1_000_000 };

export const benchConfig: TellsConfig = parseConfig({
  sites: [{ id: BENCH_SITE, origins: [BENCH_ORIGIN] }],
  allowAutomation: true,
  limits: { ingestPerIp: unlimited, ingestPerSite: unlimited, adminPerKey: unlimited },
});
