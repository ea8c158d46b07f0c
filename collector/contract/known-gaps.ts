/**
 * Where Node + better-sqlite3 and workerd + D1 behave differently on purpose. Every contract in
 * this folder runs unchanged on both, nothing skipped; each difference below is asserted, as the
 * different behaviour, where `asserted` says — or it says why it cannot be observed locally.
 * The README's deploy section shows this table (a test checks it lists every row).
 */
export interface KnownGap {
  behaviour: string;
  node: string;
  workerd: string;
  reason: string;
  asserted: string;
}

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    behaviour: 'Queue mode (TELLS_INGEST_MODE = "queue")',
    node: 'not available: every beacon is committed before its 202 `{accepted, duplicates, rejected}`',
    workerd: '202 `{…, queued: true}` once the Queue has the beacon; a repeat from an earlier beacon is dropped later by the consumer, so it is counted as accepted',
    reason: 'Queues exist only on Workers; one local SQLite file is not the bottleneck that one D1 database is',
    asserted: 'ingest.contract.ts (exact 202 bodies, both runtimes); workerd.test.ts › queue mode',
  },
  {
    behaviour: 'Admin key and config source',
    node: 'TELLS_API_KEY, else a key generated on first start and kept in the data folder; config read from the TELLS_CONFIG file',
    workerd: 'the TELLS_API_KEY secret, else every /api call answers 401 saying it is unset; config bundled at build time or the TELLS_CONFIG_JSON secret, which when invalid makes every request a 503',
    reason: 'A Worker has no disk to keep a generated key on, and reads no files at run time',
    asserted: 'workerd.test.ts › the Worker entry; node.test.ts › the Node entry',
  },
  {
    behaviour: 'Webhook retries',
    node: 'a timer in the process, every 15 s',
    workerd: 'the cron trigger in wrangler.toml, every minute',
    reason: 'A Worker has no long-lived process; cron triggers fire at most once a minute',
    asserted: 'webhooks.contract.ts drives both through Target.runCron',
  },
  {
    behaviour: 'Rate limits',
    node: 'token buckets in the process, sized by `limits` in tells.config.json; Retry-After says when a token is back',
    workerd: 'the Rate Limiting bindings in wrangler.toml (counters shared per Cloudflare location, periods of 10 or 60 s); Retry-After is 10 s',
    reason: 'A Worker has no memory shared between isolates; the binding is Cloudflare’s shared counter',
    asserted: 'rate-limit.contract.ts: the same 429s on both (3 allowed, the 4th refused)',
  },
  {
    behaviour: 'What a 202 survives',
    node: 'the commit is in the WAL of a local file: it survives kill -9 of the process',
    workerd: 'the commit is D1’s; its durability is Cloudflare’s and cannot be exercised locally',
    reason: 'Miniflare simulates D1 on local SQLite; the real storage is remote',
    asserted: 'collector/src/node.test.ts (kill -9); the contracts assert commit-before-202 on both',
  },
  {
    behaviour: 'Reaching the webhook receiver',
    node: 'any URL the host can reach',
    workerd: 'the tests’ receiver is on 127.0.0.1, which workerd under Miniflare reaches; a deployed Worker needs a public URL',
    reason: 'A deployed Worker runs on Cloudflare’s network, not beside the receiver',
    asserted: 'webhooks.contract.ts (loopback receiver, both runtimes)',
  },
];
