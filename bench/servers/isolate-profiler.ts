/**
 * A V8 CPU profile of one Worker's isolate through workerd's inspector (what `wrangler dev`'s
 * DevTools use): the JavaScript CPU of the Worker alone, without the local D1 (a separate
 * isolate and native SQLite) or Miniflare's router. Needs a global WebSocket
 * (`node --experimental-websocket` on Node 20).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface IsolateCpu {
  /** ms of samples in JavaScript, builtins and GC (not idle, not "program"). */
  jsMs: number;
  /** ms of "(program)" samples: native work outside JS, or waiting when the embedder does not mark idle. */
  programMs: number;
  idleMs: number;
  /** Top functions by self time, for where the time goes. */
  top: { name: string; ms: number }[];
}

export async function connectProfiler(inspectorPort: number, workerName: string) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { id: string; title?: string; webSocketDebuggerUrl?: string }[];
  const target = targets.find((t) => t.id === workerName || t.title === workerName || t.webSocketDebuggerUrl?.endsWith(`/${workerName}`)) ?? targets[0];
  if (!target?.webSocketDebuggerUrl) throw new Error(`no inspector target: ${JSON.stringify(targets)}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((open, fail) => {
    socket.addEventListener('open', open, { once: true });
    socket.addEventListener('error', fail, { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((done) => {
      const id = ++nextId;
      pending.set(id, done as (result: unknown) => void);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: () => send('Profiler.start'),
    async stop(): Promise<IsolateCpu> {
      const { profile } = await send<{ profile: Profile }>('Profiler.stop');
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const self = new Map<string, number>();
      let jsMs = 0;
      let programMs = 0;
      let idleMs = 0;
      profile.samples.forEach((id, i) => {
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        const frame = byId.get(id)!.callFrame;
        if (frame.functionName === '(idle)') idleMs += ms;
        else if (frame.functionName === '(program)' || frame.functionName === '(root)') programMs += ms;
        else {
          jsMs += ms;
          const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${frame.url.split('/').pop()}` : ''}`;
          self.set(name, (self.get(name) ?? 0) + ms);
        }
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, ms]) => ({ name, ms }));
      return { jsMs, programMs, idleMs, top };
    },
    close: () => socket.close(),
  };
}
