/**
 * URL-path and name patterns, compiled once. Semantics follow Plausible's goal paths, which
 * marketers already know: `*` stays within one path segment, `**` crosses segments.
 */

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles one glob to an anchored, case-insensitive RegExp (paths are typed as seen, not as
 * served). A trailing `/**` also matches the bare prefix, so `/pricing/**` covers `/pricing`.
 */
export function globToRegExp(glob: string): RegExp {
  let body = glob;
  let tail = '';
  if (body.endsWith('/**')) {
    body = body.slice(0, -3);
    tail = '(?:/.*)?';
  }
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '*') source += escapeRegExp(ch);
    else if (body[i + 1] === '*') {
      source += '.*';
      i++;
    } else source += '[^/]*';
  }
  return new RegExp(`^${source}${tail}$`, 'i');
}

/** A predicate true when the text matches any of the globs. */
export function anyGlob(globs: string | readonly string[]): (text: string) => boolean {
  const regexps = (typeof globs === 'string' ? [globs] : globs).map(globToRegExp);
  return (text) => regexps.some((re) => re.test(text));
}

/** Globs as one readable string, for default labels. */
export const listGlobs = (globs: string | readonly string[]) =>
  typeof globs === 'string' ? globs : globs.join(', ');

/**
 * The path a rule sees: no query or hash, no trailing slash (except the root), so that
 * `/pricing/` and `/pricing?plan=pro` are the same page.
 */
export function normalizePath(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  const withSlash = bare.startsWith('/') ? bare : `/${bare}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') || '/' : withSlash;
}

/** The path of a link, resolved against the page it was on; the raw text if it is no URL. */
export function linkPath(href: string, pageUrl: string): string {
  try {
    return normalizePath(new URL(href, pageUrl).pathname);
  } catch {
    return normalizePath(href);
  }
}
