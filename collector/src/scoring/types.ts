/**
 * What the scoring engine reads and what it answers. Pure data: no class, no Date, so a state
 * or a score can be stored as JSON and compared with `toEqual` in tests.
 */
import type { EventType } from '../../../shared/wire.ts';

/** One stored event, as the collector hands it to scoring (server-trusted `ts`). */
export interface ScoringEvent {
  id: string;
  type: EventType;
  /** Milliseconds since the epoch. May be slightly out of order relative to arrival. */
  ts: number;
  url: string;
  path: string;
  title?: string;
  /** The name of a `track` event. */
  name?: string;
  /** Session id. */
  sid: string;
  props: Record<string, string | number | boolean | null>;
}

/** An imported target account (domain → company data). */
export interface Account {
  domain: string;
  name?: string;
  industry?: string;
  employees?: number;
  revenue?: number;
  country?: string;
  /** e.g. 'tier1', 'tier2', 'tier3', 'customer'. */
  tier?: string;
}

/** What we know about the person; the account fills the firmographic gaps. */
export interface Profile {
  email?: string;
  /** The lead's email domain, when the collector already knows it. */
  domain?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  jobTitle?: string;
  /** As the lead typed or picked it: "51-200", "1000+", "12". */
  companySize?: string;
  industry?: string;
  country?: string;
  account?: Account | null;
  bot?: boolean;
}

/** Why a lead is excluded, as a stable code. */
export type ExclusionCode = 'free_mail' | 'competitor' | 'student' | 'customer' | 'bot';

/** Why a lead can never be an MQL, in words sales can read. */
export interface Exclusion {
  code: ExclusionCode;
  reason: string;
}

/** One event behind a rule's points, kept for the explanation. */
export interface EventRef {
  id: string;
  type: EventType;
  ts: number;
  url: string;
  title?: string;
  /** What about the event matched: a form id, a file, "engaged 75 s". */
  detail?: string;
}

/** One rule that fired, with its points now and when earned. */
export interface Reason {
  rule: string;
  kind: 'fit' | 'intent';
  label: string;
  /** What matched, for fit rules: "Director of Marketing · tier1". */
  detail?: string;
  /** Points now, after decay, rounded to 0.1. */
  points: number;
  /** Points the rule held at its latest hit, before decay, rounded to 0.1. */
  pointsAtTime: number;
  highIntent?: boolean;
  /** At most 5, newest first. Empty for fit rules. */
  events: EventRef[];
}

/** The answer for one lead at one moment. */
export interface LeadScore {
  /** 0–100. */
  fit: number;
  /** ≥ 0, rounded to 0.1. */
  intent: number;
  /** Fit letter × intent number, e.g. "A1". */
  grade: string;
  qualifies: boolean;
  /** A high-intent rule currently holds points. */
  highIntent: boolean;
  exclusions: Exclusion[];
  /** Every rule that fired, by |points| descending. */
  reasons: Reason[];
  /** What is still missing to qualify (0 / false once reached). */
  distance: { fit: number; intent: number; highIntent: boolean };
}

/** The per-rule memory of the intent state. Bounded: see intent-state.ts. */
export interface RuleState {
  /** Points held (capped, before read-time decay) as of `at`. Window rules: the sum of `hits`. */
  held: number;
  /** Reference time of `held` (ms): the newest hit. */
  at: number;
  /** Window rules only: `[ts, points]` of hits not yet expired, oldest first. */
  hits?: [number, number][];
  /** Frequency-limited rules only: key → times of counted hits, newest first. */
  freq?: Record<string, number[]>;
  /** The newest events that earned points, newest first (≤ 5). */
  events: EventRef[];
}

/** How much the lead has looked and how much it has read: the evidence for the behavioural bot signal. */
export interface Activity {
  /** Pageviews seen (SPA route changes included). */
  pageviews: number;
  /**
   * The most engaged time one engagement event reported, in ms. The tracker sends running
   * totals per page, so a sum would count a page twice; "any engaged time at all" is what matters.
   */
  engagedMs: number;
}

/** Everything intent scoring remembers about a lead. JSON-serialisable, size-bounded. */
export interface IntentState {
  /**
   * Layout version. The compiled fingerprint includes it, so the collector rebuilds a state of
   * another version by replaying its events (see `STATE_VERSION` in intent-state.ts).
   */
  v: 2;
  /** Newest event time seen; windows are pruned relative to it, never to a wall clock. */
  latestTs: number;
  /** Distinct sessions seen, and the latest few ids so that switching back to a tab is no new visit. */
  sessions: { count: number; recent: string[] };
  rules: Record<string, RuleState>;
  /** Absent from states stored before v2 (read as zero until the lead's next beacon replays it). */
  activity?: Activity;
}
