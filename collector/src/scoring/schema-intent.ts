/** Intent rules: points for what the lead does, with caps, frequency limits and decay. */
import { z } from 'zod';
import { EVENT_TYPES } from '../../../shared/wire.ts';
import { labelSchema, ruleIdSchema } from './schema-common.ts';

const glob = z.string().min(1).max(300);
const globs = z
  .union([glob, z.array(glob).min(1).max(50)])
  .describe('Path glob(s), case-insensitive: * within a segment, ** across; a trailing /** also matches the bare path');
const names = z
  .union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).min(1).max(50)])
  .describe('Name pattern(s), case-insensitive, * as wildcard.');
const pathFilter = globs.optional().describe('Only on pages whose path matches.');

/** Which events an intent rule counts, by kind. */
export const matchSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('page'), path: globs }).describe('A pageview whose path matches.'),
    z
      .strictObject({ kind: z.literal('event'), type: z.enum(EVENT_TYPES), path: pathFilter })
      .describe('Any event of this type, optionally on matching pages.'),
    z
      .strictObject({ kind: z.literal('form'), form: names, path: pathFilter })
      .describe('A form_submit whose form id or name (props.form) matches.'),
    z
      .strictObject({ kind: z.literal('download'), file: globs })
      .describe('A download whose file path (props.href) matches, e.g. /resources/*.pdf.'),
    z.strictObject({ kind: z.literal('track'), name: names }).describe('A custom track event with a matching name.'),
    z
      .strictObject({ kind: z.literal('engaged'), minSeconds: z.number().min(1).max(86_400), path: pathFilter })
      .describe('An engagement event with at least this much engaged time on the page.'),
    z
      .strictObject({ kind: z.literal('scroll'), minPercent: z.number().min(1).max(100), path: pathFilter })
      .describe('An engagement event that scrolled at least this far down the page.'),
    z
      .strictObject({ kind: z.literal('returning'), minSessions: z.number().int().min(2).max(1000) })
      .describe('The first event of each visit once the lead has made at least this many visits (sessions).'),
  ])
  .describe('Which events the rule counts.');

/** Half-life or window decay. */
export const decaySchema = z
  .union([
    z
      .strictObject({ halfLifeDays: z.number().min(0.01).max(3650) })
      .describe('Points halve every halfLifeDays after the latest hit.'),
    z
      .strictObject({ windowDays: z.number().min(0.01).max(3650) })
      .describe('Each hit counts in full for windowDays, then not at all.'),
  ])
  .describe('How points fade. Default for positive rules: halfLifeDays 30. Negative rules never fade.');

/** How often a rule may count. */
export const frequencySchema = z
  .strictObject({
    max: z.number().int().min(1).max(20).describe('Hits counted per key per period.'),
    perDays: z.number().min(1 / 24).max(365).describe('Length of the sliding period, in days.'),
    by: z
      .enum(['page', 'rule', 'session'])
      .describe('Key: each page (or downloaded file) separately, the rule as a whole, or each session.'),
  })
  .describe('Limits how often the rule counts, e.g. {max:1, perDays:1, by:"page"}: a page once a day.');

/** One intent rule: points per counted event, capped, limited and decaying. */
export const intentRuleSchema = z
  .strictObject({
    id: ruleIdSchema,
    label: labelSchema.optional(),
    points: z
      .number()
      .min(-100)
      .max(100)
      .refine((p) => p !== 0, 'points must not be 0')
      .describe('Points per counted hit; negative for signals against buying (e.g. careers pages).'),
    highIntent: z
      .boolean()
      .optional()
      .describe('A buying action (pricing, demo, contact): an MQL needs at least one with points now.'),
    cap: z.number().min(0.01).max(1000).describe('Most points (in absolute value) the rule can hold at once.'),
    frequency: frequencySchema.optional(),
    decay: decaySchema.optional(),
    match: matchSchema,
  })
  .refine((r) => r.cap >= Math.abs(r.points), { message: 'cap must be at least |points|', path: ['cap'] })
  // Decay must never raise a score; a fading negative rule would do exactly that.
  .refine((r) => r.points > 0 || r.decay === undefined, {
    message: 'negative rules never decay (waiting must not raise a score): remove decay',
    path: ['decay'],
  })
  .refine((r) => r.points > 0 || !r.highIntent, {
    message: 'a negative rule cannot be high intent',
    path: ['highIntent'],
  })
  .describe('A behavioural rule.');

/** A parsed intent rule. */
export type IntentRule = z.output<typeof intentRuleSchema>;
/** A parsed match. */
export type IntentMatch = z.output<typeof matchSchema>;
/** A parsed frequency limit. */
export type Frequency = z.output<typeof frequencySchema>;
