/**
 * The floor of "answered only after a commit": bare Hono on @hono/node-server that parses each
 * beacon's JSON and inserts its events as rows of the collector's events table (same schema and
 * indexes, same pragmas: WAL, synchronous=NORMAL, checkpoints on their own thread), beacons that
 * arrive together in one transaction (the collector's own group commit), then answers 202. No
 * validation, no visitors or leads, no scoring: what any server that acknowledges only stored
 * events pays on this machine. BENCH_DB is the SQLite file.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { checkpointInBackground } from '../../collector/src/db/wal-checkpointer.ts';
import { groupCommit } from '../../collector/src/ingest/group-commit.ts';
import { INSERT_EVENT, openMigrated } from '../raw-insert.ts';
import { serveIpc } from './ipc.ts';

interface Beacon {
  site: string;
  vid: string;
  sid: string;
  events: { id: string; type: string; ts: number; url: string; ref?: string; title?: string; props?: object }[];
}

const db = openMigrated(process.env.BENCH_DB!);
const checkpointer = checkpointInBackground(db);
const insert = db.prepare(INSERT_EVENT);
const store = db.transaction((beacons: Beacon[]) => {
  const receivedAt = Date.now();
  return beacons.map(({ site, vid, sid, events }) => {
    let accepted = 0;
    for (const e of events) {
      const row = [site, e.id, vid, sid, e.type, e.ts, receivedAt, e.url, new URL(e.url).pathname, e.ref ?? null, e.title ?? null, null, e.props ? JSON.stringify(e.props) : null];
      accepted += insert.run(...row).changes;
    }
    return accepted;
  });
});
const stored = groupCommit(async (beacons: Beacon[]) => store(beacons), setImmediate);

const app = new Hono();
app.post('/collect', async (c) => c.json({ accepted: await stored(JSON.parse(await c.req.text()) as Beacon) }, 202));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  serveIpc({ url: `http://127.0.0.1:${info.port}` }, {}, async () => {
    server.close();
    await checkpointer.stop();
    db.close();
  });
});
