import { describe, expect, it } from 'vitest';
import { defaultScoring } from './default-scoring.ts';
import { scoreLead } from './evaluate.ts';
import { DAY, download, engagement, event, FREE_MAIL, compile, submit, T0, view } from './test-helpers.ts';
import type { Profile, ScoringEvent } from './types.ts';

const rules = compile({}, FREE_MAIL);
const inSession = (sid: string, events: ScoringEvent[]) => events.map((e) => ({ ...e, sid }));

const director: Profile = {
  email: 'dana@acme.com',
  jobTitle: 'Director of Revenue Operations',
  account: { domain: 'acme.com', name: 'Acme', industry: 'Software', employees: 800, tier: 'tier1' },
};

describe('the default rules', () => {
  it('make a Director at a tier-1 account who views pricing twice, reads a guide and asks for a demo an MQL', () => {
    const events = [
      ...inSession('s1', [view('/', T0), view('/pricing', T0 + 60_000), download('/resources/incident-response-playbook.pdf', T0 + 120_000)]),
      ...inSession('s2', [view('/pricing', T0 + 2 * DAY), view('/demo', T0 + 2 * DAY + 60_000), submit('demo-request', T0 + 2 * DAY + 120_000)]),
    ];
    const score = scoreLead(events, director, rules, T0 + 2 * DAY + 180_000);
    expect(score).toMatchObject({ qualifies: true, highIntent: true, exclusions: [], fit: 100, grade: 'A1' });
    expect(score.reasons.slice(0, 2).map((r) => r.rule)).toEqual(['demo-request', 'senior-title']);
    expect(score.intent).toBeGreaterThanOrEqual(defaultScoring.mql.minIntent);
  });

  it('exclude a gmail student who reads the blog and careers and downloads a guide', () => {
    const student: Profile = { email: 'sam@gmail.com', jobTitle: 'Computer Science Student' };
    const events = [
      view('/blog/alert-fatigue-is-a-routing-problem', T0),
      view('/blog/postmortems-that-change-things', T0 + 60_000),
      engagement('/blog/postmortems-that-change-things', T0 + 300_000, 240_000, 100),
      view('/careers', T0 + 400_000),
      view('/careers', T0 + 460_000),
      download('/resources/incident-response-playbook.pdf', T0 + 500_000),
    ];
    const score = scoreLead(events, student, rules, T0 + DAY);
    expect(score.qualifies).toBe(false);
    expect(score.exclusions.map((e) => e.code)).toEqual(['student', 'free_mail']);
    expect(score.reasons.find((r) => r.rule === 'careers-page')?.points).toBe(-10); // once per session
  });

  it('never qualify content alone, however good the fit and however much is read', () => {
    const sessions = ['s1', 's2', 's3', 's4'].flatMap((sid, day) =>
      inSession(sid, [
        view(`/blog/post-${day}`, T0 + day * DAY),
        engagement(`/blog/post-${day}`, T0 + day * DAY + 1000, 120_000, 90),
        view(`/docs/api-${day}`, T0 + day * DAY + 2000),
        download(`/resources/guide-${day}.pdf`, T0 + day * DAY + 3000),
        submit('newsletter', T0 + day * DAY + 4000),
      ]),
    );
    const score = scoreLead(sessions, director, rules, T0 + 3 * DAY + 5000);
    expect(score.fit).toBe(100);
    expect(score.intent).toBeGreaterThanOrEqual(defaultScoring.mql.minIntent);
    expect(score).toMatchObject({ qualifies: false, highIntent: false, distance: { fit: 0, intent: 0, highIntent: true } });
  });

  it('let a qualified lead go cold again when the buying signals fade', () => {
    const events = [view('/pricing', T0), submit('contact-sales', T0 + 1000)];
    const manager: Profile = { email: 'max@acme.com', jobTitle: 'Sales Manager', companySize: '201-500', industry: 'Logistics' };
    expect(scoreLead(events, manager, rules, T0 + DAY).qualifies).toBe(true);
    const later = scoreLead(events, manager, rules, T0 + 60 * DAY);
    expect(later).toMatchObject({ qualifies: false, grade: 'B4', intent: 9.5 }); // 35 halved twice + pricing's remains
  });

  it('match the demo site pages they name', () => {
    const paths = ['/pricing', '/demo', '/contact', '/tour/overview', '/blog/x', '/careers'];
    const events = [...paths.map((p, i) => view(p, T0 + i)), event('form_submit', '/', T0, { props: { form: 'newsletter' } })];
    const fired = scoreLead(events, {}, rules, T0 + 10).reasons.map((r) => r.rule).sort();
    expect(fired).toEqual([
      'blog-reading', 'careers-page', 'contact-page', 'demo-page', 'newsletter', 'pricing-page', 'product-research',
    ]);
  });
});
