/**
 * The `scoring` section of tells.config.json. Every field has a default (taken from
 * `defaultScoring`), so `{}` — or no section at all — gives a working B2B SaaS setup.
 * Only `.refine` is used, never `.transform`, so `z.toJSONSchema` can describe the file.
 */
import { z } from 'zod';
import { defaultScoring } from './default-scoring.ts';
import { domainPatternSchema, regexSchema, textSchema } from './schema-common.ts';
import { fitRuleSchema } from './schema-fit.ts';
import { intentRuleSchema } from './schema-intent.ts';

const defaults = () => structuredClone(defaultScoring);

/** The `exclusions` part: who can never be an MQL. */
export const exclusionsSchema = z
  .strictObject({
    freeMail: z
      .boolean()
      .default(defaultScoring.exclusions.freeMail)
      .describe('Exclude emails at free-mail providers (gmail.com, …); the collector supplies the list.'),
    competitors: z
      .array(domainPatternSchema)
      .max(1000)
      .default(() => defaults().exclusions.competitors)
      .describe('Competitor domains: their people research you, they do not buy.'),
    students: z
      .strictObject({
        titles: z.array(regexSchema).max(100).default(() => defaults().exclusions.students.titles),
        domains: z.array(domainPatternSchema).max(1000).default(() => defaults().exclusions.students.domains),
      })
      .prefault({})
      .describe('Students and job seekers, by job-title pattern or academic email domain.'),
    customers: z
      .strictObject({
        tiers: z.array(textSchema(50)).max(20).default(() => defaults().exclusions.customers.tiers),
        domains: z.array(domainPatternSchema).max(10_000).default(() => defaults().exclusions.customers.domains),
      })
      .prefault({})
      .describe('Existing customers, by account tier or domain: upsell is not a marketing lead.'),
    bots: z
      .boolean()
      .default(defaultScoring.exclusions.bots)
      .describe('Exclude bots: flagged at ingestion (user agent, webdriver, speed) or by botPagesWithoutEngagement.'),
    botPagesWithoutEngagement: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .refine((n) => n === 0 || n >= 2, '0 (off) or at least 2')
      .default(defaultScoring.exclusions.botPagesWithoutEngagement)
      .describe(
        'A lead that has viewed this many pages without one moment of engaged time is a bot (a person who reads ' +
          'that many pages is engaged for some seconds); any engaged time clears it. 0 turns it off. Needs bots: true.',
      ),
  })
  .describe('Reasons a lead can never be an MQL, whatever the points.');

const descending = (values: number[]) => values.every((v, i) => i === 0 || v <= (values[i - 1] as number));

/** The `grade` part: thresholds for fit letters and intent numbers. */
export const gradeSchema = z
  .strictObject({
    fit: z
      .strictObject({
        A: z.number().min(0).max(100).default(defaultScoring.grade.fit.A),
        B: z.number().min(0).max(100).default(defaultScoring.grade.fit.B),
        C: z.number().min(0).max(100).default(defaultScoring.grade.fit.C),
      })
      .prefault({})
      .refine((t) => descending([t.A, t.B, t.C]), 'need A ≥ B ≥ C')
      .describe('Lowest fit for each letter; below C is D.'),
    intent: z
      .strictObject({
        1: z.number().min(0).max(1000).default(defaultScoring.grade.intent[1]),
        2: z.number().min(0).max(1000).default(defaultScoring.grade.intent[2]),
        3: z.number().min(0).max(1000).default(defaultScoring.grade.intent[3]),
      })
      .prefault({})
      .refine((t) => descending([t[1], t[2], t[3]]), 'need 1 ≥ 2 ≥ 3')
      .describe('Lowest intent for each number (1 = hottest); below 3 is 4.'),
  })
  .describe('Grade = fit letter × intent number, e.g. B2.');

/** The whole `scoring` section of tells.config.json; `{}` gives `defaultScoring`. */
export const scoringSchema = z
  .strictObject({
    fit: z
      .array(fitRuleSchema)
      .max(100)
      .default(() => defaults().fit)
      .describe('Fit rules; replaces the defaults when given.'),
    intent: z
      .array(intentRuleSchema)
      .max(100)
      .default(() => defaults().intent)
      .describe('Intent rules; replaces the defaults when given.'),
    exclusions: exclusionsSchema.prefault({}),
    mql: z
      .strictObject({
        minFit: z.number().min(0).max(100).default(defaultScoring.mql.minFit).describe('Fit needed.'),
        minIntent: z.number().min(0).max(1000).default(defaultScoring.mql.minIntent).describe('Intent needed.'),
      })
      .prefault({})
      .describe('An MQL: fit ≥ minFit, intent ≥ minIntent, a high-intent action with points now, no exclusion.'),
    grade: gradeSchema.prefault({}),
    recycle: z
      .strictObject({
        cooldownDays: z.number().min(0).max(3650).default(defaultScoring.recycle.cooldownDays),
      })
      .prefault({})
      .describe('A rejected lead may qualify again after this many days in nurture.'),
  })
  .refine((c) => new Set([...c.fit, ...c.intent].map((r) => r.id)).size === c.fit.length + c.intent.length, {
    message: 'rule ids must be unique across fit and intent',
  })
  .describe('Lead scoring: fit (who), intent (what they do), exclusions, the MQL bar and grades.');

/** The parsed `scoring` section, defaults filled in. */
export type ScoringConfig = z.output<typeof scoringSchema>;
/** The `scoring` section as written in tells.config.json. */
export type ScoringConfigInput = z.input<typeof scoringSchema>;
