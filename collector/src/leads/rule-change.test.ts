/** After the intent rules change, a lead's next beacon replays its history under the new rules. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { defaultScoring } from '../scoring/index.ts';
import { API_KEY, beacon, collect, event, ORIGIN, testCollector, testConfig, type TestCollector } from '../test-support.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const intentOf = async (app: ReturnType<typeof createApp>) => {
  const res = await app.request('/api/leads', { headers: { authorization: `Bearer ${API_KEY}` } });
  return ((await res.json()) as { data: { intent: number }[] }).data[0]!.intent;
};

describe('changing the intent rules', () => {
  it('replays the history under the new rules on the next beacon', async () => {
    await collect(t.app, beacon([event({ url: `${ORIGIN}/pricing`, ts: t.clock.now - 5000 })]));
    const before = await intentOf(t.app);
    expect(before).toBeGreaterThan(0);

    // The same database, served with pricing worth four times as much.
    const intent = defaultScoring.intent.map((rule) => (rule.id === 'pricing-page' ? { ...rule, points: rule.points * 4, cap: rule.cap * 4 } : rule));
    const richer = createApp({
      store: t.store,
      config: parseConfig({ ...testConfig, scoring: { intent } }),
      apiKey: API_KEY,
      now: () => t.clock.now,
      clientIp: () => '127.0.0.1',
      asset: async () => undefined,
      background: () => {},
    });
    await collect(richer, beacon([event({ url: `${ORIGIN}/blog/x`, ts: t.clock.now - 1000 })]));
    // The old pricing view now counts at the new value: the state was rebuilt, not patched.
    expect(await intentOf(richer)).toBeGreaterThanOrEqual(before * 4);
  });
});
