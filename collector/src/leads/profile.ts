/** The firmographic profile scoring reads: the lead's own answers plus its matched account. */
import { eq, sql } from 'drizzle-orm';
import { inlineLimit } from '../db/inline-limit.ts';
import { accounts, leads } from '../db/schema.ts';
import type { Db } from '../db/store.ts';
import type { Account, Profile } from '../scoring/index.ts';

type LeadRow = typeof leads.$inferSelect;
type AccountRow = typeof accounts.$inferSelect;

/** The account of a lead: by email domain, else by the company name it typed. */
export async function findAccount(db: Db, domain: string | null, company: string | null): Promise<AccountRow | undefined> {
  if (domain) {
    const [byDomain] = await db.select().from(accounts).where(eq(accounts.domain, domain));
    if (byDomain) return byDomain;
  }
  if (company) {
    const [byName] = await db.select().from(accounts).where(sql`${accounts.name} = ${company} collate nocase`).limit(inlineLimit(1));
    return byName;
  }
  return undefined;
}

export function toAccount(row: AccountRow): Account {
  return {
    domain: row.domain,
    name: row.name ?? undefined,
    industry: row.industry ?? undefined,
    employees: row.employees ?? undefined,
    revenue: row.revenue ?? undefined,
    country: row.country ?? undefined,
    tier: row.tier ?? undefined,
  };
}

/** The lead columns a profile is made of (a list selects only what it needs). */
type ProfileColumns = Pick<LeadRow, 'email' | 'domain' | 'firstName' | 'lastName' | 'company' | 'jobTitle' | 'companySize' | 'industry' | 'country' | 'bot'>;

/** The scoring profile of a lead row. */
export function profileOf(lead: ProfileColumns, account: AccountRow | undefined): Profile {
  return {
    email: lead.email ?? undefined,
    domain: lead.domain ?? undefined,
    firstName: lead.firstName ?? undefined,
    lastName: lead.lastName ?? undefined,
    company: lead.company ?? undefined,
    jobTitle: lead.jobTitle ?? undefined,
    companySize: lead.companySize ?? undefined,
    industry: lead.industry ?? undefined,
    country: lead.country ?? undefined,
    account: account ? toAccount(account) : null,
    bot: lead.bot,
  };
}
