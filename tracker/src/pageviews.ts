/** Where the route callback lives on `history`, shared by every install on the page. */
type Patched = History & { _tells?: (full?: boolean) => void };

/**
 * Calls `onRoute` when a single-page app changes route: `pushState` or `popstate` to another
 * path or query, `replaceState` only to another path (routers replace to rewrite the query
 * or state of the same page). Without `hash`, anchor jumps are the same page; with it, the
 * hash is part of the route. The history patch chains to whatever was there (and whatever
 * wraps it later) and is installed once per page: installing again only swaps the callback,
 * so nothing fires twice.
 */
export function watchRoutes(w: Window, hash: boolean, onRoute: () => void): void {
  const h = w.history as Patched;
  const l = w.location;
  const key = (full?: boolean) => l.pathname + (full ? l.search : '') + (hash ? l.hash : '');
  let path = key();
  let url = key(true);
  const check = (full?: boolean) => {
    if (key() != path || (full && key(true) != url)) onRoute();
    path = key();
    url = key(true);
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
}
