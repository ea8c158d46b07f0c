/** Email and company domains: extraction and list matching, compiled once. */

/** The lower-cased domain of an email address, or undefined when there is none. */
export function emailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return undefined;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return domain || undefined;
}

/**
 * A predicate for a list of domain patterns. A plain entry matches the domain and its
 * subdomains (`acme.com` covers `eu.acme.com`, because one company has many mail hosts);
 * `*` stands for one or more labels (`*.edu`, `*.ac.*`).
 */
export function domainMatcher(patterns: readonly string[]): (domain: string) => boolean {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase();
    if (!pattern.includes('*')) exact.add(pattern);
    else {
      const source = pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[a-z0-9.-]+');
      globs.push(new RegExp(`^${source}$`));
    }
  }
  return (domain) => {
    const d = domain.toLowerCase();
    for (let i = 0; i >= 0; i = d.indexOf('.', i + 1)) {
      // Try `eu.acme.com`, then `acme.com`, then `com`: a parent domain on the list counts.
      if (exact.has(i === 0 ? d : d.slice(i + 1))) return true;
    }
    return globs.some((re) => re.test(d));
  };
}
