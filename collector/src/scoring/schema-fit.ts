/** Fit rules: points for who the lead is (title, company, account tier, email domain). */
import { z } from 'zod';
import {
  domainPatternSchema,
  labelSchema,
  rangeSchema,
  regexSchema,
  ruleIdSchema,
  textSchema,
} from './schema-common.ts';

/** Seniority helpers a fit rule can name instead of writing title patterns. */
export const SENIORITIES = ['c_level', 'vp', 'head', 'director', 'manager'] as const;
export type Seniority = (typeof SENIORITIES)[number];

/**
 * Built-in title patterns, so the common cases need no regular expression. "Vice President"
 * must not count as C-level, hence the look-behind on "president".
 */
export const SENIORITY_PATTERNS: Record<Seniority, RegExp> = {
  c_level: /\b(chief\b.*\bofficer|c[a-z]o|(co-?)?founder|owner|(?<!vice[ -])president)\b/i,
  vp: /\b([aes]?vp|vice[ -]president)\b/i,
  head: /\bhead\b/i,
  director: /\bdirector\b/i,
  manager: /\bmanager\b/i,
};

/** All given conditions must hold. Missing lead answers are filled from the account. */
export const fitConditionSchema = z
  .strictObject({
    seniority: z
      .array(z.enum(SENIORITIES))
      .min(1)
      .max(SENIORITIES.length)
      .optional()
      .describe('Job title is one of these seniorities (built-in patterns).'),
    title: z.array(regexSchema).min(1).max(50).optional().describe('Job title matches any of these patterns.'),
    employees: rangeSchema('head count', 10_000_000)
      .optional()
      .describe('Company size, from the lead\'s answer ("51-200" reads as 125.5) or the account.'),
    industry: z
      .array(textSchema(100))
      .min(1)
      .max(100)
      .optional()
      .describe('Industry contains one of these words, case-insensitive ("Software" matches "Computer Software").'),
    country: z
      .array(textSchema(100))
      .min(1)
      .max(300)
      .optional()
      .describe('Country equals one of these (case-insensitive).'),
    revenue: rangeSchema('annual revenue', 1e13).optional().describe('Account annual revenue.'),
    tier: z
      .array(textSchema(50))
      .min(1)
      .max(20)
      .optional()
      .describe('Target-account tier is one of these, e.g. tier1.'),
    emailDomain: z.array(domainPatternSchema).min(1).max(1000).optional().describe('Email domain is one of these.'),
    businessEmail: z
      .boolean()
      .optional()
      .describe('true: the email is not at a free-mail provider; false: it is. Unknown email never matches.'),
  })
  .refine((when) => Object.values(when).some((v) => v !== undefined), 'give at least one condition');

/** One fit rule: points when every condition in `when` holds. */
export const fitRuleSchema = z
  .strictObject({
    id: ruleIdSchema,
    label: labelSchema.optional(),
    points: z
      .number()
      .min(-100)
      .max(100)
      .describe('Fit points when every condition holds; fit is the sum, clamped to 0–100.'),
    when: fitConditionSchema,
  })
  .describe('A firmographic rule.');

/** A parsed fit rule. */
export type FitRule = z.output<typeof fitRuleSchema>;
/** The conditions of a parsed fit rule. */
export type FitCondition = z.output<typeof fitConditionSchema>;
