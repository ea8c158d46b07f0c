/**
 * How a lead is shown to sales: contact, company, scores now (after decay), reasons, exclusions,
 * distance to MQL, first touch and — in the detail — its account, lifecycle and story.
 * The webhook sends the detail, so a CRM gets exactly what `GET /api/leads/:id` shows.
 */
import { and, asc, eq, getTableColumns, isNotNull, ne, or, sql } from 'drizzle-orm';
import { accounts, leads, transitions } from '../db/schema.ts';
import type { Db } from '../db/store.ts';
import { emptyIntentState, evaluate, type CompiledScoring, type IntentState, type LeadScore } from '../scoring/index.ts';
import { latestEvents, type EventRow } from './lead-events.ts';
import { findAccount, profileOf, toAccount } from './profile.ts';
import type { LeadRow } from './score-lead.ts';

type AccountRow = typeof accounts.$inferSelect;

export interface ViewContext {
  db: Db;
  scoring: CompiledScoring;
  now(): number;
}

const STORY_LENGTH = 200;

/** The lead columns a list item is built from (and sorted by): not the phone, stored scores, version or seqs. */
export const summaryColumns = {
  id: leads.id,
  site: leads.site,
  status: leads.status,
  email: leads.email,
  domain: leads.domain,
  firstName: leads.firstName,
  lastName: leads.lastName,
  company: leads.company,
  jobTitle: leads.jobTitle,
  companySize: leads.companySize,
  industry: leads.industry,
  country: leads.country,
  firstTouch: leads.firstTouch,
  bot: leads.bot,
  state: leads.state,
  qualifiedAt: leads.qualifiedAt,
  lastActivityAt: leads.lastActivityAt,
  updatedAt: leads.updatedAt,
};

export type SummaryRow = Pick<LeadRow, keyof typeof summaryColumns>;

/** The lead's scores as of now: decay is applied at read time. */
export function currentScore(ctx: ViewContext, lead: SummaryRow, account: AccountRow | undefined): LeadScore {
  const state = (lead.state as IntentState | null) ?? emptyIntentState();
  return evaluate(state, profileOf(lead, account), ctx.scoring, ctx.now());
}

/** The list items of a page: contact, company, scores, grade, qualification and the top reasons. */
export async function leadSummaries(ctx: ViewContext, rows: SummaryRow[]) {
  const accountOf = await accountsOf(ctx.db, rows);
  return rows.map((lead) => {
    const account = accountOf(lead);
    const score = currentScore(ctx, lead, account);
    return { ...summaryFields(lead, score, account ? toAccount(account) : null), reasons: score.reasons.slice(0, 3) };
  });
}

/** SQLite's NOCASE folds ASCII letters only; so does this, so names match as `findAccount` matches them. */
const foldAscii = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * The accounts of many leads in one query, each lead's picked as `findAccount` picks it: by email
 * domain, else the first (lowest rowid, the index order) whose name equals the company, ignoring case.
 */
async function accountsOf(db: Db, rows: SummaryRow[]): Promise<(lead: SummaryRow) => AccountRow | undefined> {
  const domains = [...new Set(rows.flatMap((r) => (r.domain ? [r.domain] : [])))];
  const names = [...new Set(rows.flatMap((r) => (r.company ? [r.company] : [])))];
  if (!domains.length && !names.length) return () => undefined;
  const found = await db
    .select({ ...getTableColumns(accounts), rowid: sql<number>`rowid` })
    .from(accounts)
    .where(
      // The lists travel as JSON: one parameter each, whatever the page size (D1 allows 100).
      or(
        sql`${accounts.domain} in (select value from json_each(${JSON.stringify(domains)}))`,
        sql`${accounts.name} collate nocase in (select value from json_each(${JSON.stringify(names)}))`,
      ),
    );
  const byDomain = new Map<string, AccountRow>();
  const byName = new Map<string, AccountRow & { rowid: number }>();
  for (const row of found) {
    byDomain.set(row.domain, row);
    if (row.name === null) continue;
    const name = foldAscii(row.name);
    const seen = byName.get(name);
    if (!seen || row.rowid < seen.rowid) byName.set(name, row);
  }
  return (lead) => (lead.domain ? byDomain.get(lead.domain) : undefined) ?? (lead.company ? byName.get(foldAscii(lead.company)) : undefined);
}

function summaryFields(lead: SummaryRow, score: LeadScore, account: ReturnType<typeof toAccount> | null) {
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
