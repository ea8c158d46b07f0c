import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openNodeStore, type NodeStore } from './node-store.ts';
import { checkpointInBackground } from './wal-checkpointer.ts';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('checkpointInBackground', () => {
  let dir: string;
  let store: NodeStore;
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'tells-checkpoint-'));
    store = openNodeStore(join(dir, 'tells.db'));
    store.sqlite.exec('create table filler (id integer primary key, text text)');
    return store;
  };
  /** Transactions of rows big enough to dirty a few pages each. */
  const write = (transactions: number) => {
    const insert = store.sqlite.prepare('insert into filler (text) values (?)');
    const many = store.sqlite.transaction(() => {
      for (let i = 0; i < 4; i++) insert.run('x'.repeat(3000));
    });
    for (let i = 0; i < transactions; i++) many();
  };
  const size = () => statSync(join(dir, 'tells.db')).size;
  /** The WAL header's checkpoint sequence number, which goes up each time the WAL starts over (https://sqlite.org/fileformat.html#wal_file_format). */
  const checkpointSequence = () => {
    const fd = openSync(join(dir, 'tells.db-wal'), 'r');
    try {
      const header = Buffer.alloc(32);
      readSync(fd, header, 0, 32, 0);
      return header.readUInt32BE(12);
    } finally {
      closeSync(fd);
    }
  };

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('copies committed pages into the database file while the serving connection checkpoints nothing', async () => {
    open();
    const checkpointer = checkpointInBackground(store.sqlite, { everyMs: 20 });
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = size();
    write(50);
    await until(() => size() > before + 50 * 4 * 3000);
    await checkpointer.stop();
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(store.sqlite.prepare('select count(*) as n from filler').get()).toEqual({ n: 200 });
  });

  it('starts the WAL over once it passes restartFrames, under writes that never pause', async () => {
    open();
    write(1);
    const first = checkpointSequence();
    const checkpointer = checkpointInBackground(store.sqlite, { everyMs: 10, restartFrames: 100 });
    // A passive checkpoint never catches up with writes that never pause: only a restart starts the WAL over.
    for (const deadline = Date.now() + 10_000; checkpointSequence() === first && Date.now() < deadline; ) write(10);
    await checkpointer.stop();
    expect(checkpointSequence()).toBeGreaterThan(first);
  });

  it('logs a thread that fails and gives checkpoints back to the serving connection', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    open();
    // The thread opens the file by name: with its folder gone, it cannot.
    rmSync(dir, { recursive: true, force: true });
    const checkpointer = checkpointInBackground(store.sqlite);
    await until(() => store.sqlite.pragma('wal_autocheckpoint', { simple: true }) === 1000);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('checkpoint thread failed'), expect.anything());
    await checkpointer.stop();
  });
});
