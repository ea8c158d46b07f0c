/**
 * `npm run simulate`: drives realistic visitor traffic into a RUNNING collector, exactly as the
 * tracker on the demo site would send it, so a newcomer sees a populated MQL list a minute after
 * `npm start`.
 *
 *   npx tsx scripts/simulate.ts [--visitors 300] [--site demo] [--seed 42] [--concurrency 8]
 *
 * Environment: COLLECTOR_URL (default http://127.0.0.1:8787), DEMO_URL (the page origin the
 * beacons claim, default http://localhost:3000), TELLS_API_KEY or `<folder of TELLS_DB>/admin-key`
 * (to import demo-site/accounts.csv first).
 *
 * The journey generator is pure (seeded PRNG, explicit clock): same seed and `now`, same beacons.
 * The code lives in scripts/simulate/: `cli.ts` reads the flags, `run-simulation.ts` sends,
 * `generate-visitor.ts` and the journey files build the traffic.
 */
import { main } from './simulate/cli.ts';

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
