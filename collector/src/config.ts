/**
 * `tells.config.json`: the sites that may send beacons, where MQLs are announced, and how leads
 * are scored (the `scoring` section may be left out: the defaults suit a typical B2B SaaS site). Validated with zod at start; a bad file stops the
 * start with a message naming the JSON path of each problem.
 */
import { z } from 'zod';
import { scoringSchema } from './scoring/index.ts';

const origin = z
  .string()
  .max(200)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
    } catch {
      return false;
    }
  }, 'must be an origin like https://www.example.com (scheme and host, no path or trailing slash)')
  .describe('A page origin allowed to send beacons for this site');

const site = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits and _ . : -')
    .describe('The value of data-site in the snippet'),
  name: z.string().max(200).optional().describe('A display name'),
  origins: z.array(origin).min(1).max(100).describe('Page origins allowed to send beacons (CORS)'),
});

const webhook = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048).describe('Receives a POST for every new MQL'),
  secret: z.string().min(16).max(256).describe('HMAC-SHA256 signing secret (at least 16 characters)'),
});

const rateLimit = (burst: number, perSecond: number, what: string) =>
  z
    .strictObject({
      burst: z.number().int().min(1).max(1_000_000).describe('Requests allowed at once'),
      perSecond: z.number().min(0.001).max(1_000_000).describe('Requests allowed per second, sustained'),
    })
    .default({ burst, perSecond })
    .describe(what);

const limits = z
  .strictObject({
    ingestPerIp: rateLimit(120, 20, 'POST /collect per client IP (many people can share an office IP)'),
    ingestPerSite: rateLimit(5000, 1000, 'POST /collect per site'),
    adminPerKey: rateLimit(600, 60, 'Admin API per key (a CRM sync pages quickly)'),
  })
  .prefault({})
  .describe('Rate limits; over them the collector answers 429 with Retry-After');

export const configSchema = z
  .strictObject({
    $schema: z.string().max(500).optional(),
    sites: z.array(site).min(1).max(1000).describe('The websites that send beacons'),
    webhooks: z.array(webhook).max(20).default([]).describe('Where new MQLs are POSTed, signed'),
    scoring: scoringSchema.prefault({}),
    limits,
    retentionDays: z.number().int().min(1).max(3650).default(395).describe('Events older than this are deleted by a daily job'),
    allowAutomation: z
      .boolean()
      .default(false)
      .describe('Score automated browsers (webdriver, headless) like people; for test environments only'),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.sites.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `duplicate site id "${s.id}"` });
      seen.add(s.id);
    });
  });

export type TellsConfig = z.infer<typeof configSchema>;

/** A config that failed validation; `message` lists every problem by JSON path. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Formats a zod path as a JSON path: `sites[0].origins[1]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || '(root)';
}

/** Validates a parsed config; throws ConfigError naming each bad field. */
export function parseConfig(input: unknown, source = 'config'): TellsConfig {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${jsonPath(issue.path)}: ${issue.message}`);
  throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
}

/** Parses config text (JSON); throws ConfigError for bad JSON or bad content. */
export function parseConfigText(text: string, source = 'config'): TellsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(json, source);
}
