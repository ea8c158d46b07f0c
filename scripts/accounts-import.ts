/**
 * `npm run accounts:import -- file.csv`: imports target accounts straight into TELLS_DB, in
 * chunks with a progress bar. Bad rows are reported by line with the reason; good rows are kept;
 * a re-import updates by domain. The same rules as `PUT /api/accounts`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsv } from '../collector/src/accounts/csv.ts';
import { upsertAccounts, validateAccountRows } from '../collector/src/accounts/import-accounts.ts';
import { openNodeStore } from '../collector/src/db/node-store.ts';
import { progressBar } from './progress.ts';

const CHUNK = 2_000;
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run accounts:import -- accounts.csv   (header: domain,name,industry,employees,revenue,country,tier)');
  process.exit(2);
}

let records;
try {
  records = parseCsv(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`${file}: ${(err as Error).message}`);
  process.exit(1);
}
const { good, errors } = validateAccountRows(records);
const store = openNodeStore(resolve(process.env.TELLS_DB ?? './data/tells.db'));
const progress = progressBar(process.stderr, 'accounts');
let created = 0;
let updated = 0;
for (let i = 0; i < good.length; i += CHUNK) {
  const written = await upsertAccounts(store, good.slice(i, i + CHUNK), Date.now());
  created += written.created;
  updated += written.updated;
  progress(Math.min(i + CHUNK, good.length), good.length);
}
store.close();
for (const error of errors.slice(0, 50)) console.error(`  line ${error.line}: ${error.message}`);
if (errors.length > 50) console.error(`  … and ${errors.length - 50} more bad rows`);
console.log(`${created} accounts created, ${updated} updated, ${errors.length} bad rows skipped.`);
process.exitCode = errors.length ? 1 : 0;
