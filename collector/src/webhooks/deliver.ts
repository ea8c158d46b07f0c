/**
 * Delivers the webhook outbox: each due row is claimed (so two workers never send it at once),
 * POSTed with the lead as `GET /api/leads/:id` shows it, and marked delivered on a 2xx; anything
 * else is retried with exponential backoff. Rows survive restarts because they live in SQLite;
 * a crash between sending and marking means one more delivery with the same `Tells-Event-Id`,
 * which receivers use to drop the repeat.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { inlineLimit } from '../db/inline-limit.ts';
import { outbox } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { leadDetail, type ViewContext } from '../leads/lead-view.ts';
import { loadLead } from '../leads/score-lead.ts';
import { signatureHeader } from './sign.ts';

export interface WebhookContext extends ViewContext {
  store: Store;
  /** Signing secret by URL. */
  secrets: Map<string, string>;
  fetch: typeof fetch;
}

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

/** The wait before the next try after `attempts` failures: 30 s, 1 min, 2 min … at most 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Sends what is due now; returns how many were acknowledged. */
export async function deliverDue(ctx: WebhookContext, limit = 20): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.deliveredAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(inlineLimit(limit));
  let delivered = 0;
  for (const row of due) {
    // Claim by moving the next attempt past the lease; whoever loses the race skips the row.
    const claimed = await ctx.db
      .update(outbox)
      .set({ nextAttemptAt: now + LEASE_MS })
      .where(and(eq(outbox.id, row.id), eq(outbox.nextAttemptAt, row.nextAttemptAt), isNull(outbox.deliveredAt)))
      .returning({ id: outbox.id });
    if (!claimed.length) continue;
    const error = await send(ctx, row);
    const attempts = row.attempts + 1;
    await ctx.db
      .update(outbox)
      .set(error === null ? { attempts, deliveredAt: ctx.now(), lastError: null } : { attempts, lastError: error, nextAttemptAt: ctx.now() + backoffMs(attempts) })
      .where(eq(outbox.id, row.id));
    if (error === null) delivered++;
  }
  return delivered;
}

/** One delivery; null when acknowledged, else what went wrong. */
async function send(ctx: WebhookContext, row: typeof outbox.$inferSelect): Promise<string | null> {
  const secret = ctx.secrets.get(row.url);
  if (secret === undefined) return 'no such webhook in the config any more';
  const lead = await loadLead(ctx.db, row.leadId);
  if (!lead) return null; // erased since: nothing left to announce
  const body = JSON.stringify({ type: 'lead.mql', id: row.eventKey, createdAt: row.createdAt, lead: await leadDetail(ctx, lead) });
  try {
    const res = await ctx.fetch(row.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tells-Webhook/1',
        'tells-event-id': row.eventKey,
        'tells-signature': await signatureHeader(secret, body, ctx.now()),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timed out' : 'connection failed';
  }
}
