/** The admin REST API under /api (the Bearer key is checked by the caller). */
import { Hono } from 'hono';
import { z } from 'zod';
import { limitBody } from '../http/body-limit.ts';
import { fail } from '../http/errors.ts';
import { jsonBody, queryOf, validate } from '../http/validate.ts';
import { eraseLead } from '../leads/erase.ts';
import { giveFeedback } from '../leads/feedback.ts';
import { leadDetail, type ViewContext } from '../leads/lead-view.ts';
import { REJECTION_REASONS } from '../leads/lifecycle.ts';
import { loadLead } from '../leads/score-lead.ts';
import type { Store } from '../db/store.ts';
import { importAccounts } from './accounts.ts';
import { listLeads, listMqls } from './mqls.ts';
import { funnelStats } from './stats.ts';

export interface AdminContext extends ViewContext {
  store: Store;
  cooldownDays: number;
}

const leadId = z.string().regex(/^ld_[0-9a-f]{1,64}$/, 'not a lead id');

const feedbackSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('accepted'), note: z.string().max(2000).optional() }),
  z
    .strictObject({ outcome: z.literal('rejected'), reason: z.enum(REJECTION_REASONS), note: z.string().max(2000).optional() })
    .refine((f) => f.reason !== 'other' || Boolean(f.note?.trim()), { path: ['note'], message: 'required when reason is "other"' }),
]);

export function adminRoutes(ctx: AdminContext): Hono {
  const app = new Hono();
  const lead = async (id: string) => {
    const row = await loadLead(ctx.db, validate(leadId, id, 'path'));
    if (!row) fail(404, 'not_found', 'No such lead');
    return row;
  };

  app.get('/mqls', async (c) => c.json(await listMqls(ctx, queryOf(c))));
  app.get('/leads', async (c) => c.json(await listLeads(ctx, queryOf(c))));
  app.get('/leads/:id', async (c) => {
    const row = await lead(c.req.param('id'));
    // A lead merged into another answers with where it went.
    if (row.status === 'merged' && row.mergedInto) return c.json({ id: row.id, status: 'merged', mergedInto: row.mergedInto });
    return c.json(await leadDetail(ctx, row));
  });
  app.post('/leads/:id/feedback', limitBody(16 * 1024, () => fail(413, 'payload_too_large', 'Body is over 16 KB')), async (c) => {
    const id = validate(leadId, c.req.param('id'), 'path');
    const feedback = validate(feedbackSchema, await jsonBody(c), 'body');
    await giveFeedback(ctx.store, id, feedback, ctx.now(), ctx.cooldownDays);
    return c.json(await leadDetail(ctx, await lead(id)));
  });
  app.delete('/leads/:id', async (c) => c.json({ erased: await eraseLead(ctx.store, validate(leadId, c.req.param('id'), 'path'), ctx.now()) }));
  app.get('/stats', async (c) => {
    const { site } = validate(z.strictObject({ site: z.string().max(64).optional() }), queryOf(c), 'query');
    return c.json(await funnelStats(ctx.db, ctx.scoring.config.exclusions, site));
  });
  app.put('/accounts', limitBody(8 * 1024 * 1024, () => fail(413, 'payload_too_large', 'Body is over 8 MB')), async (c) =>
    c.json(await importAccounts(c, ctx.store, ctx.now())),
  );
  return app;
}
