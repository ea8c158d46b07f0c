/**
 * The firmographic facts rules read, gathered once per evaluation. The lead's own answers win;
 * the imported account fills what the lead did not say.
 */
import { employeesFromCompanySize } from './company-size.ts';
import { emailDomain } from './domains.ts';
import type { Profile } from './types.ts';

/** A profile reduced to what rules test, lead answers first, account second. */
export interface LeadFacts {
  title?: string;
  employees?: number;
  /** The size as the lead gave it, for explanations. */
  companySize?: string;
  industry?: string;
  country?: string;
  revenue?: number;
  tier?: string;
  /** The lead's email domain, lower-cased. */
  domain?: string;
  /** The matched account's domain, lower-cased. */
  accountDomain?: string;
  /** The email domain is a free-mail provider. */
  freeMail: boolean;
}

const given = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);

/** Facts for one profile; `isFreeMail` is the compiled free-mail check. */
export function leadFacts(profile: Profile, isFreeMail: (domain: string) => boolean): LeadFacts {
  const account = profile.account ?? undefined;
  const domain = (given(profile.domain) ?? emailDomain(profile.email))?.toLowerCase();
  const employeesAnswered = employeesFromCompanySize(given(profile.companySize));
  return {
    title: given(profile.jobTitle),
    employees: employeesAnswered ?? account?.employees,
    companySize: employeesAnswered === undefined ? undefined : given(profile.companySize),
    industry: given(profile.industry) ?? given(account?.industry),
    country: given(profile.country) ?? given(account?.country),
    revenue: account?.revenue,
    tier: given(account?.tier),
    domain,
    accountDomain: given(account?.domain)?.toLowerCase(),
    freeMail: domain !== undefined && isFreeMail(domain),
  };
}
