/**
 * Beacons as the tracker sends them, each with fresh event ids (a repeated id would be stored once
 * and skip the write), spread over many visitors and a realistic mix of pages.
 */
import { BENCH_SITE } from './config.ts';

const PAGES = ['/', '/pricing', '/blog/why-intent', '/product/tour', '/docs/start', '/demo', '/contact', '/blog/b2b-funnels', '/integrations/crm', '/careers'];

export interface BeaconFactory {
  /** The next beacon's JSON text. */
  next(): string;
}

/** `eventsPerBeacon` events per beacon; visitors taken round-robin from a pool of `visitors`. */
export function beaconFactory(eventsPerBeacon: number, visitors: number, tag = Math.random().toString(36).slice(2, 8)): BeaconFactory {
  let counter = 0;
  let beacons = 0;
  return {
    next() {
      const v = beacons++ % visitors;
      const ts = Date.now() - 1000;
      const events = [];
      for (let i = 0; i < eventsPerBeacon; i++) {
        const n = counter++;
        const path = PAGES[n % PAGES.length]!;
        events.push(
          n % 5 === 4
            ? { id: `${tag}-${n}`, type: 'engagement', ts, url: `https://www.example.com${path}`, props: { engagedMs: 65_000, scrollPct: 80 } }
            : { id: `${tag}-${n}`, type: 'pageview', ts, url: `https://www.example.com${path}`, title: 'A page title', ref: 'https://www.google.com/' },
        );
      }
      return JSON.stringify({ v: 1, site: BENCH_SITE, vid: `v-${tag}-${v}`, sid: `s-${tag}-${v}`, events });
    },
  };
}
