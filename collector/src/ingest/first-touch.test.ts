/** First touch: the tracker learns it a moment after the first pageview; the first one known sticks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, beacon, collect, event, testCollector, type TestCollector } from '../test-support.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

describe('first touch', () => {
  it('is filled in by the first beacon that carries it, and never overwritten', async () => {
    await collect(t.app, beacon([event()]));
    await collect(t.app, beacon([event()], { ft: { utm_source: 'linkedin', utm_campaign: 'q4' } }));
    await collect(t.app, beacon([event()], { ft: { utm_source: 'google' } }));
    const res = await t.app.request('/api/leads', { headers: { authorization: `Bearer ${API_KEY}` } });
    const { data } = (await res.json()) as { data: { firstTouch: Record<string, string> }[] };
    expect(data[0]!.firstTouch).toEqual({ utm_source: 'linkedin', utm_campaign: 'q4' });
    expect(JSON.parse(t.store.sqlite.prepare('select first_touch from visitors').pluck().get() as string)).toEqual({ utm_source: 'linkedin', utm_campaign: 'q4' });
  });
});
