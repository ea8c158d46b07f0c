/**
 * The wire contract between the tracker and the collector (see DESIGN.md, "Wire format").
 * Every string has a max length, every number a range, every list a max size: the collector
 * validates against this before anything touches the database. The tracker imports only types.
 */
import { z } from 'zod';

export const WIRE_VERSION = 1;

/** Hard limits of one beacon. */
export const LIMITS = {
  /** Bytes of one request body, checked before parsing. */
  maxBodyBytes: 64 * 1024,
  maxEventsPerBatch: 50,
  maxIdLength: 64,
  maxUrlLength: 2048,
  maxTitleLength: 300,
  maxNameLength: 100,
  maxPropKeys: 32,
  maxPropKeyLength: 64,
  maxPropValueLength: 1000,
  /** Events may carry a client clock; we accept 2020-01-01 .. 2100-01-01. */
  minTs: Date.UTC(2020, 0, 1),
  maxTs: Date.UTC(2100, 0, 1),
} as const;

export const EVENT_TYPES = [
  'pageview',
  'engagement',
  'download',
  'outbound',
  'form_submit',
  'vitals',
  'track',
  'identify',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Canonical contact and firmographic fields, as the tracker sends them in `identify` and
 * `form_submit` props. Anything else a form holds is dropped by the tracker.
 */
export const PROFILE_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'companySize',
  'industry',
  'country',
  'phone',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** First-touch attribution keys the tracker keeps for the visitor. */
export const ATTRIBUTION_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'li_fat_id',
  'msclkid',
  'referrer',
  'landing',
] as const;
export type AttributionKey = (typeof ATTRIBUTION_KEYS)[number];

const token = (max: number) =>
  z.string().min(1).max(max).regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits and _ . : -');

const propValue = z.union([
  z.string().max(LIMITS.maxPropValueLength),
  z.number().finite().min(-1e12).max(1e12),
  z.boolean(),
  z.null(),
]);

const props = z
  .record(z.string().min(1).max(LIMITS.maxPropKeyLength), propValue)
  .refine((p) => Object.keys(p).length <= LIMITS.maxPropKeys, {
    message: `at most ${LIMITS.maxPropKeys} keys`,
  });

/** One event. Validated one by one: a bad event is rejected, its neighbours are kept. */
export const eventSchema = z.strictObject({
  id: token(LIMITS.maxIdLength),
  type: z.enum(EVENT_TYPES),
  ts: z.number().int().min(LIMITS.minTs).max(LIMITS.maxTs),
  url: z.string().max(LIMITS.maxUrlLength).url(),
  ref: z.string().max(LIMITS.maxUrlLength).optional(),
  title: z.string().max(LIMITS.maxTitleLength).optional(),
  /** The name of a `track` event. */
  name: z.string().min(1).max(LIMITS.maxNameLength).optional(),
  props: props.optional(),
});
export type WireEvent = z.infer<typeof eventSchema>;

const attribution = z
  .partialRecord(z.enum(ATTRIBUTION_KEYS), z.string().max(LIMITS.maxUrlLength))
  .optional();

/**
 * The envelope. Events stay `unknown` here so that one bad event does not sink the batch;
 * each is checked with `eventSchema`.
 */
export const envelopeSchema = z.strictObject({
  v: z.literal(WIRE_VERSION),
  site: token(64),
  vid: token(LIMITS.maxIdLength),
  sid: token(LIMITS.maxIdLength),
  /** First-touch attribution of this visitor, as the tracker remembers it. */
  ft: attribution,
  /** `navigator.webdriver` was true: an automated browser. */
  wd: z.boolean().optional(),
  /** Global Privacy Control or Do Not Track was on: the collector stores nothing identifying. */
  gpc: z.boolean().optional(),
  events: z.array(z.unknown()).min(1).max(LIMITS.maxEventsPerBatch),
});
export type Envelope = Omit<z.infer<typeof envelopeSchema>, 'events'> & { events: WireEvent[] };

/** What `POST /collect` answers with 202. */
export interface CollectResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /**
   * Present (true) when the collector runs in queue mode: `accepted` counts the events handed to
   * the queue, and an event id seen in an earlier beacon is dropped later by the consumer, so
   * `duplicates` counts only repeats inside this beacon.
   */
  queued?: true;
}
