/**
 * One bounded autocannon run (by time or by request count) against a child server on 127.0.0.1,
 * recording the CPU that both sides used: the load generator runs in this process, on the same
 * two cores as the server.
 */
import autocannon, { type Result } from 'autocannon';
import { cpuSeconds, ownCpuSeconds } from './proc.ts';

export interface LoadSpec {
  url: string;
  path: string;
  /** A fresh body per request. */
  body?: () => string;
  method?: string;
  headers?: Record<string, string>;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  seconds?: number;
  /** Requests to send, then stop. */
  amount?: number;
  /** With `amount`: stop anyway after this many seconds. */
  maxSeconds?: number;
  serverPid: number;
}

export interface LoadRun {
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU of the load generator (this process) as a share of one core over the run. */
  loadGenCpu: number;
  /** CPU of the server process as a share of one core. */
  serverCpu: number;
}

/** The count bound of a timed run: far above what this machine serves, so time is what ends it. */
const MAX_REQ_PER_SEC = 100_000;

export async function runLoad(spec: LoadSpec): Promise<LoadRun> {
  const headers = { 'content-type': 'text/plain', ...spec.headers };
  const method = spec.method ?? 'POST';
  const body = spec.body;
  const ownBefore = ownCpuSeconds();
  const serverBefore = cpuSeconds(spec.serverPid);
  const wallBefore = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const result = await new Promise<Result>((done, fail) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        // Bounded in time and in count, whichever comes first.
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds ?? 10, maxOverallRequests: Math.ceil((spec.seconds ?? 10) * MAX_REQ_PER_SEC) }),
        timeout: 30,
        requests: [
          {
            method,
            path: spec.path,
            headers,
            ...(body ? { setupRequest: (request) => ({ ...request, body: body() }) } : {}),
          },
        ],
      },
      (err, res) => (err ? fail(err) : done(res)),
    );
    if (spec.amount && spec.maxSeconds) timer = setTimeout(() => instance.stop(), spec.maxSeconds * 1000);
  }).finally(() => clearTimeout(timer));
  const wall = (performance.now() - wallBefore) / 1000;
  const requests = Object.values(result.statusCodeStats).reduce((sum, s) => sum + Number(s.count), 0);
  return {
    requests,
    seconds: wall,
    reqPerSec: requests / wall,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    loadGenCpu: (ownCpuSeconds() - ownBefore) / wall,
    serverCpu: (cpuSeconds(spec.serverPid) - serverBefore) / wall,
  };
}
