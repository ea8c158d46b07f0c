/**
 * A visitor's first lead id is derived from (site, vid), so creating it is idempotent: a retried
 * beacon, or two racing ones, land on the same row without a read first.
 */
export async function leadIdFor(site: string, vid: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${site}\u0000${vid}`));
  let hex = '';
  for (const byte of new Uint8Array(digest).subarray(0, 10)) hex += byte.toString(16).padStart(2, '0');
  return `ld_${hex}`;
}
