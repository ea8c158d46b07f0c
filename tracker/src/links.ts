/** File extensions a click on counts as a download (marketing assets, installers, media, archives). */
export const FILE_RE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|txt|csv|epub|key|zip|rar|7z|gz|tgz|dmg|exe|msi|pkg|apk|iso|mp[34]|mov|avi|wav)$/i;

/**
 * What a click on `a` is: `download` (a file, or a `download` attribute), `outbound` (another
 * host), or `undefined` (an ordinary internal link, `mailto:`, `tel:`, `javascript:`, SVG links).
 */
export function classify(a: Element, host: string): 'download' | 'outbound' | undefined {
  try {
    // SVG links have an object here; an unresolvable href is returned raw and throws below.
    const u = new URL((a as HTMLAnchorElement).href);
    if (/^https?:$/.test(u.protocol))
      return a.hasAttribute('download') || FILE_RE.test(u.pathname) ? 'download' : u.host != host ? 'outbound' : undefined;
  } catch {}
}

/**
 * The link a click or middle-click (auxclick, button 1) landed on. Right-clicks also fire
 * auxclick but only open a menu, so they are not counted.
 */
export function clickedLink(e: MouseEvent): Element | null | undefined {
  const t = e.target as Element | null;
  if (e.type == 'click' || e.button == 1) return t && t.closest && t.closest('a[href]');
}
