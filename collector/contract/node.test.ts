/**
 * The contract suite on Node: the real Node entry (`startCollector`) over a better-sqlite3 file,
 * spoken to over loopback HTTP. The same contracts run on workerd + D1 in workerd.test.ts; then
 * what only the Node entry does (KNOWN_GAPS).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile, resolveApiKey } from '../src/node.ts';
import { testConfig } from '../src/test-support.ts';
import { defineAdminContract } from './admin.contract.ts';
import { defineIngestContract } from './ingest.contract.ts';
import { defineJourneyContract } from './journey.contract.ts';
import { openNodeTarget } from './node-target.ts';
import { startReceiver, type Receiver } from './receiver.ts';
import { defineRateLimitContract } from './rate-limit.contract.ts';
import { defineStoreContract } from './store.contract.ts';
import type { Target } from './target.ts';
import { defineWebhookContract, webhookConfig } from './webhooks.contract.ts';

let main: Target;
let hooks: Target;
let throttled: Target;
let receiver: Receiver;
const THREE_A_MINUTE = { burst: 3, perSecond: 1 / 60 };
beforeAll(async () => {
  receiver = await startReceiver();
  [main, hooks, throttled] = await Promise.all([
    openNodeTarget(testConfig),
    openNodeTarget(webhookConfig(receiver.url)),
    openNodeTarget({ ...testConfig, limits: { ingestPerIp: THREE_A_MINUTE, ingestPerSite: THREE_A_MINUTE, adminPerKey: THREE_A_MINUTE } }),
  ]);
});
afterAll(async () => {
  await Promise.all([main?.close(), hooks?.close(), throttled?.close()]);
  await receiver?.close();
});

describe('Node + better-sqlite3', () => {
  defineStoreContract(() => main);
  defineIngestContract(() => main);
  defineAdminContract(() => main);
  defineJourneyContract(() => main);
  defineWebhookContract(() => hooks, () => receiver);
  defineRateLimitContract(() => throttled);
});

describe('the Node entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tells-node-entry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates an admin key on first start when TELLS_API_KEY is unset, keeps it owner-only, and reuses it', () => {
    const first = resolveApiKey(undefined, dir);
    expect(first).toEqual({ key: expect.stringMatching(/^tells_[A-Za-z0-9_-]{32}$/), generated: true });
    expect(statSync(join(dir, 'admin-key')).mode & 0o777).toBe(0o600);
    expect(resolveApiKey(undefined, dir)).toEqual({ key: first.key, generated: false });
    expect(resolveApiKey('from-env-0123456789', dir).key).toBe('from-env-0123456789');
    expect(readFileSync(join(dir, 'admin-key'), 'utf8').trim()).toBe(first.key);
  });

  it('reads the config file and names the bad field of an invalid one', () => {
    const file = join(dir, 'tells.config.json');
    writeFileSync(file, JSON.stringify({ sites: [{ id: 'demo', origins: ['not an origin'] }] }));
    expect(() => loadConfigFile(file)).toThrow(/sites\[0\]\.origins\[0\]/);
  });
});
