/**
 * Checkpoints (copying the WAL back into the database file) on a thread of their own. Run by the
 * connection that commits, as SQLite does by default every 1,000 pages, each one copies those
 * pages and ends in two fsyncs, and the event loop, with every request behind it, waits for
 * all of it: under load, a stall of 3 to 40 ms several times a second (measured with strace).
 * Here a worker thread with its own connection copies the pages (PASSIVE: writers go on
 * meanwhile), and the serving connection's own checkpoints are off while it runs.
 *
 * A passive checkpoint never catches up with a busy writer, and the WAL only starts over once it
 * has, so past `restartFrames` pages the thread asks for a RESTART checkpoint: it holds writers
 * off while it copies the few pages still left and syncs, then the WAL starts over.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

// Plain JavaScript, evaluated: the thread loads no TypeScript, whatever runs the collector.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the thread; the serving connection checkpoints for itself again. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `sqlite`'s file (in WAL mode) on a worker thread. If the thread fails, it
 * is logged and the serving connection checkpoints for itself again.
 */
export function checkpointInBackground(sqlite: Database.Database, { everyMs = 200, restartFrames = 8192 } = {}): Checkpointer {
  const ownCheckpoints = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file: sqlite.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs, restartFrames },
  });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  worker.once('error', (err) => console.error('[tells] the checkpoint thread failed; the collector checkpoints for itself again', err));
  const exited = new Promise<void>((done) => worker.once('exit', () => done())).then(() => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${ownCheckpoints}`);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      await exited;
    },
  };
}
