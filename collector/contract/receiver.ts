/** A webhook receiver on loopback HTTP, standing in for a CRM: records deliveries, can fail or stall. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Delivery[];
  /** The status it answers with. */
  status: number;
  /** Stalls every answer until `release()`, like a slow CRM. */
  hold(): void;
  release(): void;
  /** Forgets what it received, answers 200 again, releases any held answer. */
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let held: (() => void)[] | null = null;
  const receiver = { received: [] as Delivery[], status: 200 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body });
      const answer = () => res.writeHead(receiver.status).end();
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const release = () => {
    const waiting = held ?? [];
    held = null;
    for (const answer of waiting) answer();
  };
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    hold: () => void (held ??= []),
    release,
    reset: () => {
      release();
      receiver.received.length = 0;
      receiver.status = 200;
    },
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise<void>((closed) => server.close(() => closed()));
    },
  });
}
