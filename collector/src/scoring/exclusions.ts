/**
 * Exclusions block qualification outright, with a reason sales can read, instead of hiding in
 * negative points that enough page views would outweigh.
 */
import { domainMatcher } from './domains.ts';
import type { LeadFacts } from './lead-facts.ts';
import type { ScoringConfig } from './rules.ts';
import type { Exclusion } from './types.ts';

/** What says the lead is a bot: the collector's flag (user agent, webdriver, speed) and behaviour. */
export interface BotEvidence {
  /** Flagged at ingestion (`Profile.bot`). */
  flagged: boolean;
  /** Why its behaviour reads as a bot (see bot-behaviour.ts), or null. */
  behaviour: string | null;
}

/** Lists every exclusion that applies to a lead (empty when none). */
export type ExclusionCheck = (facts: LeadFacts, bot: BotEvidence) => Exclusion[];

const domainsOf = (f: LeadFacts) => [f.domain, f.accountDomain].filter((d): d is string => d !== undefined);

/** Compiles the `exclusions` section once. */
export function compileExclusions(config: ScoringConfig['exclusions']): ExclusionCheck {
  const isCompetitor = domainMatcher(config.competitors);
  const isCustomerDomain = domainMatcher(config.customers.domains);
  const customerTiers = new Set(config.customers.tiers.map((t) => t.toLowerCase()));
  const isAcademic = domainMatcher(config.students.domains);
  const studentTitles = config.students.titles.map((source) => new RegExp(source, 'i'));

  return (facts, bot) => {
    const found: Exclusion[] = [];
    // One `bot` entry: the ingestion flag is the stronger evidence, so its reason wins.
    if (config.bots && bot.flagged) found.push({ code: 'bot', reason: 'Flagged as a bot (automated browser or crawler)' });
    else if (config.bots && bot.behaviour !== null) found.push({ code: 'bot', reason: bot.behaviour });

    const customerDomain = domainsOf(facts).find(isCustomerDomain);
    if (facts.tier !== undefined && customerTiers.has(facts.tier.toLowerCase())) {
      found.push({ code: 'customer', reason: `Existing customer (account tier ${facts.tier})` });
    } else if (customerDomain) {
      found.push({ code: 'customer', reason: `Existing customer (${customerDomain} is on the customer list)` });
    }

    const competitor = domainsOf(facts).find(isCompetitor);
    if (competitor) found.push({ code: 'competitor', reason: `${competitor} is on the competitor list` });

    const title = facts.title;
    const academic = domainsOf(facts).find(isAcademic);
    if (title !== undefined && studentTitles.some((re) => re.test(title))) {
      found.push({ code: 'student', reason: `Job title "${title}" reads as a student or job seeker` });
    } else if (academic) {
      found.push({ code: 'student', reason: `${academic} is an academic domain` });
    }

    if (config.freeMail && facts.freeMail) {
      found.push({ code: 'free_mail', reason: `${facts.domain} is a free-mail provider, not a company` });
    }
    return found;
  };
}
