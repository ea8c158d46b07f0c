import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beacon, collect, event, testCollector, type TestCollector } from '../test-support.ts';
import { purgeExpiredEvents } from './retention.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const DAY = 24 * 3600_000;

describe('purgeExpiredEvents', () => {
  it('deletes events received before the retention window and keeps the rest', async () => {
    await collect(t.app, beacon([event(), event()], { vid: 'old' }));
    t.clock.now += 100 * DAY;
    await collect(t.app, beacon([event({ ts: t.clock.now - 1000 })], { vid: 'new' }));
    expect(await purgeExpiredEvents(t.store, t.clock.now, 30)).toBe(2);
    expect(t.store.sqlite.prepare('select vid from events').pluck().all()).toEqual(['new']);
    expect(await purgeExpiredEvents(t.store, t.clock.now, 30)).toBe(0);
  });
});
