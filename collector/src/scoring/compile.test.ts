import { describe, expect, it } from 'vitest';
import * as scoring from './index.ts';
import { scoringSchema } from './rules.ts';
import { compile } from './test-helpers.ts';

describe('compileScoring', () => {
  it('fingerprints the intent rules, so the collector knows when stored states need a replay', () => {
    const base = compile();
    expect(compile().fingerprint).toBe(base.fingerprint);
    expect(compile({ mql: { minFit: 80 }, fit: [] }).fingerprint).toBe(base.fingerprint);
    const changed = scoringSchema.parse({});
    changed.intent[0]!.points = 41;
    expect(scoring.compileScoring(changed, { freeMailDomains: [] }).fingerprint).not.toBe(base.fingerprint);
  });

  it('takes the free-mail list from the caller, as any iterable, in any case', () => {
    const compiled = scoring.compileScoring(scoring.defaultScoring, { freeMailDomains: new Set([' GMX.de ']) });
    expect([compiled.isFreeMail('gmx.de'), compiled.isFreeMail('GMX.DE'), compiled.isFreeMail('gmail.com')]).toEqual([true, true, false]);
  });

  it('exposes the engine from one entry point', () => {
    const compiled = scoring.compileScoring(scoring.defaultScoring, { freeMailDomains: [] });
    const pricing: scoring.ScoringEvent = {
      id: 'e1', type: 'pageview', ts: 1, url: 'https://x.example/pricing', path: '/pricing', sid: 's', props: {},
    };
    const live = scoring.evaluate(scoring.applyEvent(scoring.emptyIntentState(), pricing, compiled), {}, compiled, 1);
    expect(live.intent).toBe(15);
    expect(live).toEqual(scoring.scoreLead([pricing], {}, compiled, 1));
  });
});
