/** Where the route callback lives on `history`, shared by every install on the page. */
type Patched = History & { _tells?: (full?: boolean) => void };

/**
 * Calls `onRoute` when a single-page app changes route: `pushState` or `popstate` to another
 * path or query, `replaceState` only to another path (routers replace to rewrite the query
 * or state of the same page). Without `hash`, anchor jumps are the same page; with it, the
 * hash is part of the route. The history patch chains to whatever was there (and whatever
 * wraps it later) and is installed once per page: installing again only swaps the callback,
 * so nothing fires twice.
 *
 * `since`: the URL last counted as a view. This runs from ext.js, which arrives after the
 * page has loaded; if the app went to another path meanwhile, `onRoute` fires at once.
 */
export function watchRoutes(w: Window, hash: boolean, onRoute: () => void, since?: string): void {
  const h = w.history as Patched;
  const l = w.location;
  const key = (u: Location | URL, full?: boolean) => u.pathname + (full ? u.search : '') + (hash ? u.hash : '');
  let path = key(l);
  let url = key(l, true);
  const check = (full?: boolean) => {
    if (key(l) != path || (full && key(l, true) != url)) onRoute();
    path = key(l);
    url = key(l, true);
  };
  if (!h._tells) {
    (['pushState', 'replaceState'] as const).forEach((m, i) => {
      const orig = h[m];
      h[m] = function (this: History) {
        // The page's navigation comes first and is never affected by us.
        const r = orig.apply(this, arguments as unknown as Parameters<History['pushState']>);
        try {
          h._tells!(!i);
        } catch {}
        return r;
      };
    });
    w.addEventListener('popstate', () => h._tells!(true));
  }
  h._tells = check;
  if (since && key(new URL(since)) != path) onRoute();
}
