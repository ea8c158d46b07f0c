/**
 * The Worker's cron triggers, exactly as `[triggers] crons` in wrangler.toml lists them (a test
 * checks): webhook retries every minute, the retention purge hourly.
 */
export const CRONS = { webhooks: '* * * * *', retention: '7 * * * *' } as const;
