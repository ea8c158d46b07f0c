/**
 * The Node collector as `npm start` runs it (`startCollector`: SQLite file in WAL mode, the real
 * app), on 127.0.0.1 and a free port. BENCH_DB is the file; BENCH_CONFIG the config as JSON.
 */
import { startCollector } from '../../collector/src/node.ts';
import { parseConfig } from '../../collector/src/config.ts';
import { serveIpc } from './ipc.ts';

const collector = await startCollector({
  dbPath: process.env.BENCH_DB!,
  config: parseConfig(JSON.parse(process.env.BENCH_CONFIG!)),
  apiKey: process.env.BENCH_API_KEY!,
  port: 0,
  host: '127.0.0.1',
});
serveIpc({ url: collector.url }, {}, () => collector.close());
