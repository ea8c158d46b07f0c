import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/wire.ts';
import { isBotTraffic } from './classify-bot.ts';

const CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const envelope = (overrides: Partial<Envelope> = {}, pages = 1, spanMs = 60_000): Envelope => ({
  v: 1,
  site: 'demo',
  vid: 'v',
  sid: 's',
  events: Array.from({ length: pages }, (_, i) => ({ id: `e${i}`, type: 'pageview' as const, ts: 1e12 + (i * spanMs) / Math.max(1, pages - 1), url: 'https://a.example/' })),
  ...overrides,
});

describe('isBotTraffic', () => {
  it.each([
    ['a person in Chrome', CHROME, envelope(), false],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', envelope(), true],
    ['curl', 'curl/8.4.0', envelope(), true],
    ['no user agent', undefined, envelope(), true],
    ['headless automation (webdriver)', CHROME, envelope({ wd: true }), true],
    ['30 pages in 3 seconds', CHROME, envelope({}, 30, 3000), true],
    ['30 pages in 10 minutes', CHROME, envelope({}, 30, 600_000), false],
  ])('%s', (_, ua, env, expected) => {
    expect(isBotTraffic(ua, env, false)).toBe(expected);
  });

  it('lets test environments drive a browser when automation is allowed', () => {
    expect(isBotTraffic('HeadlessChrome', envelope({ wd: true }), true)).toBe(false);
  });
});
