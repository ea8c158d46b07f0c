/**
 * One lead's history for the scoring phase: a realistic, endless stream of events a minute apart,
 * five per session — pages (pricing, blog, docs, careers), engagement, downloads, and a demo
 * request now and then — so every intent rule, cap, frequency limit and window is exercised.
 */
import type { ScoringEvent } from '../collector/src/scoring/index.ts';

const PAGES = ['/', '/blog/intent-data', '/product/tour', '/docs/start', '/pricing', '/blog/b2b-funnels', '/integrations/crm', '/demo', '/contact', '/careers'];
const MINUTE = 60_000;

/** Event number `k` of the lead, `endAt` being the time of event number `total`. */
export function historyEvent(k: number, total: number, endAt: number): ScoringEvent {
  const ts = endAt - (total - k) * MINUTE;
  const path = PAGES[(k * 7) % PAGES.length]!;
  const base = { id: `h${k}`, ts, url: `https://www.example.com${path}`, path, sid: `hs${Math.floor(k / 5)}`, title: 'A page' };
  const r = k % 20;
  if (k % 500 === 499) return { ...base, type: 'form_submit', props: { form: 'demo-request', email: 'pat@acct1.example' } };
  if (r < 3) return { ...base, type: 'engagement', props: { engagedMs: 20_000 + r * 30_000, scrollPct: 40 + r * 20 } };
  if (r === 3) return { ...base, type: 'download', props: { href: `https://www.example.com/resources/guide-${k % 4}.pdf` } };
  return { ...base, type: 'pageview', props: {} };
}
