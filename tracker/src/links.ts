/** File extensions a link to counts as a download: documents, archives, installers, media. */
export const FILE_RE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|txt|csv|epub|key|zip|rar|7z|t?gz|dmg|exe|msi|pkg|apk|iso|mp[34]|mov|avi|wav)$/i;

/**
 * What a click means: `download` (a link to a file, or with a `download` attribute) or
 * `outbound` (a link to another host), with the link's URL; `undefined` for anything else —
 * internal links, `mailto:`, `tel:`, `javascript:`, SVG links, right-clicks (auxclick with
 * button 2 only opens a menu; button 1 is a middle-click that opens the link).
 */
export function linkClick(e: MouseEvent, host: string): ['download' | 'outbound', string] | undefined {
  const t = e.target as Element | null;
  const a = (e.type == 'click' || e.button == 1) && t && t.closest && (t.closest('a[href]') as HTMLAnchorElement | null);
  try {
    // An SVG link's href is an object, an unresolvable one comes back raw: both throw here.
    const u = a && new URL(a.href);
    if (u && /^https?:$/.test(u.protocol)) {
      const type = a.hasAttribute('download') || FILE_RE.test(u.pathname) ? 'download' : u.host != host && 'outbound';
      if (type) return [type, u.href];
    }
  } catch {}
}
