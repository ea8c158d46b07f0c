import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary, main, readAdminKey } from './cli.ts';

describe('formatSummary', () => {
  it('prints the totals, failures and personas, busiest first', () => {
    const summary = { visitors: 40, beacons: 502, events: 902, accepted: 900, duplicates: 2, rejected: 0, failures: { 500: 1, network: 2 }, retries: 3, personas: { manager: 8, blogReader: 14 } };
    expect(formatSummary(summary, { seed: 42, collectorUrl: 'http://127.0.0.1:8787' }, 4.94)).toBe([
      'Simulated 40 visitors in 4.9 s (seed 42) → http://127.0.0.1:8787',
      '  beacons     502',
      '  events      902',
      '  accepted    900',
      '  duplicates  2',
      '  rejected    0',
      '  failures    500×1, network×2 (3 retries after 429)',
      '  personas    blogReader 14, manager 8',
      '',
      'MQLs: curl -H "Authorization: Bearer <admin key>" http://127.0.0.1:8787/api/mqls',
    ].join('\n'));
    expect(formatSummary({ ...summary, failures: {}, retries: 0 }, { seed: 1, collectorUrl: 'x' }, 1)).toMatch(/^ {2}failures {4}none$/m);
  });
});

describe('readAdminKey', () => {
  it('prefers TELLS_API_KEY, else reads admin-key beside TELLS_DB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    expect(readAdminKey({ TELLS_API_KEY: ' k1 ', TELLS_DB: join(dir, 'tells.db') })).toBe('k1');
    expect(readAdminKey({ TELLS_DB: join(dir, 'tells.db') })).toBeUndefined();
    writeFileSync(join(dir, 'admin-key'), 'k2\n');
    expect(readAdminKey({ TELLS_DB: join(dir, 'tells.db') })).toBe('k2');
  });
});

describe('main', () => {
  it('rejects out-of-range flags before touching the network', async () => {
    await expect(main(['--visitors', '0'])).rejects.toThrow('--visitors must be an integer 1..100000');
    await expect(main(['--concurrency', '65'])).rejects.toThrow('--concurrency must be an integer 1..64');
    await expect(main(['--seed', '1.5'])).rejects.toThrow('--seed must be an integer');
  });
});
