/**
 * `npm start`: builds the tracker, migrates the database, starts the collector and the demo
 * site, and prints where everything is. Ctrl-C (or SIGTERM) stops both cleanly.
 * `--no-demo` leaves the demo site out.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startCollector, loadConfigFile, resolveApiKey } from '../collector/src/node.ts';
import { ConfigError } from '../collector/src/config.ts';
import { startDemoSite } from '../demo-site/server.ts';
import { buildTracker } from '../tracker/build.ts';

const env = process.env;
const port = Number(env.PORT ?? 8787);
const demoPort = Number(env.DEMO_PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';
const dbPath = resolve(env.TELLS_DB ?? './data/tells.db');
const configPath = resolve(env.TELLS_CONFIG ?? './tells.config.json');
/** `npm start -- --no-demo` runs the collector alone, as in production. */
const withDemo = !process.argv.includes('--no-demo');

async function main() {
  let config;
  try {
    config = loadConfigFile(configPath);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `Cannot read ${configPath}: ${(err as Error).message}`);
    process.exit(1);
  }
  const site = config.sites[0]!;
  // The demo site sends beacons as the first site; on another port or host its origin must be allowed.
  const demoOrigin = `http://${host}:${demoPort}`;
  const allowDemo = withDemo && !site.origins.includes(demoOrigin);
  if (allowDemo) config = { ...config, sites: [{ ...site, origins: [...site.origins, demoOrigin] }, ...config.sites.slice(1)] };
  await buildTracker();
  mkdirSync(dirname(dbPath), { recursive: true });
  const { key, generated } = resolveApiKey(env.TELLS_API_KEY, dirname(dbPath));
  const collector = await startCollector({ dbPath, config, apiKey: key, port, host });
  const demo = withDemo ? await startDemoSite({ port: demoPort, host, collectorUrl: collector.url, site: site.id }) : undefined;

  console.log(`
Tells is running.
  Collector   ${collector.url}   (database ${dbPath})
  Demo site   ${demo?.url ?? 'off (--no-demo)'}${allowDemo ? `   (origin allowed for site "${site.id}" while it runs)` : ''}
  Admin key   ${key}${generated ? `   (generated, kept in ${dirname(dbPath)}/admin-key)` : ''}

Paste this into every page of ${site.name ?? site.id}:
  <script async src="${collector.url}/t.js" data-site="${site.id}"></script>

Try:  curl -H "Authorization: Bearer ${key}" ${collector.url}/api/mqls
Fill it with realistic traffic:  ${collector.url === 'http://127.0.0.1:8787' ? '' : `COLLECTOR_URL=${collector.url} `}npm run simulate
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await Promise.all([collector.close(), demo?.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
