/** Bounded building blocks shared by the fit, intent and exclusion schemas. */
import { z } from 'zod';

/** A rule id: stable, readable, safe as a JSON key and in URLs. */
export const ruleIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, _ and -, starting with a letter or digit')
  .describe('Stable id of the rule; shown in every explanation, so keep it readable.');

/** A human label for a rule. */
export const labelSchema = z
  .string()
  .min(1)
  .max(120)
  .describe('What sales reads next to the points. Generated from the rule when omitted.');

/** A non-empty string of at most `max` characters. */
export const textSchema = (max: number) => z.string().min(1).max(max);

const compiles = (source: string) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
};

/** A case-insensitive regular expression, checked here so compiling the rules cannot fail. */
export const regexSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(compiles, 'must be a valid regular expression')
  .describe('Case-insensitive regular expression, e.g. "\\\\bdirector\\\\b".');

/** A domain, or a domain pattern with `*` for one or more labels. */
export const domainPatternSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9*][A-Za-z0-9*.-]*$/, 'a domain such as acme.com, or a pattern such as *.edu')
  .describe('A domain (also matches its subdomains) or a pattern with * for labels, e.g. *.ac.*');

/** An inclusive numeric range where at least one bound is given. */
export const rangeSchema = (unit: string, max: number) =>
  z
    .strictObject({
      min: z.number().min(0).max(max).optional().describe(`Lowest ${unit}, inclusive.`),
      max: z.number().min(0).max(max).optional().describe(`Highest ${unit}, inclusive.`),
    })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');
