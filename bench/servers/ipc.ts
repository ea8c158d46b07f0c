/** The child side of bench/child.ts: announce readiness, answer questions, stop on SIGTERM. */

type Handlers = Record<string, () => unknown>;

export function serveIpc(ready: Record<string, unknown>, handlers: Handlers, onStop: () => Promise<void> | void): void {
  const stop = async () => {
    try {
      await onStop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop());
  // The parent died without stopping us: do not linger.
  process.on('disconnect', () => void stop());
  const all: Handlers = {
    memory: () => process.memoryUsage(),
    gc: () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    },
    ...handlers,
  };
  process.on('message', async (message: { type: string; id: number }) => {
    const handler = all[message.type];
    const answer = handler ? await handler() : { error: `unknown question ${message.type}` };
    process.send!({ id: message.id, answer });
  });
  process.send!({ type: 'ready', ...ready });
}
