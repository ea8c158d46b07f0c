/**
 * How a lead is shown to sales: contact, company, scores now (after decay), reasons, exclusions,
 * distance to MQL, first touch and — in the detail — its account, lifecycle and story.
 * The webhook sends the detail, so a CRM gets exactly what `GET /api/leads/:id` shows.
 */
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { leads, transitions } from '../db/schema.ts';
import type { Db } from '../db/store.ts';
import { emptyIntentState, evaluate, type CompiledScoring, type IntentState, type LeadScore } from '../scoring/index.ts';
import { latestEvents, type EventRow } from './lead-events.ts';
import { findAccount, profileOf, toAccount } from './profile.ts';
import type { LeadRow } from './score-lead.ts';

export interface ViewContext {
  db: Db;
  scoring: CompiledScoring;
  now(): number;
}

const STORY_LENGTH = 200;

/** The lead's scores as of now: decay is applied at read time. */
export function currentScore(ctx: ViewContext, lead: LeadRow, account: Parameters<typeof profileOf>[1]): LeadScore {
  const state = (lead.state as IntentState | null) ?? emptyIntentState();
  return evaluate(state, profileOf(lead, account), ctx.scoring, ctx.now());
}

/** The list item: contact, company, scores, grade, qualification and the top reasons. */
export async function leadSummary(ctx: ViewContext, lead: LeadRow) {
  const account = await findAccount(ctx.db, lead.domain, lead.company);
  const score = currentScore(ctx, lead, account);
  return { ...summaryFields(lead, score, account ? toAccount(account) : null), reasons: score.reasons.slice(0, 3) };
}

function summaryFields(lead: LeadRow, score: LeadScore, account: ReturnType<typeof toAccount> | null) {
  return {
    id: lead.id,
    site: lead.site,
    status: lead.status,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    jobTitle: lead.jobTitle,
    company: lead.company ?? account?.name ?? null,
    companySize: lead.companySize,
    industry: lead.industry ?? account?.industry ?? null,
    country: lead.country ?? account?.country ?? null,
    fit: score.fit,
    intent: score.intent,
    grade: score.grade,
    qualifiedAt: lead.qualifiedAt,
    lastActivityAt: lead.lastActivityAt,
    firstTouch: lead.firstTouch ?? null,
    exclusions: score.exclusions,
  };
}

/** Everything about a lead: the summary plus all reasons, distance, account, lifecycle and story. */
export async function leadDetail(ctx: ViewContext, lead: LeadRow) {
  const accountRow = await findAccount(ctx.db, lead.domain, lead.company);
  const account = accountRow ? toAccount(accountRow) : null;
  const score = currentScore(ctx, lead, accountRow);
  const [lifecycle, story, rollup] = await Promise.all([
    ctx.db.select().from(transitions).where(eq(transitions.leadId, lead.id)).orderBy(asc(transitions.at), asc(transitions.id)),
    latestEvents(ctx.db, lead.id, STORY_LENGTH),
    account ? accountRollup(ctx.db, account.domain) : undefined,
  ]);
  return {
    ...summaryFields(lead, score, account),
    qualifies: score.qualifies,
    highIntent: score.highIntent,
    reasons: score.reasons,
    distance: score.distance,
    account: account ? { ...account, ...rollup } : null,
    createdAt: lead.createdAt,
    identifiedAt: lead.identifiedAt,
    cooldownUntil: lead.cooldownUntil,
    lifecycle: lifecycle.map(({ from, to, at, reason, note }) => ({ from, to, at, reason, note })),
    story: story.map(storyItem),
  };
}

/** Several leads at one company: the account's intent and how many people are engaged. */
async function accountRollup(db: Db, domain: string) {
  const [row] = await db
    .select({
      intent: sql<number>`coalesce(sum(${leads.intent}), 0)`,
      engagedPeople: sql<number>`count(*)`,
    })
    .from(leads)
    .where(and(eq(leads.domain, domain), ne(leads.status, 'merged'), isNotNull(leads.email)));
  return { intent: Math.round((row?.intent ?? 0) * 10) / 10, engagedPeople: row?.engagedPeople ?? 0 };
}

function storyItem(event: EventRow) {
  const props = event.props ?? {};
  const detail =
    event.type === 'download' || event.type === 'outbound'
      ? props.href
      : event.type === 'form_submit'
        ? props.form
        : event.type === 'track'
          ? event.name
          : event.type === 'engagement'
            ? `${Math.round(Number(props.engagedMs ?? 0) / 1000)} s engaged, ${props.scrollPct ?? 0}% scrolled`
            : undefined;
  return { at: event.ts, type: event.type, url: event.url, title: event.title, detail: detail ?? null };
}
