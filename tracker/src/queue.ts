/**
 * The outbox. New events wait in page memory until the first send, which also takes in what
 * earlier pages left unsent; from then on the outbox is kept in storage too, so events that
 * could not be sent survive the page. A failed send puts its events back in front. Retries are
 * safe: the collector stores an event id once.
 *
 * Storage is first touched by that first send, never while the page loads: Chromium opens an
 * origin's localStorage on first use (a blocking trip to the browser process), and events wait
 * for the batch anyway.
 */
import type { Envelope, WireEvent } from '../../shared/wire.ts';
import { guard } from './guard.ts';
import { eventId, sessionId } from './ids.ts';
import { get, set } from './store.ts';
import { Sent } from './transport.ts';

/** The envelope; its `sid` and `events` are filled in per batch. */
export type Head = Omit<Envelope, 'events' | 'sid'> & { sid?: string; events?: WireEvent[] };

/**
 * An event in the outbox, with `s`, the session it happened in (kept here, never sent). An event
 * may leave in a later session (sent after a failure, or from the storage of an earlier page), and
 * the envelope's `sid` must still be its own: the collector counts visits and "once per session"
 * rules by it. Until it is stored an event has neither id nor session.
 */
export type Queued = Omit<WireEvent, 'id'> & { id?: string; s?: string };

/** Bounds of the queue kept across pages: it must never crowd the site's own storage. */
export const MAX_KEPT = 100;
export const MAX_KEPT_CHARS = 32 * 1024;
/** Ordinary events wait this long, so a burst goes out as one request. */
export const DEBOUNCE_MS = 1000;

let q: Queued[] = [];
/** Whether `q` holds what earlier pages stored. */
let restored = false;
let busy = false;
let tries = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let allowed: () => boolean | undefined;
let head: () => Head;
let post: (body: string, beacon?: boolean) => Promise<Sent>;

/** Drops the oldest events until `q` is within the caps; returns it. */
export function cap(q: Queued[]): Queued[] {
  for (let size = JSON.stringify(q).length; q.length > MAX_KEPT || size > MAX_KEPT_CHARS; ) size -= JSON.stringify(q.shift()).length + 1;
  return q;
}

const keep = () => set('q', cap(q));
const later = (ms: number) => {
  clearTimeout(timer);
  timer = setTimeout(guard(flush), ms);
};

/**
 * Starts the queue. `a` says whether events may be kept and sent (consent pending: they wait
 * in page memory); it is asked before anything else is read from storage. `h` gives the
 * envelope; `p` posts one body.
 */
export const startQueue = (a: typeof allowed, h: typeof head, p: typeof post) => {
  allowed = a;
  head = h;
  post = p;
};

/** Queues an event. `now` sends it, and all that is pending, by beacon at once. */
export const add = (e: Queued, now?: boolean) => {
  q.push(e);
  // While backing off, the backoff timer sends.
  if (!tries) now ? flush(true) : later(DEBOUNCE_MS);
};

/**
 * Keeps the outbox and sends what is pending, 50 events per envelope and one session per
 * envelope; `beacon` when the page may be going away. The outbox is earlier pages' events
 * first, then this page's, each given its id and session in order of time (the session rotates
 * on the gaps between them), less what is handed to the network.
 */
export function flush(beacon?: boolean): void {
  clearTimeout(timer);
  if (allowed()) {
    if (!restored) (q = (get<Queued[]>('q') || []).concat(q)), (restored = true);
    for (const e of q) if (!e.id) (e.s = sessionId(e.ts)), (e.id = eventId(e.ts));
    // A beacon cannot report a failing collector, so while backing off, events wait for the
    // backoff timer or the next page. Fetches go one at a time, in order.
    if (!(beacon ? tries : busy))
      while (q.length) {
        const h = head();
        const s = q[0]!.s;
        const n = q.findIndex((e, i) => i > 49 || e.s != s);
        const batch = q.splice(0, n < 0 ? 50 : n);
        h.sid = s;
        // JSON leaves out undefined: the tag stays in the outbox.
        h.events = batch.map((e) => Object.assign({}, e, { s: undefined }) as WireEvent);
        busy = busy || !beacon;
        post(JSON.stringify(h), beacon).then(
          guard((r: Sent) => {
            if (!beacon) busy = false;
            if (r == Sent.Retry) {
              q = batch.concat(q);
              keep();
              later(Math.min(60_000, 1000 * 2 ** ++tries));
            } else {
              // Delivered, or refused for good: a 4xx other than 429 would only fail again.
              tries = 0;
              if (!beacon && q.length) flush();
            }
          }),
        );
        if (!beacon) break;
      }
    keep();
  }
}

/** Back online: skip the rest of the backoff. */
export const wake = () => {
  tries = 0;
  flush();
};
