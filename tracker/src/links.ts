/** File extensions a link to counts as a download: documents, archives, installers, media. */
export const FILE_RE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|txt|csv|epub|key|zip|rar|7z|t?gz|dmg|exe|msi|pkg|apk|iso|mp[34]|mov|avi|wav)$/i;

/**
 * What a click means: `download` (a link to a file, or with a `download` attribute) or
 * `outbound` (a link to another host), with the link's URL; `undefined` for anything else —
 * internal links, `mailto:`, `tel:`, `javascript:`, SVG links, right-clicks (auxclick with
 * button 2 only opens a menu; button 1 is a middle-click that opens the link).
 */
export function linkClick(e: MouseEvent, host: string): ['download' | 'outbound', string] | undefined {
  try {
    // Throws, and so ends here, when there is no link; an SVG link's href is an object, and an
    // unresolvable one comes back raw: both throw too.
    const a = (e.type == 'click' || e.button == 1) && ((e.target as Element).closest('a[href]') as HTMLAnchorElement);
    const u = new URL((a as HTMLAnchorElement).href);
    const type = /^https?:$/.test(u.protocol) && ((a as HTMLAnchorElement).hasAttribute('download') || FILE_RE.test(u.pathname) ? 'download' : u.host != host && 'outbound');
    if (type) return [type, u.href];
  } catch {}
}
