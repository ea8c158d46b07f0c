/**
 * The live scoring path. After a beacon is committed, the lead's stored state takes in only the
 * events it has not seen (O(1) in the lead's history), contact answers update the lead, identity
 * is resolved (the same email is the same lead), and the lifecycle moves on.
 * Writes are optimistic: the update checks the version it read, and a writer that lost the race
 * reads again, so racing writers (several Worker isolates) never lose or double-count an event.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { leads, visitors, type LeadStatus } from '../db/schema.ts';
import { hotQueries, leadToScoreFrom, type EventToScore } from '../db/hot-queries.ts';
import { hotWrites } from '../db/hot-writes.ts';
import type { Db, Row, Statement, Store } from '../db/store.ts';
import { applyEvent, emptyIntentState, evaluate, type CompiledScoring, type IntentState } from '../scoring/index.ts';
import { contactFromEvent, emailDomain, type Contact } from './contact.ts';
import { toScoringEvent } from './lead-events.ts';
import { nextStatus } from './lifecycle.ts';
import { findAccount, profileOf } from './profile.ts';
import { guardedDeliveries, guardedTransition } from './transition-statements.ts';

export interface LeadContext {
  store: Store;
  scoring: CompiledScoring;
  webhookUrls: string[];
  now(): number;
}

export type LeadRow = typeof leads.$inferSelect;

const MAX_ATTEMPTS = 10;

export async function loadLead(db: Db, id: string): Promise<LeadRow | undefined> {
  const [lead] = await hotQueries(db).leadById.all({ id });
  return lead;
}

/**
 * The lead as scoring should see it: a state built under other intent rules is dropped, so the
 * lead's history (since its last recycle) is replayed under the current ones. The read that
 * brings its unapplied events (`hotQueries`' `leadOfVisitor`) starts from the same place.
 */
function builtUnder(lead: LeadRow, rules: string): LeadRow {
  if (lead.state === null || lead.stateRules === rules) return lead;
  return { ...lead, state: null, lastSeq: lead.intentSinceSeq };
}

/** Scores the leads behind these visitors after new events arrived; true when one became an MQL. */
export async function scoreVisitors(ctx: LeadContext, seen: readonly { site: string; vid: string }[]): Promise<boolean> {
  return scoreLeads(ctx, await readLeads(ctx, seen.map(({ site, vid }) => leadOfVisitor(ctx, site, vid))));
}

/** Scores the lead behind a visitor after new events arrived; true when it became an MQL. */
export async function scoreVisitor(ctx: LeadContext, site: string, vid: string): Promise<boolean> {
  return scoreVisitors(ctx, [{ site, vid }]);
}

/** A lead as just read, with its next unapplied events and whether more may wait (see `leadToScoreFrom`). */
export type LeadToScore = ReturnType<typeof leadToScoreFrom>;

/** The read of a visitor's lead and its next unapplied events, for `readLeads` or `Store.batchThenRead`. */
export function leadOfVisitor(ctx: LeadContext, site: string, vid: string): Statement {
  return hotQueries(ctx.store.db).leadOfVisitor({ site, vid, rules: ctx.scoring.fingerprint });
}

/** The leads that reads answered (a read may find none), decoded. */
export function leadsRead(rows: Row[][]): LeadToScore[] {
  return rows.flatMap(([row]) => (row ? [leadToScoreFrom(row)] : []));
}

async function readLeads(ctx: LeadContext, reads: Statement[]): Promise<LeadToScore[]> {
  return leadsRead((await ctx.store.batchThenRead([], reads)).rows);
}

async function readLeadToScore(ctx: LeadContext, id: string): Promise<LeadToScore | undefined> {
  const [read] = await readLeads(ctx, [hotQueries(ctx.store.db).leadToScore({ id, rules: ctx.scoring.fingerprint })]);
  return read;
}

/**
 * Scores these leads as just read, each once (browsers of one lead read it more than once), and
 * writes every result in one batch (one commit for all, not one per lead); true when one of them
 * became an MQL. A lead whose write lost a race, or with more events waiting than its read
 * brought, goes on alone (`scoreLead`).
 */
export async function scoreLeads(ctx: LeadContext, reads: readonly LeadToScore[]): Promise<boolean> {
  const leadsSeen = new Map<string, LeadToScore>();
  for (const read of reads) if (!leadsSeen.has(read.lead.id)) leadsSeen.set(read.lead.id, read);
  const plans: Plan[] = [];
  for (const read of leadsSeen.values()) {
    const plan = await planScore(ctx, read);
    if (plan) plans.push(plan);
  }
  if (!plans.length) return false;
  const changes = await ctx.store.batch(plans.flatMap((plan) => plan.statements));
  let becameMql = false;
  let at = 0;
  for (const plan of plans) {
    const won = changes[at] === 1;
    at += plan.statements.length;
    if (won && plan.becameMql) becameMql = true;
    // Lost a race, or more events wait than one read brings: the lead goes on alone.
    if ((!won || !plan.caughtUp) && (await scoreLead(ctx, plan.leadId))) becameMql = true;
  }
  return becameMql;
}

/**
 * Applies a lead's unapplied events, a chunk at a time, and records what changed; true when it
 * became an MQL.
 */
export async function scoreLead(ctx: LeadContext, leadId: string): Promise<boolean> {
  let becameMql = false;
  for (let lost = 0; lost < MAX_ATTEMPTS; ) {
    const plan = await planScore(ctx, await readLeadToScore(ctx, leadId));
    if (!plan) return becameMql;
    const [written] = await ctx.store.batch(plan.statements);
    // Lost the race: another writer moved the lead on; read it again and apply what is left.
    if (written !== 1) {
      lost++;
      continue;
    }
    if (plan.becameMql) becameMql = true;
    // Events that arrive meanwhile are applied by their own beacon's scoring, which runs after their commit.
    if (plan.caughtUp) return becameMql;
  }
  throw new Error(`lead ${leadId}: scoring kept losing races`);
}

/** A lead's scoring result as the writes that store it; the first is the version-guarded update. */
interface Plan {
  leadId: string;
  statements: Statement[];
  becameMql: boolean;
  /** False when the read brought a full chunk: more unapplied events may wait. */
  caughtUp: boolean;
}

/**
 * Scores a lead's unapplied events (`read`: the lead as just read, with them); undefined when
 * there is nothing to apply. A first email that another lead already owns merges this lead into
 * that one first.
 */
async function planScore(ctx: LeadContext, read: LeadToScore | undefined): Promise<Plan | undefined> {
  const { db } = ctx.store;
  let stored = read;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!stored || stored.lead.status === 'merged') return undefined;
    const lead = builtUnder(stored.lead, ctx.scoring.fingerprint);
    const fresh = stored.unapplied;
    if (!fresh.length) return undefined;

    const contact = newContact(lead, fresh);
    if (contact.email && !lead.email) {
      const [owner] = await db
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.site, lead.site), eq(leads.email, contact.email)));
      if (owner && owner.id !== lead.id) {
        await mergeLead(ctx, lead, owner.id);
        stored = await readLeadToScore(ctx, owner.id);
        continue;
      }
    }
    const scored = await scoreAfter(ctx, lead, fresh, contact);
    return {
      leadId: lead.id,
      statements: updateStatements(ctx, lead, fresh, scored),
      becameMql: scored.status === 'mql' && lead.status !== 'mql',
      caughtUp: !stored.more,
    };
  }
  throw new Error(`lead ${read?.lead.id}: merges kept moving it`);
}

/** The contact answers in the new events that belong to this lead (same or first email). */
function newContact(lead: LeadRow, fresh: EventToScore[]): Contact {
  let contact: Contact = {};
  for (const row of fresh) {
    const answers = contactFromEvent(row.type, row.props);
    const email = lead.email ?? contact.email;
    // Someone else typed their email in this browser: their answers are not this lead's.
    if (answers.email && email && answers.email !== email) continue;
    contact = { ...contact, ...answers };
  }
  return contact;
}

export interface Scored {
  state: IntentState;
  lead: LeadRow;
  status: LeadStatus;
  score: ReturnType<typeof evaluate>;
  now: number;
}

/** The lead's scores and status after applying `fresh` (and `contact`) to its stored state. */
export async function scoreAfter(ctx: LeadContext, lead: LeadRow, fresh: EventToScore[], contact: Contact): Promise<Scored> {
  let state = (lead.state as IntentState | null) ?? emptyIntentState();
  for (const row of fresh) state = applyEvent(state, toScoringEvent(row), ctx.scoring);
  const updated: LeadRow = { ...lead, ...contact, domain: contact.email ? emailDomain(contact.email) : lead.domain };
  const account = await findAccount(ctx.store.db, updated.domain, updated.company);
  const now = ctx.now();
  const score = evaluate(state, profileOf(updated, account), ctx.scoring, now);
  const status = nextStatus({
    status: lead.status,
    hasEmail: Boolean(updated.email),
    qualifies: score.qualifies,
    cooldownUntil: lead.cooldownUntil,
    now,
  });
  return { state, lead: updated, status, score, now };
}

/** The batch that stores a scoring result, guarded by the version `before` was read at. */
export function updateStatements(ctx: LeadContext, before: LeadRow, fresh: EventToScore[], scored: Scored): Statement[] {
  const { db } = ctx.store;
  const { lead, status, score, now } = scored;
  const lastEvent = fresh.at(-1)!;
  const becameMql = status === 'mql' && before.status !== 'mql';
  const statements: Statement[] = [
    hotWrites(db).leadScored(
      {
        id: before.id,
        version: before.version,
        email: lead.email,
        domain: lead.domain,
        firstName: lead.firstName,
        lastName: lead.lastName,
        company: lead.company,
        jobTitle: lead.jobTitle,
        companySize: lead.companySize,
        industry: lead.industry,
        country: lead.country,
        phone: lead.phone,
        identifiedAt: before.identifiedAt ?? (lead.email ? now : null),
        status,
        fit: score.fit,
        intent: score.intent,
        grade: score.grade,
        state: scored.state,
        stateRules: ctx.scoring.fingerprint,
        lastSeq: lastEvent.seq,
        updatedAt: now,
        lastActivityAt: lastEvent.receivedAt,
        qualifiedAt: becameMql ? now : before.qualifiedAt,
      },
      before,
    ),
  ];
  if (status !== before.status) {
    statements.push(guardedTransition(db, { leadId: before.id, from: before.status, to: status, at: now }));
    if (becameMql) statements.push(...guardedDeliveries(db, before.id, `${before.id}:mql:${before.version + 1}`, ctx.webhookUrls, now));
  }
  return statements;
}

/**
 * Folds an anonymous lead into the lead that already owns the email: its browsers move over,
 * it becomes a tombstone pointing at the owner, and the owner is re-scored from all its events
 * in arrival order, so nothing is counted twice.
 */
async function mergeLead(ctx: LeadContext, from: LeadRow, intoId: string): Promise<void> {
  const { db } = ctx.store;
  const now = ctx.now();
  await ctx.store.batch([
    db
      .update(leads)
      .set({ status: 'merged', mergedInto: intoId, state: null, version: from.version + 1, updatedAt: now })
      .where(and(eq(leads.id, from.id), eq(leads.version, from.version), isNull(leads.email))),
    guardedTransition(db, { leadId: from.id, from: from.status, to: 'merged', at: now, note: `merged into ${intoId}` }),
    db.update(visitors).set({ leadId: intoId }).where(eq(visitors.leadId, from.id)),
    // The version bump makes any scorer still holding the owner's old state lose its race.
    db.update(leads).set({ state: null, lastSeq: 0, version: sql`${leads.version} + 1`, updatedAt: now }).where(eq(leads.id, intoId)),
  ]);
}
