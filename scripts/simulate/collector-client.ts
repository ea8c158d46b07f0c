/** The two calls the simulator makes to a running collector: import the accounts, post a beacon. */
import type { CollectResult, Envelope } from '../../shared/wire.ts';
import type { SimulationConfig, SimulationSummary } from './run-simulation.ts';
import { SECOND } from './time.ts';

const MAX_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Imports the target accounts; failures are reported, not fatal (the traffic is still useful). */
export async function importAccounts(config: SimulationConfig, log: (line: string) => void): Promise<void> {
  if (!config.apiKey) {
    log('accounts: no admin key (TELLS_API_KEY or data/admin-key), skipping the import of demo-site/accounts.csv');
    return;
  }
  try {
    const res = await fetch(`${config.collectorUrl}/api/accounts`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${config.apiKey}`, 'Content-Type': 'text/csv' },
      body: config.accountsCsv,
    });
    const text = (await res.text()).slice(0, 500);
    log(res.ok ? `accounts: imported (${res.status}) ${text}` : `accounts: import failed with ${res.status}: ${text}`);
  } catch (err) {
    log(`accounts: import failed: ${(err as Error).message}`);
  }
}

/** Sends one beacon, waiting out 429s; adds the 202 counts, or the failure key, to `summary`. */
export async function sendBeacon(config: SimulationConfig, envelope: Envelope, userAgent: string, summary: SimulationSummary): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${config.collectorUrl}/collect`, {
        method: 'POST',
        // text/plain, like navigator.sendBeacon: a "simple" request that needs no CORS preflight.
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: config.demoOrigin, 'User-Agent': userAgent },
        body: JSON.stringify(envelope),
      });
    } catch {
      summary.failures.network = (summary.failures.network ?? 0) + 1;
      return;
    }
    if (res.status === 202) {
      const body = (await res.json().catch(() => ({}))) as Partial<CollectResult>;
      summary.accepted += body.accepted ?? 0;
      summary.duplicates += body.duplicates ?? 0;
      summary.rejected += body.rejected ?? 0;
      return;
    }
    await res.body?.cancel();
    if (res.status === 429 && attempt < MAX_ATTEMPTS) {
      summary.retries++;
      const header = res.headers.get('retry-after');
      const retryAfter = header === null ? NaN : Number(header);
      await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter, 10) * SECOND : 250 * 2 ** attempt);
      continue;
    }
    summary.failures[res.status] = (summary.failures[res.status] ?? 0) + 1;
    return;
  }
}
