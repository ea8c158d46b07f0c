/**
 * End to end: beacons become leads, scores, MQLs with reasons; identity merges; feedback
 * recycles; accounts import; erasure; the funnel.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { beacon, event } from '../src/test-support.ts';
import { api, collect, DAY, type Target } from './target.ts';

const page = (path: string, ts: number, extra: Record<string, unknown> = {}) =>
  event({ url: `https://www.example.com${path}`, ts, title: path, ...extra });

/** Target accounts, as marketing ops imports them. */
export function importAccounts(t: Target) {
  const csv = 'domain,name,industry,employees,revenue,country,tier\nacme-logistics.example,Acme Logistics,Logistics,1200,250000000,US,tier1\n';
  return api(t, '/api/accounts', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
}

/** A Director at a target account reads, downloads, returns to pricing and asks for a demo. */
export async function buyerJourney(t: Target, vid: string, email = 'dana.director@acme-logistics.example'): Promise<Response> {
  const now = t.now;
  await collect(t, beacon([page('/blog/a', now - 3 * DAY), page('/pricing', now - 2 * DAY)], { vid, ft: { utm_source: 'linkedin', utm_campaign: 'q4' } }));
  await collect(t, beacon([page('/resources/guide.pdf', now - DAY, { type: 'download', props: { href: 'https://www.example.com/resources/guide.pdf' } })], { vid }));
  await collect(t, beacon([page('/pricing', now - 1000)], { vid }));
  return collect(
    t,
    beacon(
      [
        page('/demo', now - 500, {
          type: 'form_submit',
          props: { form: 'demo-request', action: '/demo/thanks', email, firstName: 'Dana', lastName: 'Reyes', company: 'Acme Logistics', jobTitle: 'Director of Operations', companySize: '1001-5000', country: 'US' },
        }),
      ],
      { vid },
    ),
  );
}

export function defineJourneyContract(target: () => Target): void {
  describe('a buyer journey', () => {
    let t: Target;
    beforeEach(async () => {
      t = target();
      await t.reset();
    });

    it('turns a Director at a target account into an MQL with the reasons and the story', async () => {
      expect((await importAccounts(t)).body).toEqual({ created: 1, updated: 0, errors: [] });
      await buyerJourney(t, 'buyer-1');

      const { body: list } = await api(t, '/api/mqls');
      expect(list.data).toHaveLength(1);
      const [mql] = list.data;
      expect(mql).toMatchObject({ email: 'dana.director@acme-logistics.example', status: 'mql', company: 'Acme Logistics', firstTouch: { utm_source: 'linkedin' } });
      expect(mql.grade).toMatch(/^[AB][12]$/);
      expect(mql.reasons.length).toBeGreaterThan(0);

      const { body: lead } = await api(t, `/api/leads/${mql.id}`);
      const fired = lead.reasons.map((r: { rule: string }) => r.rule).join(' ');
      expect(fired).toMatch(/pricing/);
      expect(fired).toMatch(/demo/);
      expect(lead.reasons.some((r: { kind: string }) => r.kind === 'fit')).toBe(true);
      expect(lead.account).toMatchObject({ domain: 'acme-logistics.example', tier: 'tier1', engagedPeople: 1 });
      expect(lead.story.map((s: { type: string }) => s.type)).toEqual(['form_submit', 'pageview', 'download', 'pageview', 'pageview']);
      expect(lead.lifecycle.map((s: { to: string }) => s.to)).toEqual(['mql']);
      expect(lead.distance).toEqual({ fit: 0, intent: 0, highIntent: false });
    });

    it('never qualifies a student with a gmail address reading careers', async () => {
      const now = t.now;
      await collect(t, beacon([page('/blog/a', now - 2000), page('/careers', now - 1500)], { vid: 'student' }));
      await collect(
        t,
        beacon([page('/pricing', now - 1000), page('/demo', now - 500, { type: 'form_submit', props: { form: 'demo-request', email: 'sam.student@gmail.com', jobTitle: 'Student' } })], { vid: 'student' }),
      );
      expect((await api(t, '/api/mqls')).body.data).toEqual([]);
      const { body: leads } = await api(t, '/api/leads?status=known');
      expect(leads.data).toHaveLength(1);
      expect(leads.data[0].exclusions.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['free_mail', 'student']));
    });

    it('joins anonymous history and a second browser into one lead, counting nothing twice', async () => {
      await importAccounts(t);
      await buyerJourney(t, 'laptop');
      const before = (await api(t, '/api/mqls')).body.data[0];
      const now = t.now;
      await collect(t, beacon([page('/integrations', now - 100)], { vid: 'phone', sid: 'phone-s' }));
      await collect(t, beacon([page('/contact', now - 50, { type: 'identify', props: { email: 'Dana.Director@acme-logistics.example' } })], { vid: 'phone', sid: 'phone-s' }));
      const { body: leads } = await api(t, '/api/leads');
      expect(leads.data.map((l: { id: string }) => l.id)).toEqual([before.id]);
      const { body: lead } = await api(t, `/api/leads/${before.id}`);
      expect(lead.story).toHaveLength(7);
      // Replaying both browsers' events in arrival order gives at least the old intent, never double.
      expect(lead.intent).toBeGreaterThanOrEqual(before.intent);
      expect(lead.intent).toBeLessThan(before.intent * 2);
    });

    it('recycles a rejected MQL and lets it qualify again after the cool-down', async () => {
      await importAccounts(t);
      await buyerJourney(t, 'buyer-2');
      const id = (await api(t, '/api/mqls')).body.data[0].id;
      const feedback = (body: unknown) => api(t, `/api/leads/${id}/feedback`, { method: 'POST', body: JSON.stringify(body) });

      expect((await feedback({ outcome: 'rejected', reason: 'other' })).status).toBe(400);
      const rejected = await feedback({ outcome: 'rejected', reason: 'bad_timing' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'recycled', intent: 0 });
      expect(rejected.body.lifecycle.map((s: { to: string; reason: string | null }) => [s.to, s.reason])).toEqual([
        ['mql', null],
        ['rejected', 'bad_timing'],
        ['recycled', 'bad_timing'],
      ]);
      expect((await feedback({ outcome: 'accepted' })).status).toBe(409);

      // New high-intent activity during the cool-down does not qualify it…
      await collect(t, beacon([page('/pricing', t.now), page('/contact', t.now, { type: 'form_submit', props: { form: 'contact-sales' } })], { vid: 'buyer-2' }));
      expect((await api(t, `/api/leads/${id}`)).body.status).toBe('recycled');
      // …after it, new activity does.
      await t.setNow(t.now + 40 * DAY);
      await collect(t, beacon([page('/pricing', t.now - 2000), page('/demo', t.now - 1000, { type: 'form_submit', props: { form: 'demo-request' } })], { vid: 'buyer-2' }));
      const again = (await api(t, `/api/leads/${id}`)).body;
      expect(again.status).toBe('mql');
      expect(again.lifecycle.map((s: { to: string }) => s.to)).toEqual(['mql', 'rejected', 'recycled', 'mql']);
    });

    it('reports bad account rows by line and keeps the good ones', async () => {
      const csv = 'domain,name,employees,tier\nacme.example,Acme,100,tier1\nnot a domain,Bad,1,tier2\nglobex.example,Globex,lots,tier2\ninitech.example,Initech,,tier3\n';
      const { status, body } = await api(t, '/api/accounts', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
      expect(status).toBe(200);
      expect(body.created).toBe(2);
      expect(body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
      const again = await api(t, '/api/accounts', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accounts: [{ domain: 'ACME.example', tier: 'tier2' }] }) });
      expect(again.body).toEqual({ created: 0, updated: 1, errors: [] });
    });

    it('imports more accounts than one statement may carry (D1: 100 bound parameters)', async () => {
      const rows = Array.from({ length: 60 }, (_, i) => `company-${i}.example,Company ${i},Software,${100 + i},,US,tier2`);
      const csv = `domain,name,industry,employees,revenue,country,tier\n${rows.join('\n')}\n`;
      const { body } = await api(t, '/api/accounts', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
      expect(body).toEqual({ created: 60, updated: 0, errors: [] });
      expect(await t.sql('select count(*) as n from accounts')).toEqual([{ n: 60 }]);
    });

    it('erases a lead with its events and says what went', async () => {
      await importAccounts(t);
      await buyerJourney(t, 'buyer-3');
      const id = (await api(t, '/api/mqls')).body.data[0].id;
      const { body } = await api(t, `/api/leads/${id}`, { method: 'DELETE' });
      expect(body.erased).toMatchObject({ leads: 1, visitors: 1, events: 5, transitions: 1 });
      expect((await api(t, `/api/leads/${id}`)).status).toBe(404);
      expect(await t.sql('select count(*) as n from events')).toEqual([{ n: 0 }]);
    });

    it('counts the funnel', async () => {
      await importAccounts(t);
      await buyerJourney(t, 'buyer-4');
      await collect(t, beacon([page('/', t.now)], { vid: 'casual' }));
      const { body } = await api(t, '/api/stats');
      expect(body).toMatchObject({ visitors: 2, knownLeads: 1, mqls: 1, accepted: 0, rejected: 0, mqlToSqlRate: null, bots: 0 });
      expect(body.bySource).toEqual([{ source: 'linkedin', known: 1, mqls: 1, accepted: 0 }]);
    });
  });
}
