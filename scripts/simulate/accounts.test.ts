import { describe, expect, it } from 'vitest';
import { parseAccountsCsv, readDemoAccountsCsv } from './accounts.ts';

describe('accounts.csv', () => {
  it('is a clean list of target accounts including Acme Logistics', () => {
    const csv = readDemoAccountsCsv();
    const accounts = parseAccountsCsv(csv);
    expect(csv.split('\n')[0]).toBe('domain,name,industry,employees,revenue,country,tier');
    expect(accounts.length).toBeGreaterThanOrEqual(25);
    for (const a of accounts) {
      expect(a.domain).toMatch(/^[a-z0-9-]+\.example$/);
      expect(a.name).not.toBe('');
      expect(Number.isInteger(a.employees) && a.employees > 0).toBe(true);
      expect(Number.isInteger(a.revenue) && a.revenue > 0).toBe(true);
      expect(a.country).toMatch(/^[A-Z]{2}$/);
      expect(['tier1', 'tier2', 'tier3', 'customer']).toContain(a.tier);
    }
    expect(new Set(accounts.map((a) => a.domain)).size).toBe(accounts.length);
    expect(accounts.find((a) => a.domain === 'acme-logistics.example')).toMatchObject({
      name: 'Acme Logistics', industry: 'Logistics', employees: 1200, country: 'US', tier: 'tier1',
    });
  });
});
