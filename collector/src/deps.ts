/**
 * What a runtime entry (Node, Workers) hands the core. The core reads nothing else from its
 * environment: no `process.env`, no `c.env`.
 */
import type { Context } from 'hono';
import type { Envelope } from '../../shared/wire.ts';
import type { TellsConfig } from './config.ts';
import type { Limiter } from './http/rate-limit.ts';
import type { Schedule } from './ingest/group-commit.ts';
import type { Store } from './db/store.ts';

/** A validated beacon on its way through a queue (queue mode), stamped with its arrival time. */
export interface QueuedBeacon {
  envelope: Envelope;
  receivedAt: number;
  /** Classified at the edge, where the user agent is known. */
  bot: boolean;
}

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
  /**
   * Runs follow-up work (webhook deliveries) after the response, never delaying it:
   * `ctx.waitUntil` on Workers, a detached promise on Node. The outbox keeps it safe if the
   * runtime dies first.
   */
  background(c: Context, task: () => Promise<void>): void;
  /**
   * Group commit: when set, beacons that arrive together are written in one transaction (and
   * their leads scored in one more) once this schedule runs, instead of one commit each. Node
   * sets it (`setImmediate`): its one process is the database's only writer. Workers leave it
   * unset: a request's promise must not be settled from another request's context.
   */
  groupCommit?: Schedule;
  /**
   * Queue mode (Workers with a Queue, for more beacons than one database writer takes): when
   * set, `POST /collect` validates the beacon and hands it here instead of writing it, and
   * answers 202 once this resolves; the queue's consumer stores and scores it
   * (`Collector.consumeBeacons`). Unset: the beacon is committed before the answer.
   */
  enqueue?(beacon: QueuedBeacon): Promise<void>;
  /**
   * A limiter shared by every instance for a rate-limit rule (the Rate Limiting binding on
   * Workers); undefined: in-process token buckets sized by `config.limits`.
   */
  limiter?(rule: RateLimitRule): Limiter | undefined;
}

export type RateLimitRule = keyof TellsConfig['limits'];
