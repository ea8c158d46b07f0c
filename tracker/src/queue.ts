/**
 * The outbox. Events stay in it — and in storage, so a closed tab or a dead connection loses
 * nothing — until the collector has answered for them: at-least-once delivery, made
 * exactly-once by the collector, which stores an event id once.
 */
import type { Envelope, WireEvent } from '../../shared/wire.ts';
import { get, set } from './store.ts';
import { Sent } from './transport.ts';

/** The envelope; its `events` are filled in per batch. */
export type Head = Omit<Envelope, 'events'> & { events?: WireEvent[] };

/** Bounds of the queue kept across pages: it must never crowd the site's own storage. */
export const MAX_KEPT = 100;
export const MAX_KEPT_CHARS = 32 * 1024;
/** Ordinary events wait this long, so a burst goes out as one request. */
export const DEBOUNCE_MS = 1000;
const MAX_BATCH = 50;

let q: WireEvent[] = [];
let flying: WireEvent[] = [];
let tries = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let head: () => Head | false | undefined;
let post: (body: string, beacon?: boolean) => Promise<Sent>;

/** The newest events within the caps; the oldest go first. */
export function cap(q: WireEvent[]): WireEvent[] {
  let i = Math.max(0, q.length - MAX_KEPT);
  let size = JSON.stringify(q.slice(i)).length;
  while (size > MAX_KEPT_CHARS) size -= JSON.stringify(q[i++]).length + 1;
  return q.slice(i);
}

const save = () => set('q', (q = cap(q)));
const later = (ms: number) => {
  clearTimeout(timer);
  timer = setTimeout(flush, ms);
};
const without = (a: WireEvent[], b: WireEvent[]) => a.filter((e) => b.indexOf(e) < 0);

/**
 * Starts the queue with what earlier pages left unsent. `h` gives the envelope, or nothing
 * while sending is not allowed (consent pending): events then wait. `p` posts one body.
 */
export function startQueue(h: typeof head, p: typeof post): void {
  head = h;
  post = p;
  q = cap(get<WireEvent[]>('q') || []);
}

/** Queues an event. `now` sends it, and all that is pending, by beacon at once. */
export function add(e: WireEvent, now?: boolean): void {
  q.push(e);
  save();
  // While backing off, the backoff timer sends.
  if (!tries) now ? flush(true) : later(DEBOUNCE_MS);
}

/** Sends what is pending, in batches; `beacon` when the page may be going away. */
export function flush(beacon?: boolean): void {
  clearTimeout(timer);
  const h = head();
  // A beacon cannot report failure, so while the collector is failing, events wait for the
  // backoff timer or the next page instead. Fetches go one at a time, in order.
  if (!h || (beacon ? tries : flying.length)) return;
  do {
    const batch = without(q, flying).slice(0, MAX_BATCH);
    if (!batch.length) return;
    flying = flying.concat(batch);
    h.events = batch;
    post(JSON.stringify(h), beacon).then((r) => {
      flying = without(flying, batch);
      if (r == Sent.Retry) later(Math.min(60_000, 1000 * 2 ** ++tries));
      else {
        // Delivered, or refused for good: a 4xx other than 429 would only fail again.
        q = without(q, batch);
        save();
        tries = 0;
        if (!beacon) flush();
      }
    });
  } while (beacon);
}

/** Back online: skip the rest of the backoff. */
export function wake(): void {
  tries = 0;
  flush();
}
