/**
 * Privacy mode: the browser sent Global Privacy Control (`navigator.globalPrivacyControl`) or
 * Do Not Track (`navigator.doNotTrack === '1'`).
 *
 * In privacy mode the tracker still reports *anonymous* behaviour — pageviews, engagement,
 * downloads, outbound clicks, vitals, custom `track` events — because aggregate site analytics
 * needs no identity. It drops everything that identifies or links a person:
 * - the visitor id is ephemeral (random per page load, never stored), so visits cannot be joined;
 * - nothing is written to localStorage (no ids, no attribution, no retry queue);
 * - no form field values and no `identify` calls;
 * - no ad click ids (gclid, li_fat_id, msclkid), neither in attribution nor in URLs;
 * - every envelope says `gpc: true`, so the collector also stores nothing identifying.
 */
export const isPrivate = (n: Navigator): boolean =>
  (n as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl || n.doNotTrack == '1';

/** Ad-platform click ids: they identify a person's ad click, so privacy mode removes them. */
export const CLICK_IDS = ['gclid', 'li_fat_id', 'msclkid'];

/** The URL without click ids. */
export function stripClickIds(href: string): string {
  const u = new URL(href);
  const q = u.searchParams;
  // Only touch the query when needed: deleting re-serializes it (`%20` becomes `+`).
  for (const k of CLICK_IDS) if (q.has(k)) q.delete(k);
  return u.href;
}
