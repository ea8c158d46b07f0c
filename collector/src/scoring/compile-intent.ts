/** Intent rules compiled to matchers, with decay and frequency in milliseconds. */
import { anyGlob, linkPath, listGlobs, normalizePath } from './glob.ts';
import type { IntentMatch, IntentRule } from './schema-intent.ts';
import type { ScoringEvent } from './types.ts';

const DAY_MS = 86_400_000;
/** Used when a positive rule gives no decay: intent is about now, not about last year. */
export const DEFAULT_HALF_LIFE_DAYS = 30;

/** What a matching event is about: the frequency key for `by: 'page'`, and a detail to show. */
export interface MatchHit {
  page: string;
  detail?: string;
}

/** Session facts `applyEvent` knows before matching. */
export interface MatchContext {
  newSession: boolean;
  sessionCount: number;
}

/** Tells whether an event counts for a rule, and what it was about. */
export type Matcher = (event: ScoringEvent, context: MatchContext) => MatchHit | null;

/** Decay in milliseconds; `none` for negative rules, which never fade. */
export type CompiledDecay = { kind: 'halfLife' | 'window'; ms: number } | { kind: 'none' };

/** An intent rule ready to apply: a matcher plus its numbers in milliseconds. */
export interface CompiledIntentRule {
  id: string;
  label: string;
  points: number;
  cap: number;
  highIntent: boolean;
  decay: CompiledDecay;
  frequency?: { max: number; ms: number; by: 'page' | 'rule' | 'session' };
  match: Matcher;
}

const pathOf = (e: ScoringEvent) => normalizePath(e.path || linkPath(e.url, e.url));
const numberProp = (e: ScoringEvent, key: string) => {
  const value = e.props[key];
  return typeof value === 'number' ? value : undefined;
};
const stringProp = (e: ScoringEvent, key: string) => {
  const value = e.props[key];
  return typeof value === 'string' ? value : undefined;
};
const onPage = (path: string | readonly string[] | undefined) => (path === undefined ? () => true : anyGlob(path));

function compileMatch(m: IntentMatch): Matcher {
  switch (m.kind) {
    case 'page': {
      const isPage = anyGlob(m.path);
      return (e) => (e.type === 'pageview' && isPage(pathOf(e)) ? { page: pathOf(e) } : null);
    }
    case 'event': {
      const isPage = onPage(m.path);
      return (e) => (e.type === m.type && isPage(pathOf(e)) ? { page: pathOf(e) } : null);
    }
    case 'form': {
      const isForm = anyGlob(m.form);
      const isPage = onPage(m.path);
      return (e) => {
        const form = stringProp(e, 'form');
        return e.type === 'form_submit' && form !== undefined && isForm(form) && isPage(pathOf(e))
          ? { page: pathOf(e), detail: `form ${form}` }
          : null;
      };
    }
    case 'download': {
      const isFile = anyGlob(m.file);
      return (e) => {
        const href = stringProp(e, 'href');
        if (e.type !== 'download' || href === undefined) return null;
        const file = linkPath(href, e.url);
        return isFile(file) ? { page: file, detail: file } : null;
      };
    }
    case 'track': {
      const isName = anyGlob(m.name);
      return (e) =>
        e.type === 'track' && e.name !== undefined && isName(e.name) ? { page: pathOf(e), detail: e.name } : null;
    }
    case 'engaged': {
      const isPage = onPage(m.path);
      return (e) => {
        const ms = numberProp(e, 'engagedMs');
        return e.type === 'engagement' && ms !== undefined && ms >= m.minSeconds * 1000 && isPage(pathOf(e))
          ? { page: pathOf(e), detail: `engaged ${Math.round(ms / 1000)} s` }
          : null;
      };
    }
    case 'scroll': {
      const isPage = onPage(m.path);
      return (e) => {
        const pct = numberProp(e, 'scrollPct');
        return e.type === 'engagement' && pct !== undefined && pct >= m.minPercent && isPage(pathOf(e))
          ? { page: pathOf(e), detail: `scrolled ${Math.round(pct)}%` }
          : null;
      };
    }
    case 'returning':
      return (e, c) =>
        c.newSession && c.sessionCount >= m.minSessions ? { page: pathOf(e), detail: `visit ${c.sessionCount}` } : null;
  }
}

function defaultLabel(m: IntentMatch): string {
  switch (m.kind) {
    case 'page': return `Visited ${listGlobs(m.path)}`;
    case 'event': return m.path ? `${m.type} on ${listGlobs(m.path)}` : `Any ${m.type}`;
    case 'form': return `Submitted form ${listGlobs(m.form)}`;
    case 'download': return `Downloaded ${listGlobs(m.file)}`;
    case 'track': return `Did ${listGlobs(m.name)}`;
    case 'engaged': return `Engaged ${m.minSeconds} s or more on a page`;
    case 'scroll': return `Scrolled ${m.minPercent}% or more of a page`;
    case 'returning': return `Came back (${m.minSessions}+ visits)`;
  }
}

function compileDecay(rule: IntentRule): CompiledDecay {
  if (rule.points < 0) return { kind: 'none' };
  const decay = rule.decay ?? { halfLifeDays: DEFAULT_HALF_LIFE_DAYS };
  return 'halfLifeDays' in decay
    ? { kind: 'halfLife', ms: decay.halfLifeDays * DAY_MS }
    : { kind: 'window', ms: decay.windowDays * DAY_MS };
}

/** Compiles one intent rule. */
export function compileIntentRule(rule: IntentRule): CompiledIntentRule {
  const { frequency } = rule;
  return {
    id: rule.id,
    label: rule.label ?? defaultLabel(rule.match),
    points: rule.points,
    cap: rule.cap,
    highIntent: rule.highIntent ?? false,
    decay: compileDecay(rule),
    ...(frequency ? { frequency: { max: frequency.max, ms: frequency.perDays * DAY_MS, by: frequency.by } } : {}),
    match: compileMatch(rule.match),
  };
}
