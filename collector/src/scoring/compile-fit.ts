/** Fit rules compiled to predicates over `LeadFacts`, each telling what matched. */
import { domainMatcher } from './domains.ts';
import type { LeadFacts } from './lead-facts.ts';
import { SENIORITY_PATTERNS, type FitCondition, type FitRule } from './schema-fit.ts';

/** A fit rule ready to test: `test` returns what matched, or null when the rule does not apply. */
export interface CompiledFitRule {
  id: string;
  label: string;
  points: number;
  test: (facts: LeadFacts) => string | null;
}

type Check = (facts: LeadFacts) => string | null;

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
const inRange = (value: number | undefined, r: { min?: number; max?: number }) =>
  value !== undefined && (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max);
const sameText = (list: readonly string[]) => {
  const wanted = new Set(list.map((s) => s.trim().toLowerCase()));
  return (value: string | undefined) => value !== undefined && wanted.has(value.toLowerCase());
};

function checksFor(when: FitCondition): Check[] {
  const checks: Check[] = [];
  const titleCheck = (patterns: RegExp[]): Check => (f) =>
    f.title !== undefined && patterns.some((re) => re.test(f.title as string)) ? f.title : null;
  if (when.seniority) checks.push(titleCheck(when.seniority.map((s) => SENIORITY_PATTERNS[s])));
  if (when.title) checks.push(titleCheck(when.title.map((source) => new RegExp(source, 'i'))));
  if (when.employees) {
    const range = when.employees;
    checks.push((f) => (inRange(f.employees, range) ? `${f.companySize ?? f.employees} employees` : null));
  }
  if (when.industry) {
    // Word match, so "IT" does not fire on "Hospitality".
    const words = new RegExp(`\\b(${when.industry.map(escapeRegExp).join('|')})\\b`, 'i');
    checks.push((f) => (f.industry !== undefined && words.test(f.industry) ? f.industry : null));
  }
  if (when.country) {
    const isListed = sameText(when.country);
    checks.push((f) => (isListed(f.country) ? (f.country as string) : null));
  }
  if (when.revenue) {
    const range = when.revenue;
    checks.push((f) => (inRange(f.revenue, range) ? `revenue ${f.revenue}` : null));
  }
  if (when.tier) {
    const isListed = sameText(when.tier);
    checks.push((f) => (isListed(f.tier) ? `account ${f.tier}` : null));
  }
  if (when.emailDomain) {
    const isListed = domainMatcher(when.emailDomain);
    checks.push((f) => (f.domain !== undefined && isListed(f.domain) ? f.domain : null));
  }
  if (when.businessEmail !== undefined) {
    const wantBusiness = when.businessEmail;
    checks.push((f) => (f.domain !== undefined && f.freeMail !== wantBusiness ? f.domain : null));
  }
  return checks;
}

function defaultLabel(when: FitCondition): string {
  const parts: string[] = [];
  if (when.seniority) parts.push(`Title: ${when.seniority.join('/')}`);
  if (when.title) parts.push('Title matches');
  if (when.employees) parts.push(`${when.employees.min ?? 0}–${when.employees.max ?? '∞'} employees`);
  if (when.industry) parts.push(`Industry: ${when.industry.join(', ')}`);
  if (when.country) parts.push(`Country: ${when.country.join(', ')}`);
  if (when.revenue) parts.push(`Revenue ${when.revenue.min ?? 0}–${when.revenue.max ?? '∞'}`);
  if (when.tier) parts.push(`Account ${when.tier.join('/')}`);
  if (when.emailDomain) parts.push('Email domain listed');
  if (when.businessEmail !== undefined) parts.push(when.businessEmail ? 'Business email' : 'Free-mail email');
  return parts.join(' · ');
}

/** Compiles one fit rule; every condition given must hold. */
export function compileFitRule(rule: FitRule): CompiledFitRule {
  const checks = checksFor(rule.when);
  return {
    id: rule.id,
    label: rule.label ?? defaultLabel(rule.when),
    points: rule.points,
    test(facts) {
      const details: string[] = [];
      for (const check of checks) {
        const detail = check(facts);
        if (detail === null) return null;
        if (!details.includes(detail)) details.push(detail);
      }
      return details.join(' · ');
    },
  };
}
