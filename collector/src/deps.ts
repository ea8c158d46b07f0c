/**
 * What a runtime entry (Node, Workers) hands the core. The core reads nothing else from its
 * environment: no `process.env`, no `c.env`.
 */
import type { Context } from 'hono';
import type { TellsConfig } from './config.ts';
import type { Store } from './db/store.ts';

/** A static file the collector serves (the tracker). */
export interface Asset {
  body: string;
  contentType: string;
}

export interface Deps {
  store: Store;
  config: TellsConfig;
  /** The admin bearer key. */
  apiKey: string;
  /** Milliseconds since the epoch; injected so tests control time. */
  now(): number;
  /** The client's IP as the runtime sees it (socket or `cf-connecting-ip`). */
  clientIp(c: Context): string | undefined;
  /** The built tracker files by name (`t.js`, `vitals.js`), or undefined when missing. */
  asset(name: string): Promise<Asset | undefined>;
}
