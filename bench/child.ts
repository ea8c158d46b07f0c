/**
 * Servers under test run in a child process (`node --import tsx`), so the load generator in this
 * process never shares their event loop. Each child announces `{ type: 'ready', ... }` over IPC
 * and answers `{ type, id }` questions; `stop()` kills it (SIGTERM, then SIGKILL) and is always
 * called in a `finally`. Children still alive when this process exits are killed too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const HERE = import.meta.dirname;
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ChildServer<Ready> {
  pid: number;
  ready: Ready;
  /** Asks the child something (`memory`, `gc`, ...) and waits for its answer. */
  ask<T>(type: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `bench/servers/<name>.ts` with the extra env and waits for its ready message. */
export async function startChild<Ready extends { type: 'ready' }>(
  name: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<ChildServer<Ready>> {
  const script = resolve(HERE, 'servers', `${name}.ts`);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  live.add(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  exited.then(() => live.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const ready = await new Promise<Ready>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${name}: not ready after ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
      child.once('exit', (code, signal) => fail(new Error(`${name}: exited before ready (${code ?? signal})`)));
      child.on('message', (message: { type?: string }) => {
        if (message?.type === 'ready') {
          clearTimeout(timer);
          done(message as Ready);
        }
      });
    });
    let nextId = 0;
    const ask = <T>(type: string, timeoutMs = 30_000) =>
      new Promise<T>((done, fail) => {
        const id = ++nextId;
        const timer = setTimeout(() => fail(new Error(`${name}: no answer to ${type}`)), timeoutMs);
        const listener = (message: { id?: number; answer?: T }) => {
          if (message?.id !== id) return;
          clearTimeout(timer);
          child.off('message', listener);
          done(message.answer as T);
        };
        child.on('message', listener);
        child.send({ type, id });
      });
    return { pid: child.pid!, ready, ask, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
