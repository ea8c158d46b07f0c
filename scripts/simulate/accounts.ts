/** The demo site's target accounts (demo-site/accounts.csv), as the journeys pick them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../collector/src/accounts/csv.ts';

/** One row of demo-site/accounts.csv. */
export interface Account {
  domain: string;
  name: string;
  industry: string;
  employees: number;
  revenue: number;
  country: string;
  tier: 'tier1' | 'tier2' | 'tier3' | 'customer';
}

/** The text of demo-site/accounts.csv: imported into the collector, and the companies buyers work at. */
export function readDemoAccountsCsv(): string {
  return readFileSync(fileURLToPath(new URL('../../demo-site/accounts.csv', import.meta.url)), 'utf8');
}

/** Parses the accounts CSV of the demo site with the collector's own CSV reader. */
export function parseAccountsCsv(text: string): Account[] {
  return parseCsv(text).map(({ values }) => ({
    domain: values.domain ?? '',
    name: values.name ?? '',
    industry: values.industry ?? '',
    employees: Number(values.employees),
    revenue: Number(values.revenue),
    country: values.country ?? '',
    tier: values.tier as Account['tier'],
  }));
}

/** The demo form's company-size buckets. */
export function sizeBucket(employees: number): string {
  if (employees <= 10) return '1-10';
  if (employees <= 50) return '11-50';
  if (employees <= 200) return '51-200';
  if (employees <= 1000) return '201-1000';
  if (employees <= 5000) return '1001-5000';
  return '5000+';
}
