/**
 * The one database schema, for better-sqlite3 (Node) and D1 (Workers) alike.
 * Migrations are generated from it by drizzle-kit into collector/migrations.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Every event a tracker sent, stored once per (site, id). `seq` is the arrival order scoring replays. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    site: text('site').notNull(),
    id: text('id').notNull(),
    vid: text('vid').notNull(),
    sid: text('sid').notNull(),
    type: text('type').notNull(),
    /** The client's clock, as sent. */
    ts: integer('ts').notNull(),
    receivedAt: integer('received_at').notNull(),
    url: text('url').notNull(),
    path: text('path').notNull(),
    ref: text('ref'),
    title: text('title'),
    name: text('name'),
    props: text('props', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    uniqueIndex('events_site_id').on(t.site, t.id),
    index('events_site_vid_seq').on(t.site, t.vid, t.seq),
    index('events_received_at').on(t.receivedAt),
  ],
);

/** A browser (one `vid` per site), always attached to a lead; anonymous leads have no email yet. */
export const visitors = sqliteTable(
  'visitors',
  {
    site: text('site').notNull(),
    vid: text('vid').notNull(),
    leadId: text('lead_id').notNull(),
    firstSeen: integer('first_seen').notNull(),
    lastSeen: integer('last_seen').notNull(),
    firstTouch: text('first_touch', { mode: 'json' }).$type<Record<string, string>>(),
    bot: integer('bot', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.site, t.vid] }), index('visitors_lead').on(t.leadId)],
);

export const LEAD_STATUSES = ['anonymous', 'known', 'mql', 'accepted', 'rejected', 'recycled', 'merged'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** A person: contact data, scores at last update, and the incremental scoring state. */
export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    site: text('site').notNull(),
    status: text('status').$type<LeadStatus>().notNull().default('anonymous'),
    mergedInto: text('merged_into'),
    email: text('email'),
    domain: text('domain'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    company: text('company'),
    jobTitle: text('job_title'),
    companySize: text('company_size'),
    industry: text('industry'),
    country: text('country'),
    phone: text('phone'),
    firstTouch: text('first_touch', { mode: 'json' }).$type<Record<string, string>>(),
    bot: integer('bot', { mode: 'boolean' }).notNull().default(false),
    fit: real('fit').notNull().default(0),
    intent: real('intent').notNull().default(0),
    grade: text('grade'),
    /** The scorer's IntentState as JSON: bounded, whatever the history. */
    state: text('state', { mode: 'json' }).$type<unknown>(),
    /** The intent rules `state` was built under; other rules make the next beacon replay the history. */
    stateRules: text('state_rules'),
    /** The last event seq applied to `state`; scoring picks up from here. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** Optimistic concurrency: every state write checks and bumps it (D1 has no interactive transactions). */
    version: integer('version').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastActivityAt: integer('last_activity_at'),
    identifiedAt: integer('identified_at'),
    qualifiedAt: integer('qualified_at'),
    /** After a rejection, only events after this seq count and nothing qualifies before `cooldownUntil`. */
    intentSinceSeq: integer('intent_since_seq').notNull().default(0),
    cooldownUntil: integer('cooldown_until'),
  },
  (t) => [
    uniqueIndex('leads_site_email').on(t.site, t.email),
    index('leads_status_qualified').on(t.status, t.qualifiedAt, t.id),
    // `GET /api/mqls?status=any`: every lead that ever qualified, newest first, without a status.
    index('leads_qualified').on(t.qualifiedAt, t.id),
    index('leads_status_updated').on(t.status, t.updatedAt, t.id),
    index('leads_updated').on(t.updatedAt, t.id),
    index('leads_domain').on(t.domain),
  ],
);

/** Every lifecycle change of a lead, with its time and reason. */
export const transitions = sqliteTable(
  'transitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id').notNull(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    at: integer('at').notNull(),
    reason: text('reason'),
    note: text('note'),
  },
  (t) => [index('transitions_lead').on(t.leadId, t.at)],
);

/** Imported target accounts (ICP data), keyed by company domain. */
export const accounts = sqliteTable(
  'accounts',
  {
    domain: text('domain').primaryKey(),
    /** Matched case-insensitively against the company a lead typed when its email domain is not listed. */
    name: text('name'),
    industry: text('industry'),
    employees: integer('employees'),
    revenue: real('revenue'),
    country: text('country'),
    tier: text('tier'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('accounts_name').on(sql`${t.name} collate nocase`)],
);

/**
 * Webhook deliveries waiting to be acknowledged; one row per (transition, url), so never sent twice.
 * The body is the lead as `GET /api/leads/:id` shows it when delivered.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id').notNull(),
    /** Identifies the transition this delivery announces. */
    eventKey: text('event_key').notNull(),
    url: text('url').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    deliveredAt: integer('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_event_url').on(t.eventKey, t.url),
    index('outbox_pending').on(t.deliveredAt, t.nextAttemptAt),
  ],
);

/** Emails erased on request: later events must not re-create them. Stored as a keyed hash. */
export const suppressions = sqliteTable('suppressions', {
  emailHash: text('email_hash').primaryKey(),
  createdAt: integer('created_at').notNull().default(sql`0`),
});
