/**
 * Re-scoring everyone after a rule change: each lead's events (since its last recycle) are
 * replayed from an empty state through the same code as the live path, so replay = live.
 * A dry run reports what would change — new MQLs, MQLs the new rules would no longer qualify —
 * without writing. MQLs are never demoted: they await sales' answer.
 */
import { asc, gt, ne, and } from 'drizzle-orm';
import { inlineLimit } from '../db/inline-limit.ts';
import { leads } from '../db/schema.ts';
import { eventsSince } from './lead-events.ts';
import { scoreAfter, updateStatements, type LeadContext } from './score-lead.ts';

export interface RescoreReport {
  leads: number;
  changed: number;
  newMqls: string[];
  /** MQLs that the current rules would not qualify (kept as MQL until sales answers). */
  noLongerQualifying: string[];
}

const PAGE = 500;

/** Re-scores every lead; `onProgress(done, total)` after each page. */
export async function rescoreAll(
  ctx: LeadContext,
  options: { dryRun: boolean; onProgress?: (done: number, total: number) => void },
): Promise<RescoreReport> {
  const { db } = ctx.store;
  const live = ne(leads.status, 'merged');
  const total = (await db.$count(leads, live)) as number;
  const report: RescoreReport = { leads: 0, changed: 0, newMqls: [], noLongerQualifying: [] };
  let after = '';
  for (;;) {
    const page = await db.select().from(leads).where(and(live, gt(leads.id, after))).orderBy(asc(leads.id)).limit(inlineLimit(PAGE));
    if (!page.length) break;
    for (const lead of page) {
      const events = await eventsSince(db, lead.id, lead.intentSinceSeq);
      const scored = await scoreAfter(ctx, { ...lead, state: null }, events, {});
      report.leads++;
      if (scored.status === 'mql' && lead.status !== 'mql') report.newMqls.push(lead.id);
      if (lead.status === 'mql' && !scored.score.qualifies) report.noLongerQualifying.push(lead.id);
      const changed = scored.score.grade !== lead.grade || scored.status !== lead.status || Math.abs(scored.score.intent - lead.intent) >= 0.1 || scored.score.fit !== lead.fit;
      if (changed) report.changed++;
      if (!options.dryRun && events.length) await ctx.store.batch(updateStatements(ctx, lead, events, scored));
    }
    after = page.at(-1)!.id;
    options.onProgress?.(report.leads, total);
  }
  return report;
}
