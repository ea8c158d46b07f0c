import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolvePublicFile } from '../../demo-site/server.ts';
import { envelopeSchema, eventSchema, PROFILE_FIELDS, type Envelope } from '../../shared/wire.ts';
import { parseAccountsCsv, readDemoAccountsCsv } from './accounts.ts';
import { PAGE_TITLES } from './demo-site.ts';
import { generateVisitor, type SimulatedVisitor } from './generate-visitor.ts';
import { PERSONAS } from './personas.ts';
import { createRng, visitorSeed } from './rng.ts';
import type { GeneratorOptions } from './visitor-plan.ts';

const PUBLIC = fileURLToPath(new URL('../../demo-site/public/', import.meta.url));
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const OPTS: GeneratorOptions = { site: 'demo', demoOrigin: 'http://localhost:3000', now: NOW, accounts: parseAccountsCsv(readDemoAccountsCsv()) };

function population(seed: number, count: number): SimulatedVisitor[] {
  return Array.from({ length: count }, (_, i) => generateVisitor(createRng(visitorSeed(seed, i)), i, OPTS));
}
const visitors = population(7, 400);
const envelopes: Envelope[] = visitors.flatMap((v) => v.envelopes);
const events = envelopes.flatMap((e) => e.events);

describe('generateVisitor', () => {
  it('produces envelopes and events valid against the wire schema', () => {
    for (const envelope of envelopes) {
      const parsed = envelopeSchema.safeParse(envelope);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    for (const event of events) {
      const parsed = eventSchema.safeParse(event);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('gives every event a unique id', () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('spreads timestamps over the last two weeks, never in the future', () => {
    const ts = events.map((e) => e.ts);
    expect(Math.max(...ts)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...ts)).toBeGreaterThan(NOW - 16 * 86_400_000);
    expect(Math.min(...ts)).toBeLessThan(NOW - 10 * 86_400_000);
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(population(7, 50)).toEqual(visitors.slice(0, 50));
    expect(population(8, 50)).not.toEqual(visitors.slice(0, 50));
  });

  it('pins a small seeded run: same seed, same beacons, to the byte', () => {
    const run = population(42, 25);
    const pinned = run.flatMap((v) => v.envelopes.flatMap((e) => e.events));
    const count = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
    expect(run.flatMap((v) => v.envelopes)).toHaveLength(336);
    expect(pinned).toHaveLength(585);
    expect(count(pinned.map((e) => e.type))).toEqual({ pageview: 168, vitals: 234, engagement: 168, outbound: 5, identify: 1, form_submit: 7, download: 2 });
    expect(count(run.map((v) => v.persona))).toEqual({ jobSeeker: 4, pricingBrowser: 3, blogReader: 9, bot: 2, customer: 2, manager: 4, student: 1 });
    expect(createHash('sha256').update(JSON.stringify(run)).digest('hex')).toBe('5557aa1dfc84eda1ef289cfc37b0f30830c850196bc80920446948fcdb5c8567');
  });

  it('sends each visitor in time order, pageview before its engagement', () => {
    for (const v of visitors) {
      for (const vid of Object.keys(v.userAgents)) {
        const ts = v.envelopes.filter((e) => e.vid === vid).flatMap((e) => e.events.map((x) => x.ts));
        expect(ts).toEqual([...ts].sort((a, b) => a - b));
      }
    }
  });

  it('only visits pages of the demo site, with their real titles', async () => {
    const paths = new Set(events.map((e) => new URL(e.url).pathname));
    for (const path of paths) {
      const file = await resolvePublicFile(PUBLIC, path);
      expect(file, path).not.toBeNull();
      const html = readFileSync(file!, 'utf8');
      // The tour swaps document.title to the data-title of the tab it shows.
      const title = path.startsWith('/tour/')
        ? new RegExp(`data-tab="${path.split('/')[2]}" data-title="([^"]*)"`).exec(html)?.[1]
        : /<title>(.*?)<\/title>/.exec(html)?.[1];
      expect(PAGE_TITLES[path], path).toBe(title);
    }
    for (const e of events.filter((x) => x.type === 'pageview')) {
      expect(e.title).toBe(PAGE_TITLES[new URL(e.url).pathname]);
      expect(new URL(e.url).origin).toBe(OPTS.demoOrigin);
    }
  });

  it('follows the event conventions of the tracker', () => {
    const profileKeys = new Set<string>([...PROFILE_FIELDS, 'form', 'action']);
    for (const e of events) {
      if (e.type === 'engagement') {
        expect(Object.keys(e.props ?? {}).sort()).toEqual(['engagedMs', 'scrollPct']);
        expect(e.props?.scrollPct).toBeGreaterThanOrEqual(0);
        expect(e.props?.scrollPct).toBeLessThanOrEqual(100);
      }
      if (e.type === 'download') expect(String(e.props?.href)).toMatch(/^http:\/\/localhost:3000\/resources\/[a-z0-9-]+\.pdf$/);
      if (e.type === 'form_submit') {
        expect(['demo-request', 'contact-sales', 'newsletter']).toContain(e.props?.form);
        expect(e.props?.action).toBe({ 'demo-request': '/demo/thanks', 'contact-sales': '/contact/thanks', newsletter: '/newsletter/thanks' }[String(e.props?.form)]);
        for (const key of Object.keys(e.props ?? {})) expect(profileKeys.has(key), key).toBe(true);
        expect(String(e.props?.email)).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/);
      }
      if (e.type === 'vitals') {
        expect(Object.keys(e.props ?? {}).sort()).toEqual(['name', 'rating', 'value']);
        expect(['good', 'needs-improvement', 'poor']).toContain(e.props?.rating);
      }
      if (e.type === 'identify') expect(Object.keys(e.props ?? {}).every((k) => PROFILE_FIELDS.includes(k as never))).toBe(true);
    }
  });

  it('covers every persona, with buyers at target accounts requesting demos', () => {
    const seen = new Set(visitors.map((v) => v.persona));
    expect([...seen].sort()).toEqual(Object.keys(PERSONAS).sort());
    const tier1 = new Set(OPTS.accounts.filter((a) => a.tier === 'tier1').map((a) => a.domain));
    const buyerDemos = visitors
      .filter((v) => v.persona === 'buyer')
      .flatMap((v) => v.envelopes.flatMap((e) => e.events))
      .filter((e) => e.type === 'form_submit' && e.props?.form === 'demo-request');
    expect(buyerDemos.length).toBeGreaterThan(5);
    expect(buyerDemos.some((e) => tier1.has(String(e.props?.email).split('@')[1] ?? ''))).toBe(true);
  });

  it('sends bots with a bot user agent, never the Node default', () => {
    for (const v of visitors) {
      for (const ua of Object.values(v.userAgents)) expect(ua).not.toMatch(/^(node|undici)/i);
      if (v.persona !== 'bot') {
        for (const ua of Object.values(v.userAgents)) expect(ua).toMatch(/^Mozilla\/5\.0 \((Macintosh|Windows|X11; Linux x86_64; rv|iPhone)/);
      }
    }
  });
});
