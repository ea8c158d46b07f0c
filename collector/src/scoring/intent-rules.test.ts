import { describe, expect, it } from 'vitest';
import { scoreLead } from './evaluate.ts';
import type { IntentMatch } from './schema-intent.ts';
import { download, engagement, event, onlyIntent, rule, submit, T0, view } from './test-helpers.ts';
import type { ScoringEvent } from './types.ts';

const at = (minutes: number) => T0 + minutes * 60_000;

/** Intent at the last event, under one 10-point rule (cap 100, 10-day half-life, no frequency limit). */
function intentFor(match: IntentMatch, events: ScoringEvent[]) {
  return scoreLead(events, {}, onlyIntent(rule({ match })), Math.max(...events.map((e) => e.ts))).intent;
}

describe('intent rules, one match kind at a time', () => {
  it.each<[string, IntentMatch, ScoringEvent[], number]>([
    ['page glob', { kind: 'page', path: '/pricing/**' }, [view('/pricing', at(1)), view('/pricing/teams/', at(2))], 20],
    ['page needs a pageview', { kind: 'page', path: '/pricing' }, [engagement('/pricing', at(1), 9e5, 100)], 0],
    ['page list', { kind: 'page', path: ['/docs/**', '/integrations/*'] }, [view('/docs', at(1)), view('/integrations/x', at(2))], 20],
    ['page miss', { kind: 'page', path: '/pricing' }, [view('/pricing-old', at(1))], 0],
    ['event type', { kind: 'event', type: 'outbound' }, [event('outbound', '/', at(1), { props: { href: 'https://g2.com' } })], 10],
    ['event type on a path', { kind: 'event', type: 'vitals', path: '/blog/*' }, [event('vitals', '/pricing', at(1))], 0],
    ['form id', { kind: 'form', form: 'demo-request' }, [submit('demo-request', at(1))], 10],
    ['form glob', { kind: 'form', form: 'demo-*' }, [submit('Demo-Request', at(1)), submit('newsletter', at(2))], 10],
    ['form needs props.form', { kind: 'form', form: '*' }, [event('form_submit', '/contact', at(1))], 0],
    ['download by file path', { kind: 'download', file: '/resources/*.pdf' }, [download('/resources/icp-guide.pdf', at(1))], 10],
    ['download on a CDN', { kind: 'download', file: '/resources/*.pdf' }, [download('https://cdn.example/resources/a.pdf?v=2', at(1))], 10],
    ['download miss', { kind: 'download', file: '/resources/*.pdf' }, [download('/resources/deck.pptx', at(1))], 0],
    ['track name', { kind: 'track', name: ['roi_calculated', 'trial_*'] }, [event('track', '/', at(1), { name: 'trial_started' })], 10],
    ['track miss', { kind: 'track', name: 'roi_calculated' }, [event('track', '/', at(1), { name: 'video_played' })], 0],
    ['engaged ≥ 60 s', { kind: 'engaged', minSeconds: 60 }, [engagement('/a', at(1), 60_000, 0), engagement('/b', at(2), 59_999, 0)], 10],
    ['engaged on a path', { kind: 'engaged', minSeconds: 60, path: '/blog/*' }, [engagement('/pricing', at(1), 90_000, 0)], 0],
    ['scroll ≥ 75 %', { kind: 'scroll', minPercent: 75 }, [engagement('/a', at(1), 0, 75), engagement('/b', at(2), 0, 74)], 10],
    ['scroll ignores a string', { kind: 'scroll', minPercent: 75 }, [event('engagement', '/a', at(1), { props: { scrollPct: '90' } })], 0],
  ])('%s', (_, match, events, expected) => {
    expect(intentFor(match, events)).toBe(expected);
  });
});

describe('returning visits', () => {
  const returning: IntentMatch = { kind: 'returning', minSessions: 2 };
  const visits = (...sids: string[]) => sids.map((sid, i) => view('/', at(i), sid));

  it.each<[string, string[], number]>([
    ['one session', ['a', 'a', 'a'], 0],
    ['second session counts once', ['a', 'b', 'b'], 10],
    ['each new session after that', ['a', 'b', 'c', 'd'], 30],
    ['switching back to a tab is no new visit', ['a', 'b', 'a', 'b', 'a'], 10],
  ])('%s', (_, sids, expected) => {
    expect(intentFor(returning, visits(...sids))).toBe(expected);
  });

  it('shows which visit it was', () => {
    const score = scoreLead(visits('a', 'b'), {}, onlyIntent(rule({ match: returning })), at(60));
    expect(score.reasons[0]?.events[0]?.detail).toBe('visit 2');
  });
});

describe('explanations', () => {
  it('keeps the 5 newest events, newest first, with what matched', () => {
    const forms = [1, 2, 3, 4, 5, 6, 7].map((m) => submit(`f${m}`, at(m)));
    const score = scoreLead(forms, {}, onlyIntent(rule({ match: { kind: 'form', form: 'f*' }, label: 'Any form' })), at(7));
    const reason = score.reasons[0];
    expect(reason).toMatchObject({ rule: 'r', kind: 'intent', label: 'Any form', points: 70, pointsAtTime: 70 });
    expect(reason?.events.map((e) => e.detail)).toEqual(['form f7', 'form f6', 'form f5', 'form f4', 'form f3']);
  });

  it('labels a rule from its match when no label is given', () => {
    const score = scoreLead([view('/pricing', at(1))], {}, onlyIntent(rule({ match: { kind: 'page', path: '/pricing' } })), at(2));
    expect(score.reasons[0]?.label).toBe('Visited /pricing');
  });
});
