/** Sequential timed requests over one kept-alive connection: latency without queueing. */
import { Agent, request } from 'node:http';

export interface Timed {
  ms: number;
  status: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function timedRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Timed> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ ms: performance.now() - started, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(init.body);
  });
}

/** Closes the kept-alive sockets (so a child server can stop at once). */
export function closeConnections(): void {
  agent.destroy();
}
