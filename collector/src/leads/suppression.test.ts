import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, beacon, collect, event, ORIGIN, testCollector, type TestCollector } from '../test-support.ts';

let t: TestCollector;
beforeEach(() => {
  t = testCollector();
});
afterEach(() => t.close());

const form = (email: string) => event({ type: 'form_submit', url: `${ORIGIN}/contact`, props: { form: 'contact-sales', email, firstName: 'Erin', company: 'Acme' } });
const auth = { authorization: `Bearer ${API_KEY}` };
const leadsWithEmail = async () =>
  ((await (await t.app.request('/api/leads', { headers: auth })).json()) as { data: { id: string; email: string | null }[] }).data.filter((l) => l.email);

describe('erasure and suppression', () => {
  it('keeps an erased email from being re-created by later beacons', async () => {
    await collect(t.app, beacon([form('erin@acme.example')], { vid: 'laptop' }));
    const [lead] = await leadsWithEmail();
    const res = await t.app.request(`/api/leads/${lead!.id}`, { method: 'DELETE', headers: auth });
    expect(res.status).toBe(200);

    await collect(t.app, beacon([form('Erin@Acme.example')], { vid: 'phone' }));
    expect(await leadsWithEmail()).toEqual([]);
    const stored = t.store.sqlite.prepare("select count(*) from events where props like '%erin%' or props like '%Erin%'").pluck().get();
    expect(stored).toBe(0);
    // The event itself is kept, without the contact data.
    expect(t.store.sqlite.prepare('select count(*) from events').pluck().get()).toBe(1);
    // Only a hash is kept of the email.
    expect(JSON.stringify(t.store.sqlite.prepare('select * from suppressions').all())).not.toMatch(/erin/i);
  });

  it('does not touch other people', async () => {
    await collect(t.app, beacon([form('erin@acme.example')], { vid: 'a' }));
    const [lead] = await leadsWithEmail();
    await t.app.request(`/api/leads/${lead!.id}`, { method: 'DELETE', headers: auth });
    await collect(t.app, beacon([form('frank@acme.example')], { vid: 'b' }));
    expect((await leadsWithEmail()).map((l) => l.email)).toEqual(['frank@acme.example']);
  });
});
