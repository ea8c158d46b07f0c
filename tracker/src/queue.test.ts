// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../../shared/wire.ts';
import type { Head, Queued } from './queue.ts';
import { Sent } from './transport.ts';

let queue: typeof import('./queue.ts');
/** Every body posted, parsed, with whether it went by beacon. */
let posts: { body: Head & { events: WireEvent[] }; beacon: boolean }[];
/** What the fake collector answers next (then Ok). */
let answers: Sent[];
let allowed: boolean;

const HEAD: Head = { v: 1, site: 'demo', vid: 'v1' };
const T = Date.UTC(2026, 0, 1);
/** A new event as the core queues it: no id or session yet. */
const ev = (extra: Partial<Queued> = {}): Queued => ({ type: 'pageview', ts: T, url: 'https://site.example/', ...extra });
const ids = (i: number) => posts[i]!.body.events.map((e) => e.id);
const stored = (key: string) => JSON.parse(localStorage.getItem('tells_' + key) || 'null');
const kept = () => (stored('q') || []) as Queued[];

/** A fresh queue (a new page), over whatever localStorage holds. */
async function load() {
  vi.resetModules();
  queue = await import('./queue.ts');
  queue.startQueue(
    () => allowed,
    () => ({ ...HEAD }),
    async (body, beacon) => {
      posts.push({ body: JSON.parse(body), beacon: !!beacon });
      return answers.shift() ?? Sent.Ok;
    },
  );
}

beforeEach(async () => {
  vi.useFakeTimers({ now: T });
  localStorage.clear();
  posts = [];
  answers = [];
  allowed = true;
  await load();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('queue', () => {
  it('batches a burst into one request after the debounce, touching storage only then', async () => {
    const get = vi.spyOn(localStorage, 'getItem');
    queue.add(ev());
    queue.add(ev());
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS - 1);
    expect(posts).toHaveLength(0);
    expect(get).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject(HEAD);
    expect(posts[0]!.body.events).toHaveLength(2);
    expect(posts[0]!.beacon).toBe(false);
    expect(get).toHaveBeenCalled();
    expect(kept()).toEqual([]);
  });

  it('gives each event a unique id and its session when it is first stored, never sending the session tag', async () => {
    queue.add(ev());
    queue.add(ev({ ts: T + 1 }));
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    const [a, b] = posts[0]!.body.events;
    expect(a!.id).toMatch(/^[0-9a-z]+$/);
    expect(a!.id).not.toBe(b!.id);
    expect(a).not.toHaveProperty('s');
    expect(posts[0]!.body.sid).toMatch(/^[0-9a-z]{12}$/);
    expect(stored('s')).toEqual([posts[0]!.body.sid, T + 1]);
  });

  it('sends a high-value event by beacon at once, with whatever was waiting', async () => {
    queue.add(ev({ type: 'pageview' }));
    queue.add(ev({ type: 'download' }), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.beacon).toBe(true);
    expect(posts[0]!.body.events.map((e) => e.type)).toEqual(['pageview', 'download']);
  });

  it('puts at most 50 events in an envelope', async () => {
    for (let i = 0; i < 75; i++) queue.add(ev());
    queue.flush(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts.map((p) => p.body.events.length)).toEqual([50, 25]);
  });

  it('sends fetch batches one after another, in order', async () => {
    const all = Array.from({ length: 60 }, () => ev());
    for (const e of all) queue.add(e);
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    expect(posts.map((p) => p.body.events.length)).toEqual([50, 10]);
    expect([...ids(0), ...ids(1)]).toEqual(all.map((e) => e.id));
  });

  it('sends each event with the session it happened in, one session per envelope', async () => {
    // Two hours apart: the first visit's events could not be sent until the second.
    localStorage.setItem('tells_q', JSON.stringify([{ ...ev(), id: 'old1', s: 'visit1' }, { ...ev(), id: 'old2', s: 'visit1' }]));
    queue.add(ev({ ts: T + 2 * 3600_000 }));
    queue.flush(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts.map((p) => [p.body.sid, p.body.events.length])).toEqual([
      ['visit1', 2],
      [expect.not.stringMatching(/^visit1$/), 1],
    ]);
    for (const p of posts) for (const e of p.body.events) expect(e).not.toHaveProperty('s');
    expect(kept()).toEqual([]);
  });

  it('rotates the session on an idle gap between events waiting together', async () => {
    queue.add(ev());
    queue.add(ev({ ts: T + 31 * 60_000 }));
    queue.flush(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toHaveLength(2);
    expect(posts[0]!.body.sid).not.toBe(posts[1]!.body.sid);
  });

  it('drops events the collector refuses for good (4xx)', async () => {
    answers = [Sent.Drop];
    queue.add(ev());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toHaveLength(1);
    expect(kept()).toEqual([]);
  });

  it('retries with exponential backoff, keeping the events stored meanwhile', async () => {
    answers = [Sent.Retry, Sent.Retry, Sent.Retry];
    const e = ev();
    queue.add(e);
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    expect(posts).toHaveLength(1);
    expect(kept()).toEqual([e]);
    await vi.advanceTimersByTimeAsync(1999);
    expect(posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(posts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(8000);
    expect(posts).toHaveLength(4);
    expect(ids(3)).toEqual([e.id]);
    expect(kept()).toEqual([]);
  });

  it('does not beacon while backing off, and skips the wait when back online', async () => {
    answers = [Sent.Retry];
    queue.add(ev());
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    queue.add(ev(), true);
    queue.flush(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toHaveLength(1);
    // Still kept for the next page, should this one go now.
    expect(kept()).toHaveLength(2);
    queue.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.events).toHaveLength(2);
  });

  it('sends what an earlier page could not, on the next page, first', async () => {
    answers = [Sent.Retry];
    const e = ev();
    queue.add(e);
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    await load();
    queue.add(ev());
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    expect(posts).toHaveLength(2);
    expect(ids(1)).toHaveLength(2);
    expect(ids(1)[0]).toBe(e.id);
  });

  it('waits, storing nothing, while sending is not allowed', async () => {
    allowed = false;
    queue.add(ev(), true);
    queue.add(ev());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(posts).toHaveLength(0);
    expect(localStorage.length).toBe(0);
    allowed = true;
    queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(posts[0]!.body.events).toHaveLength(2);
  });

  it('keeps at most 100 events, the newest', async () => {
    answers = [Sent.Retry];
    const all = Array.from({ length: 150 }, () => ev());
    for (const e of all) queue.add(e);
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    expect(kept().map((e) => e.id)).toEqual(all.slice(50).map((e) => e.id));
  });

  it('keeps at most 32 KB, the newest', async () => {
    answers = [Sent.Retry];
    const all = Array.from({ length: 40 }, () => ev({ title: 'x'.repeat(1000) }));
    for (const e of all) queue.add(e);
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    const q = JSON.stringify(kept());
    expect(q.length).toBeLessThanOrEqual(queue.MAX_KEPT_CHARS);
    expect(q.length).toBeGreaterThan(queue.MAX_KEPT_CHARS - 1200);
    expect(kept().at(-1)!.id).toBe(all.at(-1)!.id);
  });

  it('swallows quota errors and still delivers', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => queue.add(ev())).not.toThrow();
    await vi.advanceTimersByTimeAsync(queue.DEBOUNCE_MS);
    expect(posts).toHaveLength(1);
  });

  it('cap leaves a list within bounds as it is', () => {
    expect(queue.cap([])).toEqual([]);
    const few = [ev(), ev()];
    expect(queue.cap(few)).toEqual(few);
  });
});
