/** Bots are stored and counted, never scored into an MQL; test environments may allow automation. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { API_KEY, beacon, collect, event, ORIGIN, testCollector, type TestCollector } from '../test-support.ts';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
let t: TestCollector;
afterEach(() => t.close());

async function buyer(vid: string, headers: Record<string, string>, wd = false) {
  await t.app.request('/api/accounts', {
    method: 'PUT',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/csv' },
    body: 'domain,name,employees,tier\nacme-logistics.example,Acme Logistics,1200,tier1\n',
  });
  const now = t.clock.now;
  const events = [
    event({ url: `${ORIGIN}/pricing`, ts: now - 90_000 }),
    event({ url: `${ORIGIN}/pricing`, ts: now - 60_000 }),
    event({ type: 'form_submit', url: `${ORIGIN}/demo`, ts: now - 30_000, props: { form: 'demo-request', email: `${vid}@acme-logistics.example`, jobTitle: 'VP Operations', companySize: '1001-5000' } }),
  ];
  const res = await collect(t.app, beacon(events, { vid, wd }), headers);
  expect(res.status).toBe(202);
}

const admin = async (path: string) => (await t.app.request(path, { headers: { authorization: `Bearer ${API_KEY}` } })).json();
const mqls = async () => ((await admin('/api/mqls')) as { data: unknown[] }).data;
const bots = async () => ((await admin('/api/stats')) as { bots: number }).bots;

describe('bots', () => {
  const strict = parseConfig({ sites: [{ id: 'demo', origins: [ORIGIN] }] });

  it('qualifies a person in a browser', async () => {
    t = testCollector(strict);
    await buyer('person', { 'user-agent': CHROME });
    expect(await mqls()).toHaveLength(1);
    expect(await bots()).toBe(0);
  });

  it.each([
    ['a crawler user agent', { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0)' }, false],
    ['no user agent', {}, false],
    ['the tracker’s webdriver flag', { 'user-agent': CHROME }, true],
  ])('stores but never qualifies traffic with %s', async (_, headers, wd) => {
    t = testCollector(strict);
    await buyer('robot', headers, wd);
    expect(await mqls()).toEqual([]);
    expect(t.store.sqlite.prepare('select count(*) from events').pluck().get()).toBe(3);
    const lead = t.store.sqlite.prepare('select bot, fit from leads').get() as { bot: number };
    expect(lead.bot).toBe(1);
    expect(await bots()).toBe(1);
  });

  it('counts a lead that reads many pages with no engaged time as a bot in the stats, and not once it engages', async () => {
    t = testCollector(strict);
    const pages = Array.from({ length: 8 }, (_, i) => event({ url: `${ORIGIN}/blog/${i}`, ts: t.clock.now - 600_000 + i * 60_000 }));
    await collect(t.app, beacon(pages, { vid: 'skimmer' }), { 'user-agent': CHROME });
    await collect(t.app, beacon([event({ type: 'engagement', url: `${ORIGIN}/blog/7`, ts: t.clock.now - 1000, props: { engagedMs: 0, scrollPct: 0 } })], { vid: 'skimmer' }), { 'user-agent': CHROME });
    expect(await bots()).toBe(1);
    await collect(t.app, beacon([event({ type: 'engagement', url: `${ORIGIN}/blog/7`, ts: t.clock.now - 500, props: { engagedMs: 4000, scrollPct: 60 } })], { vid: 'skimmer' }), { 'user-agent': CHROME });
    expect(await bots()).toBe(0);
  });

  it('lets a test environment drive a browser with allowAutomation', async () => {
    t = testCollector({ ...strict, allowAutomation: true });
    await buyer('automated', { 'user-agent': 'HeadlessChrome' }, true);
    expect(await mqls()).toHaveLength(1);
  });
});
