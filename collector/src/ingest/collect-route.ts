/**
 * `POST /collect`: the tracker's beacon. Body as text/plain (sendBeacon, no CORS preflight) or
 * application/json; size-limited before parsing; answered 202 only after the events are committed
 * (in queue mode: after the queue has taken the beacon).
 */
import { Hono, type Context } from 'hono';
import { LIMITS, type CollectResult } from '../../../shared/wire.ts';
import type { Deps, QueuedBeacon } from '../deps.ts';
import { limitBody } from '../http/body-limit.ts';
import { fail } from '../http/errors.ts';
import type { LeadContext } from '../leads/score-lead.ts';
import { limiterFor, rateLimit } from '../http/rate-limit.ts';
import { isBotTraffic } from './classify-bot.ts';
import { groupCommit } from './group-commit.ts';
import { ingestBeacons } from './ingest-beacons.ts';
import { parseBeacon } from './parse-beacon.ts';
import type { StoredBeacon } from './store-beacon.ts';

const ACCEPTED_TYPES = ['text/plain', 'application/json'];

interface IngestedBeacon {
  stored: StoredBeacon | Error;
  /** Whether the flush that held this beacon made an MQL; told once per flush, to its first beacon. */
  becameMql: boolean;
}

/**
 * Stores and scores one beacon; under group commit (`deps.groupCommit`) together with the
 * beacons that arrived alongside it. A scoring failure is logged, not answered: the events are
 * stored, and the lead's next event (or `npm run rescore`) picks them up.
 */
function beaconIngester(deps: Deps, leads: LeadContext): (beacon: QueuedBeacon) => Promise<IngestedBeacon> {
  const flush = async (beacons: QueuedBeacon[]): Promise<IngestedBeacon[]> => {
    const ingested = await ingestBeacons(leads, beacons);
    return ingested.stored.map((stored, i) => ({ stored, becameMql: i === 0 && ingested.becameMql }));
  };
  return deps.groupCommit ? groupCommit(flush, deps.groupCommit) : async (beacon) => (await flush([beacon]))[0]!;
}

/** The ingestion routes, with CORS limited to each site's configured origins. */
export function collectRoutes(deps: Deps, leads: LeadContext, onNewMql: (c: Context) => void): Hono {
  const app = new Hono();
  const sites = new Map(deps.config.sites.map((site) => [site.id, new Set(site.origins)]));
  const anyOrigin = new Set(deps.config.sites.flatMap((site) => site.origins));

  // Preflight comes without a body, so the site is unknown: allow any configured origin.
  app.options('/collect', (c) => {
    const origin = c.req.header('origin');
    if (!origin || !anyOrigin.has(origin)) fail(403, 'origin_not_allowed', 'This origin may not send beacons');
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '86400',
      Vary: 'Origin',
    });
  });

  const ingest = beaconIngester(deps, leads);
  const perIp = limiterFor(deps, 'ingestPerIp');
  const perSite = limiterFor(deps, 'ingestPerSite');

  app.post(
    '/collect',
    // Every answer, errors included, carries CORS for a configured origin: the tracker must read
    // the status to know whether to retry (5xx, 429) or drop (other 4xx).
    async function allowConfiguredOrigins(c, next) {
      const origin = c.req.header('origin');
      if (origin && anyOrigin.has(origin)) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Vary', 'Origin');
      }
      await next();
    },
    rateLimit(perIp, (c) => deps.clientIp(c), 'from this address'),
    limitBody(LIMITS.maxBodyBytes, () => fail(413, 'payload_too_large', `Body is over ${LIMITS.maxBodyBytes} bytes`)),
    async (c) => {
      const type = (c.req.header('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
      if (!ACCEPTED_TYPES.includes(type)) fail(415, 'unsupported_media_type', 'Send the body as text/plain or application/json');

      const { envelope, rejected } = parseBeacon(await c.req.text());
      const origins = sites.get(envelope.site);
      if (!origins) fail(400, 'unknown_site', 'site: no such site is configured');
      // Browsers always send Origin on a cross-site POST; servers and curl may not, and CORS does not bind them.
      const origin = c.req.header('origin');
      if (origin && !origins.has(origin)) fail(403, 'origin_not_allowed', 'This origin may not send beacons for this site');
      const siteVerdict = await perSite(envelope.site);
      if (!siteVerdict.ok) {
        fail(429, 'rate_limited', `Too many beacons for this site; retry after ${siteVerdict.retryAfter} s`, { 'Retry-After': String(siteVerdict.retryAfter) });
      }
      const bot = isBotTraffic(c.req.header('user-agent'), envelope, deps.config.allowAutomation);
      const receivedAt = deps.now();
      if (deps.enqueue) {
        // Queue mode: answered once the queue has the beacon; repeats across beacons are dropped by the consumer.
        const unique = new Set(envelope.events.map((event) => event.id)).size;
        if (unique) await deps.enqueue({ envelope, receivedAt, bot });
        const queued: CollectResult = { accepted: unique, duplicates: envelope.events.length - unique, rejected, queued: true };
        return c.json(queued, 202);
      }
      if (!envelope.events.length) return c.json({ accepted: 0, duplicates: 0, rejected } satisfies CollectResult, 202);
      const { stored, becameMql } = await ingest({ envelope, receivedAt, bot });
      if (stored instanceof Error) throw stored;
      if (becameMql) onNewMql(c);
      const result: CollectResult = { accepted: stored.accepted, duplicates: stored.duplicates, rejected };
      return c.json(result, 202);
    },
  );
  return app;
}
