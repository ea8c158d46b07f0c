/**
 * The lead lifecycle as a pure function:
 * anonymous → known → mql → accepted (SQL) | rejected → recycled → may become mql again.
 * An MQL stays one until sales answers (a list that reshuffles as intent decays helps nobody);
 * accepted and merged are final.
 */
import type { LeadStatus } from '../db/schema.ts';

export interface LifecycleInput {
  status: LeadStatus;
  hasEmail: boolean;
  qualifies: boolean;
  /** A recycled lead cannot qualify again before this time. */
  cooldownUntil: number | null;
  now: number;
}

/** The status a lead moves to after scoring, or its current one. */
export function nextStatus({ status, hasEmail, qualifies, cooldownUntil, now }: LifecycleInput): LeadStatus {
  if (status === 'mql' || status === 'accepted' || status === 'merged' || status === 'rejected') return status;
  const coolingDown = cooldownUntil !== null && now < cooldownUntil;
  if (qualifies && hasEmail && !coolingDown) return 'mql';
  if (status === 'anonymous' && hasEmail) return 'known';
  return status;
}

export const REJECTION_REASONS = ['bad_timing', 'no_budget', 'not_a_fit', 'no_response', 'competitor', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
