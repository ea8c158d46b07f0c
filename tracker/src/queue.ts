/**
 * The outbox. Events wait here — in storage too, so events that could not be sent survive
 * the page — until they are handed to the network; a failed send puts them back in front.
 * Retries are safe: the collector stores an event id once.
 */
import type { Envelope, WireEvent } from '../../shared/wire.ts';
import { get, set } from './store.ts';
import { Sent } from './transport.ts';

/** The envelope; its `events` (and `sid`) are filled in per batch. */
export type Head = Omit<Envelope, 'events'> & { events?: WireEvent[] };

/**
 * An event in the outbox, with `s`, the session it happened in (kept here, never sent). An event
 * may leave in a later session (sent after a failure, or from the storage of an earlier page), and
 * the envelope's `sid` must still be its own: the collector counts visits and "once per session"
 * rules by it.
 */
export type Queued = WireEvent & { s?: string };

/** Bounds of the queue kept across pages: it must never crowd the site's own storage. */
export const MAX_KEPT = 100;
export const MAX_KEPT_CHARS = 32 * 1024;
/** Ordinary events wait this long, so a burst goes out as one request. */
export const DEBOUNCE_MS = 1000;

let q: Queued[] = [];
let busy = false;
let tries = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let head: () => Head | false | undefined;
let post: (body: string, beacon?: boolean) => Promise<Sent>;

/** The newest events within the caps; the oldest go first. */
export function cap(q: Queued[]): Queued[] {
  let i = Math.max(0, q.length - MAX_KEPT);
  for (let size = JSON.stringify(q.slice(i)).length; size > MAX_KEPT_CHARS; ) size -= JSON.stringify(q[i++]).length + 1;
  return q.slice(i);
}

const save = () => set('q', (q = cap(q)));
const later = (ms: number) => {
  clearTimeout(timer);
  timer = setTimeout(flush, ms);
};

/**
 * Starts the queue with what earlier pages left unsent. `h` gives the envelope, or nothing
 * while sending is not allowed (consent pending): events then wait. `p` posts one body.
 */
export const startQueue = (h: typeof head, p: typeof post) => {
  head = h;
  post = p;
  q = cap(get<Queued[]>('q') || []);
};

/** Queues an event. `now` sends it, and all that is pending, by beacon at once. */
export const add = (e: Queued, now?: boolean) => {
  q.push(e);
  save();
  // While backing off, the backoff timer sends.
  if (!tries) now ? flush(true) : later(DEBOUNCE_MS);
};

/**
 * Sends what is pending, 50 events per envelope and one session per envelope; `beacon` when the
 * page may be going away.
 */
export function flush(beacon?: boolean): void {
  clearTimeout(timer);
  const h = head();
  // A beacon cannot report a failing collector, so while backing off, events wait for the
  // backoff timer or the next page. Fetches go one at a time, in order.
  if (h && !(beacon ? tries : busy))
    for (const sid = h.sid; q.length; ) {
      const s = q[0]!.s;
      const n = q.findIndex((e, i) => i > 49 || e.s != s);
      const batch = q.splice(0, n < 0 ? 50 : n);
      h.sid = s || sid;
      // JSON leaves out undefined: the tag stays in the outbox.
      h.events = batch.map((e) => Object.assign({}, e, { s: undefined }));
      save();
      busy = busy || !beacon;
      post(JSON.stringify(h), beacon).then((r) => {
        if (!beacon) busy = false;
        if (r == Sent.Retry) {
          q = batch.concat(q);
          save();
          later(Math.min(60_000, 1000 * 2 ** ++tries));
        } else {
          // Delivered, or refused for good: a 4xx other than 429 would only fail again.
          tries = 0;
          if (!beacon) flush();
        }
      });
      if (!beacon) break;
    }
}

/** Back online: skip the rest of the backoff. */
export const wake = () => {
  tries = 0;
  flush();
};
